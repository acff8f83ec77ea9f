package flows

import (
	"errors"

	"github.com/campanile/campanile/store"
)

// /zona: the place a citizen saved for the alerts of their area and the
// waste calendar (one place, shared with ♻️ Rifiuti), to see, change or
// remove. Flow and step names are stored: never rename them.
const (
	flowPlace    = "place"
	stepPlaceAsk = "ask" // waiting for a location or a zone from the list
)

// Place callback verbs: a zone pick needs the question open; change and
// remove work from any card.
const (
	cbPlaceZone   = "pz" // pz:<zone id>: the zone from the list
	cbPlaceChange = "pc" // ask the place again
	cbPlaceRemove = "pr" // remove the saved place
)

func isPlaceVerb(verb string) bool {
	switch verb {
	case cbPlaceZone, cbPlaceChange, cbPlaceRemove:
		return true
	}
	return false
}

func (s *session) handlePlaceCallback(cb callback) error {
	if cb.verb != cbPlaceZone && cb.hasArg {
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbPlaceZone:
		return s.pickPlaceZone(cb)
	case cbPlaceChange:
		s.answer("", false)
		return s.askSavedPlace()
	}
	return s.removeSavedPlace()
}

// showSavedPlace is /zona: the saved place with the ways to change or
// remove it, or straight the question when there is none.
func (s *session) showSavedPlace() error {
	p, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) {
		return s.askSavedPlace()
	}
	if err != nil {
		return err
	}
	text, err := s.placeCard(p)
	if err != nil {
		return err
	}
	s.send(text, s.placeButtons())
	return nil
}

// placeCard tells what is kept: the zone (or that it is gone), whether a
// point is kept with it, since when, and what for.
func (s *session) placeCard(p store.CitizenPlace) (string, error) {
	zone := s.plain("place.zone_gone", nil)
	if p.ZoneID != 0 {
		z, err := s.st.ZoneByID(s.ctx, p.ZoneID)
		switch {
		case err == nil:
			zone = z.Name
		case !errors.Is(err, store.ErrNotFound):
			return "", err
		}
	}
	point := "place.card_no_point"
	if p.HasCoords {
		point = "place.card_point"
	}
	return s.t("place.card", map[string]any{
		"Zone": zone, "Point": safeHTML(s.t(point, nil)),
		"Date": safeHTML(s.postDate(p.ConsentedAt, false)),
	}), nil
}

func (s *session) placeButtons() [][]Button {
	return [][]Button{{
		{Text: s.plain("place.btn_change", nil), Data: cbPlaceChange},
		{Text: s.plain("place.btn_remove", nil), Data: cbPlaceRemove},
	}}
}

// removeSavedPlace forgets the place at once: as easy to take back as it
// was to give.
func (s *session) removeSavedPlace() error {
	return s.forgetPlace("place.nothing_to_remove", "place.removed")
}

// forgetPlace removes the saved place (from /zona or from Rifiuti: it is
// one place) and says so with the caller's words.
func (s *session) forgetPlace(nothingKey, doneKey string) error {
	_, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) {
		s.answer(s.plain(nothingKey, nil), true)
		s.editButtons(nil)
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.st.ForgetCitizenPlace(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.e.log.Info("saved place removed", "citizen_id", s.citizen.ID)
	s.answer("", false)
	s.editText(s.t(doneKey, nil), nil)
	return nil
}
