package flows

import (
	"errors"

	"github.com/campanile/campanile/store"
)

// myDataPlace is the place a citizen saved, as /mydata shows it: the zone,
// the point when one was kept, and when they agreed to it.
type myDataPlace struct {
	Zone         string   `json:"zone,omitempty"`
	Latitude     *float64 `json:"latitude,omitempty"`
	Longitude    *float64 `json:"longitude,omitempty"`
	ConsentGiven string   `json:"consent_given"`
	Purpose      string   `json:"purpose"`
}

// myPlace reads the saved place for /mydata; nil when there is none.
func (s *session) myPlace() (*myDataPlace, error) {
	p, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := &myDataPlace{ConsentGiven: unixRFC3339(p.ConsentedAt), Purpose: s.plain("place.mydata_purpose", nil)}
	if p.ZoneID != 0 {
		z, err := s.st.ZoneByID(s.ctx, p.ZoneID)
		switch {
		case err == nil:
			out.Zone = z.Name
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	if p.HasCoords {
		lat, lon := p.Lat, p.Lon
		out.Latitude, out.Longitude = &lat, &lon
	}
	return out, nil
}

// forgetPlaceNote is the line that tells a citizen about to erase their
// data that their saved zone goes too; empty when they saved none.
func (s *session) forgetPlaceNote() (string, error) {
	_, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return "\n" + s.t("wastechat.forget_also", nil), nil
}
