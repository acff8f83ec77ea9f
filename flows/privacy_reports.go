package flows

import (
	"github.com/campanile/campanile/store"
)

// myDataReport is one of the citizen's reports as /mydata shows it: what
// they wrote, where, and everything that happened to it.
type myDataReport struct {
	Number      string        `json:"number"`
	Category    string        `json:"category"`
	Status      string        `json:"status"`
	Place       string        `json:"place,omitempty"`
	Latitude    *float64      `json:"latitude,omitempty"`
	Longitude   *float64      `json:"longitude,omitempty"`
	Description string        `json:"description"`
	Photos      int           `json:"photos"`
	Filed       string        `json:"filed"`
	Timeline    []myDataEvent `json:"timeline"`
}

type myDataEvent struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Status string `json:"status,omitempty"`
	Text   string `json:"text,omitempty"`
}

// myReports gathers the citizen's reports for /mydata. Internal notes of
// staff are not personal data of the citizen and stay out.
func (s *session) myReports() ([]myDataReport, error) {
	reports, err := s.st.ReportsOfCitizen(s.ctx, s.citizen.ID, 1000)
	if err != nil {
		return nil, err
	}
	out := []myDataReport{}
	for _, r := range reports {
		cat, err := s.st.CategoryByID(s.ctx, r.CategoryID)
		if err != nil {
			return nil, err
		}
		photos, err := s.st.ReportPhotos(s.ctx, r.ID)
		if err != nil {
			return nil, err
		}
		d := myDataReport{
			Number: r.Number, Category: cat.Name(s.lang), Status: s.plain("status."+r.Status, nil),
			Place: r.PlaceText, Description: r.Description, Photos: len(photos), Filed: unixRFC3339(r.CreatedAt),
			Timeline: []myDataEvent{},
		}
		if r.HasCoords {
			lat, lon := r.Lat, r.Lon
			d.Latitude, d.Longitude = &lat, &lon
		}
		events, err := s.st.ReportTimeline(s.ctx, r.ID)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			if e.Kind == store.EventNote {
				continue
			}
			ev := myDataEvent{At: unixRFC3339(e.At), Kind: e.Kind, Text: e.Text}
			if e.ToStatus != "" {
				ev.Status = s.plain("status."+e.ToStatus, nil)
			}
			d.Timeline = append(d.Timeline, ev)
		}
		out = append(out, d)
	}
	return out, nil
}
