// Package bot is the Telegram edge: it takes updates in (long polling or
// webhook), turns them into flows.Inputs, and sends flows.Messages out
// through one rate-limited sender. Telegram library types stop here.
package bot

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
)

// chatKey returns the chat an update belongs to, for ordering: updates of
// one chat are handled one at a time, in order.
func chatKey(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil && m.Chat.ID != 0 {
			return m.Chat.ID
		}
		if m := u.CallbackQuery.Message.InaccessibleMessage; m != nil && m.Chat.ID != 0 {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChannelPost != nil:
		return u.ChannelPost.Chat.ID
	}
	return 0
}

// toInput strips an update of Telegram's types. botUsername lets
// "/start@OurBot" be recognised while "/start@OtherBot" in a group is not
// ours to answer.
func toInput(u *models.Update, botUsername string) flows.Input {
	in := flows.Input{UpdateID: u.ID, Kind: flows.KindIgnored, ChatID: chatKey(u)}
	switch {
	case u.Message != nil:
		fromMessage(&in, u.Message, botUsername)
	case u.EditedMessage != nil:
		fromMessage(&in, u.EditedMessage, botUsername)
		in.Kind = flows.KindEdited
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in.Kind = flows.KindCallback
		setUser(&in, &q.From)
		in.CallbackID = q.ID
		in.CallbackData = q.Data
		in.ChatType = flows.ChatPrivate
		if m := q.Message.Message; m != nil {
			in.MessageID = m.ID
			in.ChatType = string(m.Chat.Type)
		} else if m := q.Message.InaccessibleMessage; m != nil {
			in.MessageID = m.MessageID
			in.ChatType = string(m.Chat.Type)
		}
	case u.MyChatMember != nil:
		cm := u.MyChatMember
		setUser(&in, &cm.From)
		in.ChatType = string(cm.Chat.Type)
		switch cm.NewChatMember.Type {
		case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
			in.Kind = flows.KindBlocked
		case models.ChatMemberTypeMember:
			in.Kind = flows.KindUnblocked
		}
	}
	return in
}

func setUser(in *flows.Input, u *models.User) {
	if u == nil {
		return
	}
	in.UserID = u.ID
	in.FirstName = u.FirstName
	in.LastName = u.LastName
	in.Username = u.Username
	in.LanguageCode = u.LanguageCode
}

func fromMessage(in *flows.Input, m *models.Message, botUsername string) {
	in.ChatType = string(m.Chat.Type)
	in.MessageID = m.ID
	setUser(in, m.From)
	in.Text = m.Text
	if in.Text == "" {
		in.Text = m.Caption
	}
	in.MediaGroupID = m.MediaGroupID
	if m.ReplyToMessage != nil {
		in.ReplyToMessageID = m.ReplyToMessage.ID
	}
	switch {
	case m.Text != "":
		in.Kind = flows.KindText
		if name, args, ok := parseCommand(m, botUsername); ok {
			in.Kind = flows.KindCommand
			in.Command, in.CommandArgs = name, args
		}
	case m.Venue != nil:
		in.Kind = flows.KindVenue
		in.Location = &flows.Location{Lat: m.Venue.Location.Latitude, Lon: m.Venue.Location.Longitude}
		in.Venue = &flows.Venue{Title: m.Venue.Title, Address: m.Venue.Address}
	case m.Location != nil:
		in.Kind = flows.KindLocation
		in.Location = &flows.Location{Lat: m.Location.Latitude, Lon: m.Location.Longitude}
	case len(m.Photo) > 0:
		in.Kind = flows.KindPhoto
		in.Photo = largestPhoto(m.Photo)
	case m.Document != nil:
		in.Kind = flows.KindDocument
		d := m.Document
		in.Document = &flows.TelegramFile{FileID: d.FileID, FileUniqueID: d.FileUniqueID, FileName: d.FileName, MimeType: d.MimeType, Size: d.FileSize}
	case m.Sticker != nil:
		in.Kind = flows.KindSticker
	case m.Voice != nil || m.Audio != nil || m.VideoNote != nil:
		in.Kind = flows.KindVoice
	case m.NewChatMembers != nil, m.LeftChatMember != nil, m.MigrateToChatID != 0, m.MigrateFromChatID != 0,
		m.GroupChatCreated, m.SupergroupChatCreated, m.PinnedMessage != nil:
		// Service messages: nothing a person said.
		in.Kind = flows.KindIgnored
	default:
		in.Kind = flows.KindOther
	}
}

// parseCommand recognises a bot command at the start of a message, using
// Telegram's bot_command entity rather than guessing from a leading slash.
func parseCommand(m *models.Message, botUsername string) (name, args string, ok bool) {
	if len(m.Entities) == 0 || m.Entities[0].Type != models.MessageEntityTypeBotCommand || m.Entities[0].Offset != 0 {
		return "", "", false
	}
	cmd, rest, _ := strings.Cut(m.Text, " ")
	cmd = strings.TrimPrefix(cmd, "/")
	if base, target, found := strings.Cut(cmd, "@"); found {
		if botUsername != "" && !strings.EqualFold(target, botUsername) {
			return "", "", false
		}
		cmd = base
	}
	if cmd == "" {
		return "", "", false
	}
	return strings.ToLower(cmd), strings.TrimSpace(rest), true
}

// largestPhoto picks the biggest of the sizes Telegram offers: staff need
// the detail, and it is the one worth keeping.
func largestPhoto(sizes []models.PhotoSize) *flows.TelegramFile {
	best := sizes[0]
	for _, p := range sizes[1:] {
		if p.Width*p.Height > best.Width*best.Height {
			best = p
		}
	}
	return &flows.TelegramFile{FileID: best.FileID, FileUniqueID: best.FileUniqueID, Width: best.Width, Height: best.Height, Size: int64(best.FileSize)}
}
