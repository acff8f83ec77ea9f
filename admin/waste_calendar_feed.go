package admin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// The waste calendar of each zone is public: citizens subscribe to it from
// their phone's calendar, with no account. It lives in the admin's route
// table, with the health check, because this package is the web side and
// the table's test then covers it like every other route.
func init() {
	routes = append(routes, route{http.MethodGet, "/calendario/{zone}.ics", (*Server).wasteCalendarFeed, public})
}

// wasteFeedMonthsBack and wasteFeedMonthsAhead bound the calendar: a
// month of the past (a phone shows last week's collections too), a year
// of the future.
const (
	wasteFeedMonthsBack  = 1
	wasteFeedMonthsAhead = 12
)

func (s *Server) wasteCalendarFeed() http.HandlerFunc { return s.serveWasteCalendar }

func (s *Server) serveWasteCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	lang := q.Get(flows.WasteCalendarLanguageParam)
	if lang == "" {
		lang = locales.Source
	}
	if !slices.Contains(locales.Supported, lang) {
		s.feedError(w, locales.Source, http.StatusBadRequest, "waste_feed.bad_language", map[string]any{"Lang": lang, "Valid": strings.Join(locales.Supported, ", ")})
		return
	}
	zone, err := s.feedZone(r)
	if errors.Is(err, store.ErrNotFound) {
		s.feedError(w, lang, http.StatusNotFound, "waste_feed.zone_not_found", nil)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	types, err := s.st.WasteTypes(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	chosen, bad := chosenWasteTypes(q.Get(flows.WasteCalendarTypesParam), types)
	if bad != "" {
		codes := make([]string, 0, len(types))
		for _, t := range types {
			codes = append(codes, t.Code)
		}
		s.feedError(w, lang, http.StatusBadRequest, "waste_feed.bad_type", map[string]any{"Type": bad, "Valid": strings.Join(codes, ", ")})
		return
	}
	rules, exceptions, err := flows.ZoneSchedule(ctx, s.st, zone.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	changed, err := s.st.WasteScheduleChangedAt(ctx, zone.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.st.Now()
	today := waste.DateIn(now, rome)
	// The window moves at midnight, so the calendar changes then at the
	// latest; a change of the schedule, the types or the zone is later.
	modified := today.At(0, 0, rome)
	for _, unix := range []int64{changed, zone.UpdatedAt} {
		if t := time.Unix(unix, 0); t.After(modified) && !t.After(now) {
			modified = t
		}
	}
	first := waste.DateIn(today.At(12, 0, rome).AddDate(0, -wasteFeedMonthsBack, 0), rome)
	last := waste.DateIn(today.At(12, 0, rome).AddDate(0, wasteFeedMonthsAhead, 0), rome)
	var collections []waste.Collection
	for _, c := range waste.Between(rules, exceptions, first, last) {
		if chosen == nil || chosen[c.Type] {
			collections = append(collections, c)
		}
	}
	byCode := make(map[string]store.WasteType, len(types))
	for _, t := range types {
		byCode[t.Code] = t
	}
	body := s.wasteCalendar(wasteFeed{Lang: lang, Host: feedHost(r), Zone: zone, Types: byCode, Collections: collections, Stamp: modified.UTC().Truncate(time.Second)})
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="raccolta-`+strconv.FormatInt(zone.ID, 10)+`.ics"`)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	h.Set("Cache-Control", "public, max-age=3600")
	// ServeContent answers If-None-Match and If-Modified-Since with 304,
	// and HEAD without a body: a phone polling an unchanged calendar costs
	// a few header lines.
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

// feedZone is the zone the path names: a quartiere, never the comune's
// boundary.
func (s *Server) feedZone(r *http.Request) (store.Zone, error) {
	id, err := strconv.ParseInt(mux.Vars(r)["zone"], 10, 64)
	if err != nil || id <= 0 {
		return store.Zone{}, store.ErrNotFound
	}
	zone, err := s.st.ZoneByID(r.Context(), id)
	if err == nil && zone.Kind != store.ZoneKindZone {
		return store.Zone{}, store.ErrNotFound
	}
	return zone, err
}

// chosenWasteTypes reads "carta,vetro": nil for every type, or the first
// code that is not a waste type.
func chosenWasteTypes(param string, types []store.WasteType) (map[string]bool, string) {
	if strings.TrimSpace(param) == "" {
		return nil, ""
	}
	chosen := map[string]bool{}
	for _, code := range strings.Split(param, ",") {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		if !slices.ContainsFunc(types, func(t store.WasteType) bool { return t.Code == code }) {
			return nil, code
		}
		chosen[code] = true
	}
	if len(chosen) == 0 {
		return nil, ""
	}
	return chosen, ""
}

// feedHost names the server in the events' UIDs. A phone always polls the
// same address, so the host it asks for keeps the UIDs stable.
func feedHost(r *http.Request) string {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "" {
		return "campanile"
	}
	return strings.ToLower(host)
}

// feedError answers a calendar app, or a person who opened the link, in
// plain words: there is no page around a feed.
func (s *Server) feedError(w http.ResponseWriter, lang string, code int, id string, data map[string]any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(s.cat.T(lang, id, data) + "\n"))
}
