package flows

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

func (s *session) askPlace(d reportDraft) error {
	if err := s.saveDraft(stepReportPlace, d); err != nil {
		return err
	}
	s.sendStep(s.t("report.ask_place", nil), s.stepKeyboard(KeyButton{Text: s.plain("report.send_location", nil), RequestLocation: true}))
	return nil
}

// placeInput takes a shared point or a typed address.
func (s *session) placeInput(d reportDraft) error {
	switch s.in.Kind {
	case KindLocation, KindVenue:
		if !validPoint(s.in.Location) {
			s.sendStep(s.t("report.place_hint", nil), nil)
			return nil
		}
		facts, err := locate(s.ctx, s.st, s.in.Location.Lat, s.in.Location.Lon)
		if err != nil {
			return err
		}
		d.HasCoords, d.Geolocated = true, true
		d.Lat, d.Lon = s.in.Location.Lat, s.in.Location.Lon
		d.ZoneID, d.ZoneName, d.PlaceText = facts.ZoneID, facts.ZoneName, ""
		if s.in.Venue != nil {
			d.PlaceText = strings.TrimSpace(s.in.Venue.Title + ", " + s.in.Venue.Address)
		}
		if !facts.InsideComune {
			if err := s.saveDraft(stepReportOutside, d); err != nil {
				return err
			}
			s.send(s.t("report.outside", nil), [][]Button{
				{{Text: s.plain("report.outside_send", nil), Data: cbReportOutsideSend}},
				{{Text: s.plain("report.outside_change", nil), Data: cbReportOutsideChange}},
			})
			return nil
		}
		return s.afterPlace(d)
	case KindText:
		text := strings.TrimSpace(s.in.Text)
		switch n := utf8.RuneCountInString(text); {
		case n < minPlaceTextLen:
			s.sendStep(s.t("report.place_too_short", nil), nil)
			return nil
		case n > maxPlaceTextLen:
			s.sendStep(s.t("report.place_too_long", map[string]any{"Max": maxPlaceTextLen}), nil)
			return nil
		}
		d.HasCoords, d.Geolocated, d.Lat, d.Lon, d.ZoneID, d.ZoneName = false, false, 0, 0, 0, ""
		d.PlaceText = text
		return s.afterPlace(d)
	}
	s.sendStep(s.t("report.place_hint", nil), nil)
	return nil
}

// afterPlace offers to join a report of the same category close by
// before writing a copy of it.
func (s *session) afterPlace(d reportDraft) error {
	if d.HasCoords && !d.Editing {
		since := s.st.Now().Unix() - nearbyWindowSeconds
		nearby, err := s.st.NearbyReports(s.ctx, d.CategoryID, d.Lat, d.Lon, nearbyRadiusMeters, since)
		if err != nil {
			return err
		}
		if len(nearby) > 0 {
			if err := s.saveDraft(stepReportNearby, d); err != nil {
				return err
			}
			var list strings.Builder
			var rows [][]Button
			for i, r := range nearby {
				if i == 3 {
					break
				}
				list.WriteString(s.t("report.nearby_item", map[string]any{
					"Number": r.Number, "Meters": fmt.Sprintf("%.0f", r.Meters), "Description": truncate(r.Description, 80),
				}) + "\n")
				rows = append(rows, []Button{{Text: s.plain("report.nearby_join", map[string]any{"Number": r.Number}), Data: cbData(cbReportJoin, r.ID)}})
			}
			rows = append(rows, []Button{{Text: s.plain("report.nearby_new", nil), Data: cbReportNew}})
			s.send(s.t("report.nearby", map[string]any{"List": safeHTML(list.String())}), rows)
			return nil
		}
	}
	if d.Editing {
		return s.showSummary(d)
	}
	return s.askPhotos(d)
}

// joinNearby makes the citizen a follower ("me too") of an open report
// nearby instead of filing a copy.
func (s *session) joinNearby(id int64) error {
	r, err := s.st.ReportByID(s.ctx, id)
	if err != nil {
		return s.refuseCallback()
	}
	if _, err := s.st.FollowReport(s.ctx, r.ID, s.citizen.ID); err != nil {
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.answer("", false)
	s.editButtons(nil)
	s.sendWithMenu(s.t("report.joined", map[string]any{"Number": r.Number}))
	return nil
}
