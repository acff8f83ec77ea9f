package flows

import (
	"github.com/campanile/campanile/store"
)

// wasteZones lists the comune's zones and tells whether any has a shape a
// shared location can be placed in; without shapes the list is the only
// way to choose.
func (s *session) wasteZones() ([]store.Zone, bool, error) {
	zones, err := s.st.Zones(s.ctx, store.ZoneKindZone)
	if err != nil {
		return nil, false, err
	}
	mapped := false
	for _, z := range zones {
		if _, err := ParseArea(z.GeoJSON); err == nil {
			mapped = true
			break
		}
	}
	return zones, mapped, nil
}

// zoneButtons lists the zones two by two.
func zoneButtons(zones []store.Zone) [][]Button {
	return zoneChoiceButtons(cbWasteZone, zones)
}

// askZone asks once which zone the citizen lives in, saying first why the
// zone is kept and how to remove it: choosing is the consent.
func (s *session) askZone(gone bool) error {
	zones, mapped, err := s.wasteZones()
	if err != nil {
		return err
	}
	if len(zones) == 0 {
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		s.sendWithMenu(s.t("wastechat.no_zones", nil))
		return nil
	}
	if err := s.openWasteStep(stepWasteZone, wasteConv{}); err != nil {
		return err
	}
	text := s.t("wastechat.ask_zone_list", nil)
	kb := s.stepKeyboard()
	if mapped {
		text = s.t("wastechat.ask_zone", nil)
		kb = s.stepKeyboard(KeyButton{Text: s.plain("wastechat.send_location", nil), RequestLocation: true})
	}
	if gone {
		text = s.t("wastechat.zone_gone", nil) + "\n\n" + text
	}
	s.sendStep(text+"\n\n"+s.t("wastechat.consent", nil), kb)
	s.send(s.t("wastechat.zone_list", nil), zoneButtons(zones))
	return nil
}

// zoneInput takes a shared location, or a zone's name typed out; anything
// else gets the way to answer again.
func (s *session) zoneInput() error {
	zones, mapped, err := s.wasteZones()
	if err != nil {
		return err
	}
	if len(zones) == 0 {
		// Staff removed every zone while the question was open.
		return s.askZone(false)
	}
	switch s.in.Kind {
	case KindLocation, KindVenue:
		if mapped && validPoint(s.in.Location) {
			return s.zoneFromPoint(zones)
		}
	case KindText:
		typed := normalizeLabel(s.in.Text)
		for _, z := range zones {
			if typed == normalizeLabel(z.Name) {
				return s.saveZone(z)
			}
		}
	}
	key := "wastechat.zone_hint_list"
	if mapped {
		key = "wastechat.zone_hint"
	}
	s.send(s.t(key, nil), zoneButtons(zones))
	return nil
}

// zoneFromPoint places the shared point in a zone; a point outside the
// comune or outside every zone is told so, with the list to choose from.
func (s *session) zoneFromPoint(zones []store.Zone) error {
	facts, err := locate(s.ctx, s.st, s.in.Location.Lat, s.in.Location.Lon)
	if err != nil {
		return err
	}
	switch {
	case !facts.InsideComune:
		s.send(s.t("wastechat.outside_comune", nil), zoneButtons(zones))
		return nil
	case facts.ZoneID == 0:
		s.send(s.t("wastechat.outside_zones", nil), zoneButtons(zones))
		return nil
	}
	for _, z := range zones {
		if z.ID == facts.ZoneID {
			return s.saveZone(z)
		}
	}
	s.send(s.t("wastechat.outside_zones", nil), zoneButtons(zones))
	return nil
}

// pickZone is a zone button of the list, honoured only while the question
// is open: an old list does not change a saved zone behind the citizen.
func (s *session) pickZone(cb callback) error {
	id, ok := cb.id()
	if !ok {
		return s.refuseCallback()
	}
	if _, open, err := s.wasteStep(stepWasteZone); err != nil || !open {
		if err == nil {
			s.answer(s.plain("wastechat.expired", nil), true)
		}
		return err
	}
	z, err := s.st.ZoneByID(s.ctx, id)
	if err != nil || z.Kind != store.ZoneKindZone {
		return s.refuseCallback()
	}
	s.answer("", false)
	s.editText(s.t("wastechat.zone_chosen", map[string]any{"Zone": z.Name}), nil)
	return s.saveZone(z)
}

// saveZone keeps the zone with the time of consent, closes the question
// and shows the calendar. Only the zone is kept, never the point.
func (s *session) saveZone(z store.Zone) error {
	if err := s.st.SaveCitizenPlace(s.ctx, store.CitizenPlace{CitizenID: s.citizen.ID, ZoneID: z.ID}); err != nil {
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.e.log.Info("waste zone saved", "citizen_id", s.citizen.ID, "zone_id", z.ID)
	s.sendWithMenu(s.t("wastechat.zone_saved", map[string]any{"Zone": z.Name}))
	text, err := s.wasteView(z, viewWeek)
	if err != nil {
		return err
	}
	s.send(text, s.wasteButtons())
	return nil
}

// forgetZone removes the saved zone at once: it is as easy to take back
// as it was to give, and choosing it again is one tap.
func (s *session) forgetZone() error {
	return s.forgetPlace("wastechat.nothing_to_forget", "wastechat.forgotten")
}
