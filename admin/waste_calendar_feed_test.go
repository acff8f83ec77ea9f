package admin

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
)

func TestWasteCalendarFeedIsTheZonesCollectionsForAPhone(t *testing.T) {
	h, zone, _ := feedFixture(t)
	h.st.SetClock(func() time.Time { return time.Date(2026, 12, 15, 10, 0, 0, 0, rome) })
	resp, body := fetch(t, h, http.MethodGet, flows.WasteCalendarPath(zone, ""), nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("%d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	checkContentLines(t, body)
	cal, events := parseFeed(t, body)
	if name, err := cal.Props.Text("X-WR-CALNAME"); err != nil || name != "Raccolta rifiuti "+feedZoneName {
		t.Errorf("calendar name %q %v", name, err)
	}
	for _, p := range []string{"REFRESH-INTERVAL", "X-PUBLISHED-TTL"} {
		if v := cal.Props.Get(p); v == nil || v.Value != "PT12H" {
			t.Errorf("%s: %+v", p, v)
		}
	}
	if v := cal.Props.Get("REFRESH-INTERVAL"); v == nil || len(v.Params.Values("VALUE")) != 1 || v.ValueType() != goical.ValueDuration {
		t.Errorf("REFRESH-INTERVAL must say once that it is a duration: %+v", v)
	}
	// A month back, a year ahead, exceptions applied: exactly the
	// collections the calendar arithmetic lists.
	want := waste.Between(feedRules, feedExceptions, waste.D(2026, 11, 15), waste.D(2027, 12, 15))
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d", len(events), len(want))
	}
	uids := map[string]bool{}
	for i, c := range want {
		ev := events[i]
		if ev.date != c.Date || ev.typ != c.Type {
			t.Fatalf("event %d: %s %s, want %s %s", i, ev.date, ev.typ, c.Date, c.Type)
		}
		if want := fmt.Sprintf("%d-%s-%s@127.0.0.1", zone, c.Type, strings.ReplaceAll(c.Date.String(), "-", "")); ev.uid != want {
			t.Errorf("UID %q, want %q", ev.uid, want)
		}
		uids[ev.uid] = true
	}
	if len(uids) != len(events) {
		t.Error("two events share a UID")
	}
	byDay := map[string]feedEvent{}
	for _, ev := range events {
		byDay[ev.date.String()+" "+ev.typ] = ev
	}
	if ev := byDay["2026-12-15 carta"]; ev.summary != "Raccolta: Carta e cartone" || ev.bin != "Contenitore: bidone blu." {
		t.Errorf("carta on 15 December: %+v", ev)
	}
	if ev := byDay["2026-12-30 carta"]; !strings.Contains(ev.bin, "spostata") {
		t.Errorf("the moved collection does not say so: %+v", ev)
	}
	for _, gone := range []string{"2026-12-29 carta", "2027-01-01 umido", "2026-11-12 umido", "2027-12-16 umido"} {
		if _, ok := byDay[gone]; ok {
			t.Errorf("%s is in the calendar", gone)
		}
	}
	if _, ok := byDay["2027-03-13 ingombranti"]; !ok {
		t.Error("the single date of ingombranti is missing")
	}
}

func TestWasteCalendarFeedOfSomeTypesInAnotherLanguage(t *testing.T) {
	h, zone, _ := feedFixture(t)
	h.st.SetClock(func() time.Time { return time.Date(2026, 12, 15, 10, 0, 0, 0, rome) })
	resp, body := fetch(t, h, http.MethodGet, flows.WasteCalendarPath(zone, "de", "carta", "vetro"), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	_, events := parseFeed(t, body)
	var want []waste.Collection
	for _, c := range waste.Between(feedRules, feedExceptions, waste.D(2026, 11, 15), waste.D(2027, 12, 15)) {
		if c.Type == "carta" || c.Type == "vetro" {
			want = append(want, c)
		}
	}
	if len(events) != len(want) || len(want) == 0 {
		t.Fatalf("%d events, want %d", len(events), len(want))
	}
	for i, ev := range events {
		if ev.date != want[i].Date || ev.typ != want[i].Type {
			t.Fatalf("event %d: %s %s", i, ev.date, ev.typ)
		}
	}
	if events[0].summary != "Abholung: Papier und Karton" && events[0].summary != "Abholung: Glas" {
		t.Errorf("summary %q", events[0].summary)
	}
}

func TestWasteCalendarFeedRefusesBadAddressesClearly(t *testing.T) {
	h, zone, boundary := feedFixture(t)
	cases := []struct {
		name, path string
		code       int
		says       string
	}{
		{"unknown zone", "/calendario/9999.ics", http.StatusNotFound, "Questa zona non c'è"},
		{"not a number", "/calendario/centro.ics", http.StatusNotFound, "Questa zona non c'è"},
		{"the boundary", fmt.Sprintf("/calendario/%d.ics", boundary), http.StatusNotFound, "Questa zona non c'è"},
		{"unknown type", fmt.Sprintf("/calendario/%d.ics?tipi=carta,plutonio", zone), http.StatusBadRequest, "«plutonio»"},
		{"unknown language", fmt.Sprintf("/calendario/%d.ics?lingua=fr", zone), http.StatusBadRequest, "«fr»"},
		{"unknown zone, in English", "/calendario/9999.ics?lingua=en", http.StatusNotFound, "This zone is not"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := fetch(t, h, http.MethodGet, c.path, nil)
			if resp.StatusCode != c.code || !strings.Contains(string(body), c.says) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
				t.Errorf("%d %q %s", resp.StatusCode, body, resp.Header.Get("Content-Type"))
			}
		})
	}
	// Nothing a visitor asks for changes the calendar.
	if rules, _, err := flows.ZoneSchedule(context.Background(), h.st, zone); err != nil || len(rules) != len(feedRules) {
		t.Errorf("calendar after bad requests: %d rules, %v", len(rules), err)
	}
}

// Phones poll: an unchanged calendar answers 304 to its ETag and to its
// Last-Modified, and a change of the schedule answers in full again.
func TestWasteCalendarFeedAnswersUnchangedPollsWithNotModified(t *testing.T) {
	h, zone, _ := feedFixture(t)
	path := flows.WasteCalendarPath(zone, "")
	first, body := fetch(t, h, http.MethodGet, path, nil)
	etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if first.StatusCode != http.StatusOK || etag == "" || modified == "" {
		t.Fatalf("%d etag %q last-modified %q", first.StatusCode, etag, modified)
	}
	if again, same := fetch(t, h, http.MethodGet, path, nil); again.Header.Get("ETag") != etag || !bytes.Equal(same, body) {
		t.Fatal("the same calendar came back different: the UIDs or DTSTAMP are not stable")
	}
	for name, header := range map[string]http.Header{
		"If-None-Match":     {"If-None-Match": {etag}},
		"If-Modified-Since": {"If-Modified-Since": {modified}},
	} {
		if resp, b := fetch(t, h, http.MethodGet, path, header); resp.StatusCode != http.StatusNotModified || len(b) != 0 {
			t.Errorf("%s: %d with %d bytes", name, resp.StatusCode, len(b))
		}
	}
	if head, b := fetch(t, h, http.MethodHead, path, nil); head.StatusCode != http.StatusOK || len(b) != 0 || head.Header.Get("ETag") != etag {
		t.Errorf("HEAD: %d, %d bytes", head.StatusCode, len(b))
	}
	// HTTP dates count seconds: let one pass so the change is later.
	lm, _ := http.ParseTime(modified)
	for time.Now().Unix() <= lm.Unix() {
		time.Sleep(20 * time.Millisecond)
	}
	if err := flows.SaveZoneSchedule(context.Background(), h.st, zone, feedRules[:1], nil); err != nil {
		t.Fatal(err)
	}
	for name, header := range map[string]http.Header{
		"If-None-Match":     {"If-None-Match": {etag}},
		"If-Modified-Since": {"If-Modified-Since": {modified}},
	} {
		resp, b := fetch(t, h, http.MethodGet, path, header)
		if resp.StatusCode != http.StatusOK || bytes.Equal(b, body) {
			t.Errorf("%s after a change: %d", name, resp.StatusCode)
		}
	}
}
