// Package demo fills a playground database with a fictional comune: its
// boundary and quartieri on the map, and a few reports at different
// stages, so a newcomer sees the product at work. It never runs against a
// real comune's data: serve calls it only in playground mode, and only
// where there is nothing yet.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/campanile/campanile/store"
)

// The fictional comune lies around these coordinates (the playground's
// preset places are inside).
const (
	south, north = 45.0580, 45.0810
	west, east   = 7.6700, 7.7020
	midLat       = 45.0700
	midLon       = 7.6860
)

// Author is a demo citizen who filed some of the demo reports, so that a
// clerk who answers one in the playground sees the answer arrive in a
// chat. UserID is their Telegram id, which is also their private chat's.
type Author struct {
	UserID    int64
	FirstName string
	Lang      string
}

// Seed adds what is missing: zones when the comune has no boundary yet,
// a year of waste calendar for demo zones that have none, the ecocentro,
// reports when there are none, filed in turn by authors (none: by
// nobody the bot can reach). Running it again changes nothing.
func Seed(ctx context.Context, st *store.Store, authors ...Author) error {
	return st.InTx(ctx, func(tx *store.Store) error {
		if err := seedZones(ctx, tx); err != nil {
			return err
		}
		if err := seedWaste(ctx, tx); err != nil {
			return err
		}
		return seedReports(ctx, tx, authors)
	})
}

func seedZones(ctx context.Context, st *store.Store) error {
	boundaries, err := st.Zones(ctx, store.ZoneKindBoundary)
	if err != nil || len(boundaries) > 0 {
		return err
	}
	boundary := polygon([][2]float64{
		{south, west + 0.004}, {south + 0.002, east - 0.003}, {midLat, east},
		{north, east - 0.006}, {north - 0.001, west + 0.002}, {midLat + 0.002, west}, {south, west + 0.004},
	})
	if err := st.ReplaceZones(ctx, store.ZoneKindBoundary, []store.Zone{{Name: "Comune di Esempio", Kind: store.ZoneKindBoundary, GeoJSON: boundary}}); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	box := func(s, w, n, e float64) string {
		return polygon([][2]float64{{s, w}, {s, e}, {n, e}, {n, w}, {s, w}})
	}
	zones := []store.Zone{
		{Name: "Centro storico", Kind: store.ZoneKindZone, GeoJSON: box(midLat, midLon, north, east)},
		{Name: "Borgo Mercato", Kind: store.ZoneKindZone, GeoJSON: box(midLat, west, north, midLon)},
		{Name: "San Rocco", Kind: store.ZoneKindZone, GeoJSON: box(south, west, midLat, midLon)},
		{Name: "Stazione", Kind: store.ZoneKindZone, GeoJSON: box(south, midLon, midLat, east)},
	}
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, zones); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

// polygon writes a GeoJSON Polygon from (lat, lon) points.
func polygon(points [][2]float64) string {
	s := `{"type":"Polygon","coordinates":[[`
	for i, p := range points {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprintf("[%.4f,%.4f]", p[1], p[0])
	}
	return s + `]]}`
}

// demoReport is a report staff will find in the playground's inbox.
type demoReport struct {
	category    string // slug
	lat, lon    float64
	place       string
	description string
	steps       []string // statuses it went through
}

var demoReports = []demoReport{
	{"strade-buca", 45.0712, 7.6881, "Via Roma 12", "Buca profonda davanti al civico 12: le bici la prendono in pieno.", nil},
	{"illuminazione-lampione", 45.0742, 7.6805, "Piazza del Mercato", "Il lampione all'angolo della piazza è spento da tre sere.", []string{store.ReportTaken}},
	{"rifiuti-abbandonati", 45.0660, 7.6760, "Dietro la scuola elementare", "Sacchi di rifiuti abbandonati vicino al cancello.", []string{store.ReportTaken, store.ReportInProgress, store.ReportResolved}},
	{"verde-erba", 45.0765, 7.6918, "Parco giochi", "Erba alta intorno alle altalene.", []string{store.ReportRejected}},
}

func seedReports(ctx context.Context, st *store.Store, authors []Author) error {
	page, err := st.ListReports(ctx, store.ReportFilter{Limit: 1})
	if err != nil || page.Total > 0 {
		return err
	}
	cats := map[string]int64{}
	for _, parent := range []int64{0} {
		top, err := st.Categories(ctx, parent, false)
		if err != nil {
			return err
		}
		for _, c := range top {
			cats[c.Slug] = c.ID
			children, err := st.Categories(ctx, c.ID, false)
			if err != nil {
				return err
			}
			for _, k := range children {
				cats[k.Slug] = k.ID
			}
		}
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return err
	}
	zoneIDs := map[string]int64{}
	for _, z := range zones {
		zoneIDs[z.Name] = z.ID
	}
	staff := store.Author{Kind: store.AuthorStaff, Name: "Giulia (URP)"}
	for i, d := range demoReports {
		id, ok := cats[d.category]
		if !ok {
			continue // staff renamed the demo categories: nothing to show
		}
		nr := store.NewReport{
			AuthorName: "Cittadino di prova", CategoryID: id, HasCoords: true, Lat: d.lat, Lon: d.lon,
			Geolocated: true, PlaceText: d.place, Description: d.description, ZoneID: zoneIDs[demoZoneOf(d.lat, d.lon)],
		}
		if len(authors) > 0 {
			a := authors[i%len(authors)]
			c, err := st.CitizenSeen(ctx, a.UserID, a.UserID, a.FirstName, a.Lang, true)
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			nr.CitizenID, nr.ChatID, nr.AuthorName = c.ID, c.ChatID, a.FirstName
		}
		r, err := st.CreateReport(ctx, nr)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		for _, to := range d.steps {
			if _, err := st.ChangeReportStatus(ctx, r.ID, to, staff, ""); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("demo: %w", err)
			}
		}
	}
	return nil
}

// demoZoneOf names the demo quartiere of a point: the four are the
// quarters of the map around its middle (seedZones).
func demoZoneOf(lat, lon float64) string {
	switch {
	case lat >= midLat && lon >= midLon:
		return "Centro storico"
	case lat >= midLat:
		return "Borgo Mercato"
	case lon < midLon:
		return "San Rocco"
	}
	return "Stazione"
}
