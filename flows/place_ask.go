package flows

import (
	"errors"

	"github.com/campanile/campanile/store"
)

// askSavedPlace asks where the citizen lives, saying first what is kept
// and why: answering is the consent. The zones and whether the map can
// place a shared point come from the waste calendar's question, which
// saves into the same place.
func (s *session) askSavedPlace() error {
	zones, mapped, err := s.wasteZones()
	if err != nil {
		return err
	}
	if len(zones) == 0 {
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		s.sendWithMenu(s.t("place.no_zones", nil))
		return nil
	}
	if err := s.startConversation(flowPlace, stepPlaceAsk); err != nil {
		return err
	}
	text, kb := s.t("place.ask_list", nil), s.stepKeyboard()
	if mapped {
		text = s.t("place.ask", nil)
		kb = s.stepKeyboard(KeyButton{Text: s.plain("wastechat.send_location", nil), RequestLocation: true})
	}
	s.sendStep(text+"\n\n"+s.t("place.consent", nil), kb)
	s.send(s.t("wastechat.zone_list", nil), zoneChoiceButtons(cbPlaceZone, zones))
	return nil
}

// continuePlace takes the answer to the question: a shared location (the
// point is kept with its zone, for alerts drawn on the map), a zone's
// name typed out, Back or Cancel; anything else is asked again.
func (s *session) continuePlace(conv store.Conversation) error {
	if s.in.Kind == KindText && s.isLabel("report.cancel") {
		return s.cancel()
	}
	if s.in.Kind == KindText && s.isLabel("report.back") {
		return s.leavePlaceQuestion()
	}
	if conv.Step != stepPlaceAsk {
		// A step this version does not know: ask again.
		return s.askSavedPlace()
	}
	zones, mapped, err := s.wasteZones()
	if err != nil {
		return err
	}
	if len(zones) == 0 {
		return s.askSavedPlace()
	}
	hint := "wastechat.zone_hint_list"
	if mapped {
		hint = "wastechat.zone_hint"
	}
	switch s.in.Kind {
	case KindLocation, KindVenue:
		if !mapped || !validPoint(s.in.Location) {
			break
		}
		facts, err := locate(s.ctx, s.st, s.in.Location.Lat, s.in.Location.Lon)
		if err != nil {
			return err
		}
		switch {
		case !facts.InsideComune:
			hint = "wastechat.outside_comune"
		case facts.ZoneID == 0:
			hint = "place.outside_zones"
		default:
			return s.savePlace(store.CitizenPlace{CitizenID: s.citizen.ID, ZoneID: facts.ZoneID,
				HasCoords: true, Lat: s.in.Location.Lat, Lon: s.in.Location.Lon}, facts.ZoneName)
		}
	case KindText:
		typed := normalizeLabel(s.in.Text)
		for _, z := range zones {
			if typed == normalizeLabel(z.Name) {
				return s.savePlace(store.CitizenPlace{CitizenID: s.citizen.ID, ZoneID: z.ID}, z.Name)
			}
		}
	}
	s.send(s.t(hint, nil), zoneChoiceButtons(cbPlaceZone, zones))
	return nil
}

// pickPlaceZone is a zone button, honoured only while the question is
// open: an old list does not change a saved place behind the citizen.
func (s *session) pickPlaceZone(cb callback) error {
	id, ok := cb.id()
	if !ok {
		return s.refuseCallback()
	}
	conv, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (conv.Flow != flowPlace || conv.Step != stepPlaceAsk)) {
		s.answer(s.plain("place.expired", nil), true)
		return nil
	}
	if err != nil {
		return err
	}
	z, err := s.st.ZoneByID(s.ctx, id)
	if err != nil || z.Kind != store.ZoneKindZone {
		return s.refuseCallback()
	}
	s.answer("", false)
	s.editText(s.t("wastechat.zone_chosen", map[string]any{"Zone": z.Name}), nil)
	return s.savePlace(store.CitizenPlace{CitizenID: s.citizen.ID, ZoneID: z.ID}, z.Name)
}

// savePlace keeps the place with the time of consent, closes the question
// and shows the card.
func (s *session) savePlace(p store.CitizenPlace, zoneName string) error {
	if err := s.st.SaveCitizenPlace(s.ctx, p); err != nil {
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.e.log.Info("saved place changed", "citizen_id", s.citizen.ID, "zone_id", p.ZoneID, "with_point", p.HasCoords)
	s.sendWithMenu(s.t("place.saved", map[string]any{"Zone": zoneName}))
	return s.showSavedPlace()
}

// leavePlaceQuestion is Back: to the card when a place is saved (changing
// it was given up), else simply out.
func (s *session) leavePlaceQuestion() error {
	if _, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return s.cancel()
		}
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.sendWithMenu(s.t("cancel.done", nil))
	return s.showSavedPlace()
}
