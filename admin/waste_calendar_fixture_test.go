package admin

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// A long name with a comma and accents: the calendar's name is folded
// across lines, mid-word and next to multi-byte characters, and escaped.
const feedZoneName = "Centro storico, Borgo Vecchio — piazza della Libertà, vie limitrofe e Lungofiume"

var (
	feedRules = []waste.Rule{
		{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}},
		{Type: "vetro", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 2, Start: waste.D(2026, 1, 9)},
		{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}},
		{Type: "ingombranti", Dates: []waste.Date{waste.D(2027, 3, 13), waste.D(2025, 3, 1)}},
	}
	feedExceptions = []waste.Exception{
		{Type: "carta", Date: waste.D(2026, 12, 29), To: waste.D(2026, 12, 30)},
		{Date: waste.D(2027, 1, 1)},
	}
)

// feedFixture is the admin over HTTP with one zone and its calendar, and
// the comune's boundary (which has no calendar of its own).
func feedFixture(t *testing.T) (*harness, int64, int64) {
	t.Helper()
	h := newHarness(t)
	ctx := context.Background()
	square := `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`
	if err := h.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: feedZoneName, GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	if err := h.st.ReplaceZones(ctx, store.ZoneKindBoundary, []store.Zone{{Name: "Comune di Prova", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := h.st.Zones(ctx, store.ZoneKindZone)
	boundary, _ := h.st.Zones(ctx, store.ZoneKindBoundary)
	if err := flows.SaveZoneSchedule(ctx, h.st, zones[0].ID, feedRules, feedExceptions); err != nil {
		t.Fatal(err)
	}
	return h, zones[0].ID, boundary[0].ID
}

// fetch GETs path with extra headers and returns the response and body.
func fetch(t *testing.T, h *harness, method, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// checkContentLines is RFC 5545 §3.1: CRLF after every line, none longer
// than 75 octets, and folding never splits a UTF-8 character.
func checkContentLines(t *testing.T, body []byte) {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Error("the calendar does not end with CRLF")
	}
	folded := 0
	for i, line := range bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.Valid(line) {
			t.Errorf("line %d splits a character: %q", i+1, line)
		}
		if len(line) > 0 && line[0] == ' ' {
			folded++
		}
	}
	if folded == 0 {
		t.Error("nothing was folded: the test's long name no longer tests folding")
	}
}

type feedEvent struct {
	date              waste.Date
	typ               string
	uid, summary, bin string
}

// parseFeed reads the calendar with a parser independent of the one that
// wrote it.
func parseFeed(t *testing.T, body []byte) (*goical.Calendar, []feedEvent) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("the calendar does not parse: %v\n%s", err, body)
	}
	var events []feedEvent
	for _, ev := range cal.Events() {
		start := ev.Props.Get(goical.PropDateTimeStart)
		if start == nil || start.ValueType() != goical.ValueDate {
			t.Fatalf("an event that is not all-day: %+v", ev.Props)
		}
		from, err := ev.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		until, err := ev.DateTimeEnd(nil)
		if err != nil || until.Sub(from) != 24*time.Hour {
			t.Fatalf("event from %s until %s: %v", from, until, err)
		}
		uid, _ := ev.Props.Text(goical.PropUID)
		summary, _ := ev.Props.Text(goical.PropSummary)
		desc, _ := ev.Props.Text(goical.PropDescription)
		if _, err := ev.Props.DateTime(goical.PropDateTimeStamp, nil); err != nil {
			t.Fatalf("DTSTAMP: %v", err)
		}
		date := waste.D(from.Year(), from.Month(), from.Day())
		parts := strings.SplitN(strings.SplitN(uid, "@", 2)[0], "-", 3)
		if len(parts) != 3 {
			t.Fatalf("UID %q is not zone-type-date@host", uid)
		}
		events = append(events, feedEvent{date: date, typ: parts[1], uid: uid, summary: summary, bin: desc})
	}
	return cal, events
}
