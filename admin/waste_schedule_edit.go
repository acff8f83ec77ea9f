package admin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// A zone's rules and exceptions have no ids of their own: the store keeps
// a zone's calendar as one list, replaced whole. The forms name a rule by
// its place in the list, and carry the fingerprint of the list they were
// made from, so that a colleague's change in between is caught instead of
// editing the wrong rule.
var errScheduleChanged = errors.New("admin: the zone's calendar changed since the form was shown")

// errNoSuchEntry is a position past the end of the list.
var errNoSuchEntry = errors.New("admin: no such rule or exception")

// scheduleFingerprint identifies a zone's calendar as it is now.
func scheduleFingerprint(rules []waste.Rule, exceptions []waste.Exception) string {
	h := sha256.New()
	for _, row := range (waste.Schedule{Rules: rules, Exceptions: exceptions}).Rows() {
		fmt.Fprintf(h, "%q\n", row)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// wasteZoneTarget is the zone of /admin/waste/zones/{id}; it answers 404
// itself when there is none (a boundary is not a calendar's zone).
func (s *Server) wasteZoneTarget(w http.ResponseWriter, r *http.Request) (store.Zone, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.waste.zone_not_found")
		return store.Zone{}, false
	}
	z, err := s.st.ZoneByID(r.Context(), id)
	if err == nil && z.Kind != store.ZoneKindZone {
		err = store.ErrNotFound
	}
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.waste.zone_not_found")
		return z, false
	}
	return z, true
}

// entryPosition reads {n}, a rule's or an exception's place from 1.
func entryPosition(r *http.Request) (int, bool) {
	n, err := strconv.Atoi(mux.Vars(r)["n"])
	return n, err == nil && n > 0
}

// editSchedule reads the zone's calendar, lets change rewrite it and saves
// the result, all in one transaction, so that two clerks' edits cannot
// interleave. base must still be the calendar's fingerprint (every form
// carries it; a post without one is refused like a stale one).
func (s *Server) editSchedule(ctx context.Context, zoneID int64, base string, change func([]waste.Rule, []waste.Exception) ([]waste.Rule, []waste.Exception, error)) error {
	return s.st.InTx(ctx, func(tx *store.Store) error {
		rules, exceptions, err := flows.ZoneSchedule(ctx, tx, zoneID)
		if err != nil {
			return err
		}
		if base != scheduleFingerprint(rules, exceptions) {
			return errScheduleChanged
		}
		if rules, exceptions, err = change(rules, exceptions); err != nil {
			return err
		}
		return flows.SaveZoneSchedule(ctx, tx, zoneID, rules, exceptions)
	})
}

// backToZone ends a change with a redirect to the zone's page (POST,
// redirect, GET), naming what was done.
func backToZone(w http.ResponseWriter, r *http.Request, zoneID int64, done string) {
	http.Redirect(w, r, fmt.Sprintf("/admin/waste/zones/%d?done=%s", zoneID, done), http.StatusSeeOther)
}

// wasteTypeNames are the waste types by code, in the page's language.
type wasteTypeNames struct {
	list  []store.WasteType
	names map[string]string
	bins  map[string]string // the bin of each type, in Italian as stored
	lang  string
}

func (s *Server) loadWasteTypes(ctx context.Context, lang string) (wasteTypeNames, error) {
	list, err := s.st.WasteTypes(ctx)
	if err != nil {
		return wasteTypeNames{}, err
	}
	n := wasteTypeNames{list: list, names: map[string]string{}, bins: map[string]string{}, lang: lang}
	for _, t := range list {
		n.names[t.Code], n.bins[t.Code] = t.Name(lang), t.Bin(lang)
	}
	return n, nil
}

// name is a type's name; a code no type has (an old import) shows as is.
func (n wasteTypeNames) name(code string) string {
	if v, ok := n.names[code]; ok {
		return v
	}
	return code
}

func (n wasteTypeNames) known(code string) bool { _, ok := n.names[code]; return ok }

// options are the types for a select, code chosen selected.
func (n wasteTypeNames) options(chosen string) []codeOption {
	out := make([]codeOption, 0, len(n.list))
	for _, t := range n.list {
		out = append(out, codeOption{Code: t.Code, Name: t.Name(n.lang), Selected: t.Code == chosen})
	}
	return out
}

// codeOption is one choice of a select that names a code.
type codeOption struct {
	Code, Name string
	Selected   bool
}

// formDate reads a date as a date field sends it (2026-12-25) or as an
// Italian clerk types it (25/12/2026).
func formDate(raw string) (waste.Date, bool) {
	raw = strings.TrimSpace(raw)
	if d, err := waste.ParseDate(raw); err == nil {
		return d, true
	}
	t, err := time.Parse("2/1/2006", raw)
	if err != nil {
		return waste.Date{}, false
	}
	return waste.D(t.Year(), t.Month(), t.Day()), true
}

// shownDate writes a date as the admin shows dates, "" for none.
func shownDate(d waste.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// inputDate writes a date for a date field, "" for none.
func inputDate(d waste.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
