package emulator

import (
	"mime"
	"path"
	"strconv"
)

// Media messages people send. The builders run under the server's lock
// because they store files.

func (s *Server) photoMessageLocked(data []byte, caption string) *Message {
	return &Message{Photo: s.newPhotoLocked(data, ""), Caption: caption}
}

func (s *Server) documentMessageLocked(fileName, mimeType string, data []byte, caption string) *Message {
	if mimeType == "" {
		mimeType = mime.TypeByExtension(path.Ext(fileName))
	}
	f := s.newFileLocked("document", data, fileName, mimeType, path.Ext(fileName))
	return &Message{Caption: caption, Document: &Document{FileID: f.id, FileUniqueID: f.uniqueID, FileName: fileName, MimeType: mimeType, FileSize: len(data)}}
}

// stickerBytes and voiceBytes are just enough of a WebP and an Ogg file
// for a download to look like one.
var (
	stickerBytes = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	voiceBytes   = []byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00emulated voice note")
)

// SendPhoto sends a photo; its sizes derive from the image (JPEG or PNG)
// or default to 640x480.
func (u *User) SendPhoto(data []byte, caption string) Message {
	return u.sendBuilt(func() *Message { return u.s.photoMessageLocked(data, caption) })
}

// SendAlbum sends photos as one album: one message and one update each,
// sharing a media_group_id, the caption on the first.
func (u *User) SendAlbum(photos [][]byte, caption string) []Message {
	u.s.mu.Lock()
	u.s.albumSeq++
	group := strconv.FormatInt(13000000000000000+u.s.albumSeq, 10)
	u.s.mu.Unlock()
	out := make([]Message, 0, len(photos))
	for i, data := range photos {
		c := ""
		if i == 0 {
			c = caption
		}
		out = append(out, u.sendBuilt(func() *Message {
			m := u.s.photoMessageLocked(data, c)
			m.MediaGroupID = group
			return m
		}))
	}
	return out
}

// SendDocument sends a file; an empty mimeType is guessed from the name.
func (u *User) SendDocument(fileName, mimeType string, data []byte, caption string) Message {
	return u.sendBuilt(func() *Message { return u.s.documentMessageLocked(fileName, mimeType, data, caption) })
}

// SendSticker sends a thumbs-up sticker.
func (u *User) SendSticker() Message {
	return u.sendBuilt(func() *Message {
		f := u.s.newFileLocked("sticker", stickerBytes, "", "image/webp", ".webp")
		return &Message{Sticker: &Sticker{FileID: f.id, FileUniqueID: f.uniqueID, Type: "regular", Width: 512, Height: 512, Emoji: "👍", FileSize: len(stickerBytes)}}
	})
}

// SendVoice sends a two-second voice note.
func (u *User) SendVoice() Message {
	return u.sendBuilt(func() *Message {
		f := u.s.newFileLocked("voice", voiceBytes, "", "audio/ogg", ".oga")
		return &Message{Voice: &Voice{FileID: f.id, FileUniqueID: f.uniqueID, Duration: 2, MimeType: "audio/ogg", FileSize: len(voiceBytes)}}
	})
}

// SendContact shares the user's own phone number, as the
// request_contact button does.
func (u *User) SendContact(phone string) Message {
	info := u.Info()
	return u.send(&Message{Contact: &Contact{PhoneNumber: phone, FirstName: info.FirstName, LastName: info.LastName, UserID: info.ID}})
}

// SendLocation shares a point, as the request_location button does.
func (u *User) SendLocation(lat, lon float64) Message {
	return u.send(&Message{Location: &Location{Latitude: lat, Longitude: lon}})
}

// SendVenue shares a named place.
func (u *User) SendVenue(lat, lon float64, title, address string) Message {
	return u.send(&Message{Venue: &Venue{Location: Location{Latitude: lat, Longitude: lon}, Title: title, Address: address}})
}
