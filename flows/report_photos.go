package flows

import (
	"strings"
)

func (s *session) askPhotos(d reportDraft) error {
	if err := s.saveDraft(stepReportPhotos, d); err != nil {
		return err
	}
	next := s.plain("report.photos_next", nil)
	s.sendStep(s.t("report.ask_photos", map[string]any{"Max": maxReportPhotos, "Next": next}), s.stepKeyboard(KeyButton{Text: next}))
	return nil
}

// photosInput collects up to five photos. An album arrives as one update
// per photo; only its first gets an answer, so the citizen reads one
// reply, not five.
func (s *session) photosInput(d reportDraft) error {
	next := s.plain("report.photos_next", nil)
	if s.in.Kind == KindText && s.isLabel("report.photos_next") {
		return s.afterPhotos(d)
	}
	var file *TelegramFile
	switch s.in.Kind {
	case KindPhoto:
		file = s.in.Photo
	case KindDocument:
		if !acceptableImageFile(s.in.Document) {
			s.sendStep(s.t("report.file_not_image", map[string]any{"Next": next}), nil)
			return nil
		}
		file = s.in.Document
	}
	if file == nil {
		s.sendStep(s.t("report.photo_hint", map[string]any{"Next": next}), nil)
		return nil
	}
	sameAlbum := s.in.MediaGroupID != "" && s.in.MediaGroupID == d.Album
	d.Album = s.in.MediaGroupID
	if len(d.Photos) >= maxReportPhotos {
		if !sameAlbum {
			s.sendStep(s.t("report.photos_full", map[string]any{"Max": maxReportPhotos}), nil)
		}
		return s.saveDraft(stepReportPhotos, d)
	}
	d.Photos = append(d.Photos, *file)
	if len(d.Photos) == maxReportPhotos && !sameAlbum {
		s.sendStep(s.t("report.photos_full", map[string]any{"Max": maxReportPhotos}), nil)
		return s.afterPhotos(d)
	}
	if err := s.saveDraft(stepReportPhotos, d); err != nil {
		return err
	}
	switch {
	case s.in.MediaGroupID != "" && !sameAlbum:
		// The album's other photos are still on their way: no count yet.
		s.sendStep(s.t("report.album_added", map[string]any{"Next": next}), nil)
	case s.in.MediaGroupID == "":
		s.sendStep(s.t("report.photo_added", map[string]any{"Count": len(d.Photos), "Max": maxReportPhotos, "Next": next}), nil)
	}
	return nil
}

// acceptableImageFile accepts a photo sent as a file (which keeps its full
// quality) when it is a JPEG or PNG of reasonable size.
func acceptableImageFile(f *TelegramFile) bool {
	if f == nil || f.Size > maxPhotoFileBytes {
		return false
	}
	switch strings.ToLower(f.MimeType) {
	case "image/jpeg", "image/png":
		return true
	}
	return false
}

func (s *session) afterPhotos(d reportDraft) error {
	d.Album = ""
	if d.Editing {
		return s.showSummary(d)
	}
	return s.askDescription(d)
}

func (s *session) askDescription(d reportDraft) error {
	if err := s.saveDraft(stepReportDescribe, d); err != nil {
		return err
	}
	s.sendStep(s.t("report.ask_description", nil), s.stepKeyboard())
	return nil
}

func (s *session) describeInput(d reportDraft) error {
	if s.in.Kind != KindText {
		s.sendStep(s.t("report.description_hint", map[string]any{"Min": minDescriptionLen}), nil)
		return nil
	}
	text := strings.TrimSpace(s.in.Text)
	switch n := len([]rune(text)); {
	case n < minDescriptionLen:
		s.sendStep(s.t("report.description_too_short", map[string]any{"Min": minDescriptionLen}), nil)
		return nil
	case n > maxDescriptionLen:
		s.sendStep(s.t("report.description_too_long", map[string]any{"Max": maxDescriptionLen}), nil)
		return nil
	}
	d.Description = text
	return s.showSummary(d)
}
