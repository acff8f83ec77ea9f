package flows

import (
	"strings"

	"github.com/campanile/campanile/store"
)

// submitReport files the report: the number to the citizen, the report to
// the staff group. Both leave through the outbox in the transaction that
// stores the report, so none exists without the others.
func (s *session) submitReport(d reportDraft) error {
	if over, err := s.overDailyLimit(); err != nil || over {
		if err == nil {
			err = s.st.EndConversation(s.ctx, s.citizen.ID)
		}
		return err
	}
	photos := make([]store.ReportPhoto, 0, len(d.Photos))
	for i, p := range d.Photos {
		photos = append(photos, store.ReportPhoto{Position: i, FileID: p.FileID, FileUniqueID: p.FileUniqueID, Width: p.Width, Height: p.Height, Bytes: p.Size})
	}
	r, err := s.st.CreateReport(s.ctx, store.NewReport{
		CitizenID: s.citizen.ID, ChatID: s.citizen.ChatID, AuthorName: s.citizen.FirstName,
		CategoryID: d.CategoryID, HasCoords: d.HasCoords, Lat: d.Lat, Lon: d.Lon, Geolocated: d.Geolocated,
		PlaceText: d.PlaceText, ZoneID: d.ZoneID, Description: d.Description, Photos: photos,
	})
	if err != nil {
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	if s.e.cfg.MailOffices {
		// Written in this transaction: the report never exists without
		// its email to the office, which the mailer delivers, retrying.
		if err := s.e.EnqueueReportEmail(s.ctx, s.st, r, s.e.cfg.PublicURL); err != nil {
			return err
		}
	}
	s.sendWithMenu(s.t("report.sent", map[string]any{"Number": r.Number}))
	staff, err := s.e.staffForward(s.ctx, s.st, r, s.citizen.FirstName)
	if err != nil {
		return err
	}
	s.out = append(s.out, staff...)
	return nil
}

// staffPhotoIDs are the Telegram file ids of a report's photos.
func staffPhotoIDs(photos []store.ReportPhoto) []string {
	ids := make([]string, 0, len(photos))
	for _, p := range photos {
		if p.FileID != "" {
			ids = append(ids, p.FileID)
		}
	}
	return ids
}

func staffAuthor(name string, anonymous bool, fallback string) string {
	name = strings.TrimSpace(name)
	if anonymous || name == "" {
		return fallback
	}
	return name
}
