package admin

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"github.com/campanile/campanile/admin/svg"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

type photoView struct {
	N              int
	URL            string
	Stored, Failed bool
}

type eventView struct {
	When, Kind, Author, Text, From, To string
	Internal                           bool
}

type reportView struct {
	R                                       store.Report
	StatusName, Category, Office, Zone      string
	Lat, Lon, OSM, Created, Updated, Closed string
	DuplicateOf                             *store.Report
	Photos                                  []photoView
	Map                                     template.HTML
	Timeline                                []eventView
	Transitions                             []statusOption
	Assign                                  assignView
	Publication                             string // what staff approved for publishing
	Notice, Error                           string
	Reply, Note, Of                         string // what the clerk typed, kept after an error
}

// notices are the actions a redirect may name in ?done=.
var notices = []string{"status", "reply", "note", "duplicate", "assign", "publication", "unchanged"}

// reportShow is one report with everything a clerk needs to act on it.
func (s *Server) reportShow() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		v := reportView{}
		if done := r.URL.Query().Get("done"); slices.Contains(notices, done) {
			v.Notice = "admin.report.done_" + done
		}
		s.showReport(w, r, id, http.StatusOK, v)
	}
}

// showReport renders the report page with v's notice or error and the
// clerk's text, the page an action falls back to when it is refused.
func (s *Server) showReport(w http.ResponseWriter, r *http.Request, id int64, code int, v reportView) {
	ctx := r.Context()
	p := s.newPage(r, "admin.report.title", nil)
	rep, err := s.visibleReport(r, id)
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.fillReportView(ctx, p, rep, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Title = p.T("admin.report.heading", "Number", rep.Number)
	p.Data = v
	s.render(w, r, code, "report", p)
}

func (s *Server) fillReportView(ctx context.Context, p page, rep store.Report, v *reportView) error {
	names, err := s.loadReportNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	v.R = rep
	v.StatusName = p.T("status." + rep.Status)
	v.Category, v.Office, v.Zone = names.category(rep.CategoryID), names.office(rep.CategoryID), names.zone(rep.ZoneID)
	v.Created, v.Updated, v.Closed = romeTime(rep.CreatedAt), romeTime(rep.UpdatedAt), romeTime(rep.ResolvedAt)
	if err := s.fillAssignment(ctx, names, rep, v); err != nil {
		return err
	}
	v.Publication = publicationText(p, rep.PublishText, rep.PublishPhotos)
	if rep.HasCoords {
		v.Lat, v.Lon = strconv.FormatFloat(rep.Lat, 'f', 6, 64), strconv.FormatFloat(rep.Lon, 'f', 6, 64)
		v.OSM = fmt.Sprintf("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=18/%s/%s", v.Lat, v.Lon, v.Lat, v.Lon)
	}
	if rep.DuplicateOf != 0 {
		if of, err := s.st.ReportByID(ctx, rep.DuplicateOf); err == nil {
			v.DuplicateOf = &of
		}
	}
	states, err := s.st.PhotoFetchStates(ctx, rep.ID)
	if err != nil {
		return err
	}
	for _, ps := range states {
		v.Photos = append(v.Photos, photoView{N: ps.Position, URL: fmt.Sprintf("/admin/reports/%d/photos/%d", rep.ID, ps.Position), Stored: ps.Stored, Failed: ps.Failed})
	}
	if v.Map, err = s.reportMap(ctx, rep, s.mapTextIn(p.Lang)); err != nil {
		return err
	}
	events, err := s.st.ReportTimeline(ctx, rep.ID)
	if err != nil {
		return err
	}
	for _, e := range events {
		ev := eventView{When: romeTime(e.At), Kind: p.T("admin.report.event_" + e.Kind), Author: e.Author.Name, Text: e.Text, Internal: e.Kind == store.EventNote}
		if ev.Author == "" {
			ev.Author = p.T("admin.report.author_" + e.Author.Kind)
		}
		if e.FromStatus != "" {
			ev.From = p.T("status." + e.FromStatus)
		}
		if e.ToStatus != "" {
			ev.To = p.T("status." + e.ToStatus)
		}
		v.Timeline = append(v.Timeline, ev)
	}
	for _, st := range store.ReportStatuses {
		// Duplicate has its own form: it needs the other report's number.
		if st != store.ReportDuplicate && flows.CanTransition(rep.Status, st) {
			v.Transitions = append(v.Transitions, statusOption{Code: st, Name: p.T("status." + st)})
		}
	}
	return nil
}

// reportMap draws the comune's boundary, its zones and the report's pin
// from our own data, so it works with no connection to a tile server. A
// zone whose GeoJSON no longer parses is left out rather than failing the
// page.
func (s *Server) reportMap(ctx context.Context, rep store.Report, text svg.MapText) (template.HTML, error) {
	var areas []svg.Area
	for _, kind := range []string{store.ZoneKindBoundary, store.ZoneKindZone} {
		zones, err := s.st.Zones(ctx, kind)
		if err != nil {
			return "", err
		}
		for _, z := range zones {
			shape, err := flows.ParseArea(z.GeoJSON)
			if err != nil {
				s.log.Warn("zone not drawn", "zone_id", z.ID, "error", err)
				continue
			}
			areas = append(areas, svg.Area{Name: z.Name, Shape: shape, Boundary: kind == store.ZoneKindBoundary})
		}
	}
	var pins []svg.Pin
	if rep.HasCoords {
		pins = append(pins, svg.Pin{Lat: rep.Lat, Lon: rep.Lon, Label: rep.Number, Status: rep.Status})
	}
	return svg.Map(areas, pins, 480, 360, text), nil
}
