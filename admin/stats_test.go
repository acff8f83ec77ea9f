package admin

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// statsClock is the store's time, moved by the test to file reports and
// close them on chosen days.
type statsClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *statsClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *statsClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// statsWorld is a harness whose store holds a few reports and citizens
// filed on known days, and a signed-in editor.
type statsWorld struct {
	*harness
	clock *statsClock
	c     *http.Client
}

// statsNow is "today" for the page tests: the default period is March
// 2025 to 15 February 2026.
var statsNow = time.Date(2026, 2, 15, 10, 0, 0, 0, rome)

func newStatsWorld(t *testing.T) *statsWorld {
	t.Helper()
	h := newHarness(t)
	w := &statsWorld{harness: h, clock: &statsClock{now: statsNow}}
	h.st.SetClock(w.clock.Now)
	w.c, _ = h.signedInClient(h.account("ed", store.RoleEditor, "a long enough password", false))
	return w
}

func (w *statsWorld) categoryID(slug string) int64 {
	w.t.Helper()
	ctx := context.Background()
	tops, err := w.st.Categories(ctx, 0, false)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, top := range tops {
		subs, err := w.st.Categories(ctx, top.ID, false)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, c := range append(subs, top) {
			if c.Slug == slug {
				return c.ID
			}
		}
	}
	w.t.Fatalf("no category %q", slug)
	return 0
}

// report files a report on day in category slug and zone, and closes it
// as resolved closedAfter days later unless that is 0.
func (w *statsWorld) report(day time.Time, slug string, zone int64, closedAfter int) {
	w.t.Helper()
	ctx := context.Background()
	w.clock.Set(day)
	r, err := w.st.CreateReport(ctx, store.NewReport{CategoryID: w.categoryID(slug), ZoneID: zone, Description: "x"})
	if err != nil {
		w.t.Fatal(err)
	}
	if closedAfter > 0 {
		w.clock.Set(day.AddDate(0, 0, closedAfter))
		if _, err := w.st.ChangeReportStatus(ctx, r.ID, store.ReportResolved, store.Author{Kind: store.AuthorStaff, Name: "x"}, ""); err != nil {
			w.t.Fatal(err)
		}
	}
	w.clock.Set(statsNow)
}

func (w *statsWorld) citizen(id int64, lang string, seen time.Time) store.Citizen {
	w.t.Helper()
	w.clock.Set(seen)
	defer w.clock.Set(statsNow)
	c, err := w.st.CitizenSeen(context.Background(), id, id, "C", lang, true)
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

func (w *statsWorld) seed() {
	w.t.Helper()
	ctx := context.Background()
	if err := w.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", Kind: store.ZoneKindZone, GeoJSON: `{"type":"Polygon","coordinates":[]}`}}); err != nil {
		w.t.Fatal(err)
	}
	zones, err := w.st.Zones(ctx, store.ZoneKindZone)
	if err != nil || len(zones) != 1 {
		w.t.Fatalf("zones %v %v", zones, err)
	}
	centro := zones[0].ID
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, rome) }
	w.report(day(2026, 1, 10), "strade-buca", centro, 2)
	w.report(day(2025, 12, 20), "illuminazione-lampione", 0, 5)
	w.report(day(2026, 2, 14), "strade-buca", centro, 0)
	w.report(day(2025, 10, 1), "segnaletica", 0, 0)
	w.report(day(2024, 12, 1), "segnaletica", 0, 0) // before the default period, open
	anna := w.citizen(1, "it", day(2026, 2, 10))
	w.citizen(2, "en", day(2025, 12, 1)) // not active
	w.citizen(3, "de", statsNow)
	topics, err := w.st.AllTopics(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, tp := range topics {
		if tp.Slug == "rifiuti-carta" {
			if err := w.st.Subscribe(ctx, anna.ID, tp.ID); err != nil {
				w.t.Fatal(err)
			}
		}
	}
}

// row is a table row of the page: its heading cell and its figures.
func row(head string, cells ...string) string {
	return `<th scope="row">` + head + `</th><td>` + strings.Join(cells, `</td><td>`) + `</td>`
}

func TestStatsPageShowsTheFigures(t *testing.T) {
	w := newStatsWorld(t)
	w.seed()
	resp, body := w.get(w.c, "/admin/stats")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	for _, want := range []string{
		`value="2025-03-01"`, `value="2026-02-15"`, "dal 01/03/2025 al 15/02/2026",
		"<dt>Segnalazioni nel periodo</dt><dd>4</dd>", "<dt>Di queste, chiuse</dt><dd>2</dd>",
		row("mar 2025", "0"), row("ott 2025", "1"), row("dic 2025", "1"), row("gen 2026", "1"), row("feb 2026", "1"),
		row("Strade e marciapiedi", "2"), row("Illuminazione", "1"), row("Segnaletica", "1"), row("Verde pubblico", "0"),
		row("Centro", "2"), row("Nessuna zona", "2"),
		row("Strade e marciapiedi", "1", "2,0", "2,0"), row("Illuminazione", "1", "5,0", "5,0"),
		"<dt>Aperte oggi</dt><dd>3</dd>",
		row("meno di 7 giorni", "1"), row("da 7 a 30 giorni", "0"), row("90 giorni e più", "2"),
		"<dt>Cittadini in totale</dt><dd>3</dd>", "<dt>Attivi negli ultimi 30 giorni</dt><dd>2</dd>",
		row("italiano", "1"), row("inglese", "1"), row("tedesco", "1"),
		row("Rifiuti", "1"), row("Rifiuti › Carta", "1"), row("Rifiuti › Vetro", "0"), row("Eventi", "0"),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "nov 2024") || strings.Contains(body, "dic 2024") || strings.Contains(body, "Non ci sono ancora dati") {
		t.Error("page shows what is outside the period, or says there is no data")
	}
	// Every figure drawn: months, categories, zones, closing, ages,
	// languages, topics.
	if n := strings.Count(body, "<svg "); n != 7 {
		t.Errorf("%d charts, want 7", n)
	}
	if missing := w.s.cat.Missing(); len(missing) > 0 {
		t.Errorf("missing messages: %v", missing)
	}
}

func TestStatsPageFollowsThePeriodAndTheLanguage(t *testing.T) {
	w := newStatsWorld(t)
	w.seed()
	_, body := w.get(w.c, "/admin/stats?from=2026-01-01&to=2026-01-31")
	for _, want := range []string{"<dt>Segnalazioni nel periodo</dt><dd>1</dd>", row("gen 2026", "1"),
		row("Strade e marciapiedi", "1"), row("Illuminazione", "0"), `value="2026-01-01"`, `value="2026-01-31"`} {
		if !strings.Contains(body, want) {
			t.Errorf("January lacks %q", want)
		}
	}
	if strings.Contains(body, "dic 2025") || strings.Contains(body, "feb 2026") {
		t.Error("January shows other months")
	}
	// Only an end: the twelve months up to it.
	_, body2 := w.get(w.c, "/admin/stats?to=2025-12-31")
	for _, want := range []string{"dal 01/01/2025 al 31/12/2025", "<dt>Segnalazioni nel periodo</dt><dd>2</dd>", row("gen 2025", "0"), row("dic 2025", "1")} {
		if !strings.Contains(body2, want) {
			t.Errorf("up to December lacks %q", want)
		}
	}
	// Today's backlog does not depend on the period.
	if !strings.Contains(body, "<dt>Aperte oggi</dt><dd>3</dd>") {
		t.Error("open reports follow the period")
	}

	req, _ := http.NewRequest(http.MethodGet, w.srv.URL+"/admin/stats", nil)
	req.Header.Set("Accept-Language", "en")
	resp, err := w.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	english, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Reports per month", row("Jan 2026", "1"), row("Street lighting", "1", "5.0", "5.0"), row("German", "1")} {
		if !strings.Contains(string(english), want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}

func TestStatsPageRefusesBadDatesAndShowsTheDefault(t *testing.T) {
	w := newStatsWorld(t)
	w.seed()
	for _, c := range []struct{ query, want string }{
		{"from=2026-13-45", "La data «2026-13-45» non è valida"},
		{"to=31/01/2026", "La data «31/01/2026» non è valida"},
		{"from=2026-02-01&to=2026-01-01", "Il giorno di inizio viene dopo quello di fine"},
		{"from=2000-01-01&to=2026-01-01", "Il periodo è troppo lungo: al massimo 10 anni"},
	} {
		resp, body := w.get(w.c, "/admin/stats?"+c.query)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", c.query, resp.StatusCode)
		}
		if !strings.Contains(body, c.want) || !strings.Contains(body, "Intanto sono mostrati gli ultimi 12 mesi") {
			t.Errorf("%s: no clear answer", c.query)
		}
		// The default period's figures, and the clerk's text back in the form.
		if !strings.Contains(body, "<dt>Segnalazioni nel periodo</dt><dd>4</dd>") || !strings.Contains(body, "dal 01/03/2025 al 15/02/2026") {
			t.Errorf("%s: not the default period", c.query)
		}
	}
	_, body := w.get(w.c, "/admin/stats?to=31/01/2026")
	if !strings.Contains(body, `value="31/01/2026"`) {
		t.Error("the clerk's text is not kept in the form")
	}
}

func TestStatsPageOfAnEmptyDatabase(t *testing.T) {
	w := newStatsWorld(t)
	resp, body := w.get(w.c, "/admin/stats")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if !strings.Contains(body, "Non ci sono ancora dati") || strings.Count(body, "Nessun dato da mostrare") != 7 {
		t.Error("no friendly word for an empty database")
	}
	if strings.Contains(body, "<svg ") || strings.Contains(body, "<table") {
		t.Error("empty charts drawn")
	}
}

func TestStatsPageIsForAdminsAndEditors(t *testing.T) {
	w := newStatsWorld(t)
	for _, c := range []struct {
		role store.StaffRole
		want int
	}{{store.RoleAdmin, http.StatusOK}, {store.RoleEditor, http.StatusOK}, {store.RoleOperator, http.StatusForbidden}} {
		client, _ := w.signedInClient(w.account("u-"+string(c.role), c.role, "a long enough password", false))
		if resp, _ := w.get(client, "/admin/stats"); resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.role, resp.StatusCode, c.want)
		}
	}
}
