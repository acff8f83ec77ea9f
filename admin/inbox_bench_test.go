package admin

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// benchReports is the size the issue asks the inbox to stay fast at.
const benchReports = 100_000

// benchStreets are the places of the generated reports; the text search
// looks for one of them, as a clerk looks for a street.
var benchStreets = []string{"via Roma", "via Garibaldi", "piazza del Mercato", "via Mazzini", "corso Italia",
	"via Verdi", "via Cavour", "viale della Stazione", "via San Rocco", "vicolo del Forno",
	"via Dante", "piazza Vittorio Veneto", "via Manzoni", "via dei Mille", "strada vicinale dei Prati",
	"via XX Settembre", "via Matteotti", "largo Gramsci", "via Leopardi", "via Carducci"}

var benchProblems = []string{"Buca profonda", "Lampione spento da giorni", "Sacchi abbandonati", "Erba alta",
	"Cartello piegato", "Marciapiede sconnesso", "Cassonetto pieno", "Ramo pericolante"}

// benchStatuses is a town's mix: most reports closed, a tenth new.
var benchStatuses = []struct {
	status string
	weight int
}{
	{store.ReportNew, 10}, {store.ReportTaken, 8}, {store.ReportInProgress, 12},
	{store.ReportResolved, 55}, {store.ReportRejected, 10}, {store.ReportDuplicate, 5},
}

// BenchmarkInboxPage measures the inbox page a clerk opens, through the
// real router, session middleware, queries and templates, on a database of
// 100 000 reports spread over two years, every category, four zones and
// every status. Each case checks the page it got, so a broken filter
// fails the benchmark rather than making it fast.
func BenchmarkInboxPage(b *testing.B) {
	ctx := context.Background()
	dbPath := filepath.Join(b.TempDir(), "campanile.db")
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	zones := benchZones(b, st)
	leaves, tops := benchCategories(b, st)
	now := time.Now()
	fillReports(b, dbPath, leaves, zones, now)

	s := New(st, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Password: testParams})
	r := mux.NewRouter()
	s.Register(r)
	srv := httptest.NewServer(r)
	b.Cleanup(srv.Close)
	c := benchClient(b, s, st, srv.URL)

	day := func(d time.Time) string { return d.In(rome).Format("2006-01-02") }
	cases := []struct {
		name, query, want string
	}{
		{"first page", "", `aria-current="page"><strong>1</strong>`},
		{"status+category page 3", fmt.Sprintf("status=%s&category=%d&page=3", store.ReportNew, tops[0]), `aria-current="page"><strong>3</strong>`},
		{"zone+dates", fmt.Sprintf("zone=%d&from=%s&to=%s", zones[1], day(now.AddDate(0, -7, 0)), day(now.AddDate(0, -6, 0))), `<a href="/admin/reports/`},
		{"text search", "q=" + url.QueryEscape("Garibaldi"), "via Garibaldi"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				body := benchGet(b, c, srv.URL+"/admin/reports?"+tc.query)
				if !strings.Contains(body, tc.want) {
					b.Fatalf("the page for %q lacks %q:\n%s", tc.query, tc.want, body)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
		})
	}
}

// benchZones uploads four quartieri and returns their ids.
func benchZones(b *testing.B, st *store.Store) []int64 {
	b.Helper()
	ctx := context.Background()
	box := func(s, w, n, e float64) string {
		return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[2]g,%[1]g],[%[4]g,%[1]g],[%[4]g,%[3]g],[%[2]g,%[3]g],[%[2]g,%[1]g]]]}`, s, w, n, e)
	}
	err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{
		{Name: "Centro storico", Kind: store.ZoneKindZone, GeoJSON: box(45.07, 7.686, 45.081, 7.702)},
		{Name: "Borgo Mercato", Kind: store.ZoneKindZone, GeoJSON: box(45.07, 7.67, 45.081, 7.686)},
		{Name: "San Rocco", Kind: store.ZoneKindZone, GeoJSON: box(45.058, 7.67, 45.07, 7.686)},
		{Name: "Stazione", Kind: store.ZoneKindZone, GeoJSON: box(45.058, 7.686, 45.07, 7.702)},
	})
	if err != nil {
		b.Fatal(err)
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil || len(zones) != 4 {
		b.Fatalf("zones %v, %v", zones, err)
	}
	ids := make([]int64, len(zones))
	for i, z := range zones {
		ids[i] = z.ID
	}
	return ids
}

// benchCategories returns the categories a report can be filed under (the
// leaves) and the top-level ones, which the inbox filter takes.
func benchCategories(b *testing.B, st *store.Store) (leaves, tops []int64) {
	b.Helper()
	ctx := context.Background()
	top, err := st.Categories(ctx, 0, false)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range top {
		tops = append(tops, c.ID)
		subs, err := st.Categories(ctx, c.ID, false)
		if err != nil {
			b.Fatal(err)
		}
		if len(subs) == 0 {
			leaves = append(leaves, c.ID)
		}
		for _, sub := range subs {
			leaves = append(leaves, sub.ID)
		}
	}
	if len(leaves) < 2 {
		b.Fatalf("categories: leaves %v", leaves)
	}
	return leaves, tops
}

// fillReports writes benchReports reports, one every few minutes over the
// two years before now, through one prepared INSERT in one transaction:
// CreateReport would take minutes for the same rows.
func fillReports(b *testing.B, dbPath string, categories, zones []int64, now time.Time) {
	b.Helper()
	db, err := sql.Open("sqlite3", dbPath+"?_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO reports (number, chat_id, category_id, status, lat, lon, geolocated,
		place_text, zone_id, description, created_at, updated_at, resolved_at) VALUES (?, 0, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer ins.Close()
	total := 0
	for _, s := range benchStatuses {
		total += s.weight
	}
	rng := rand.New(rand.NewPCG(5, 7))
	start := now.AddDate(-2, 0, 0).Unix()
	step := (now.Unix() - start) / benchReports
	seq := map[int]int{}
	for i := range benchReports {
		at := start + int64(i)*step
		year := time.Unix(at, 0).In(rome).Year()
		seq[year]++
		status := pickStatus(rng.IntN(total))
		var resolved any
		if store.ReportClosed(status) {
			resolved = at + int64(rng.IntN(30*86400))
		}
		street := benchStreets[rng.IntN(len(benchStreets))]
		_, err := ins.Exec(fmt.Sprintf("%d-%06d", year, seq[year]), categories[rng.IntN(len(categories))], status,
			45.06+rng.Float64()/50, 7.67+rng.Float64()/30, fmt.Sprintf("%s %d", street, 1+rng.IntN(120)),
			zones[rng.IntN(len(zones))], benchProblems[rng.IntN(len(benchProblems))]+" in "+street+", segnalato dal cittadino",
			at, at+int64(rng.IntN(86400)), resolved)
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// pickStatus maps w in [0, total weight) to a status of benchStatuses.
func pickStatus(w int) string {
	for _, s := range benchStatuses {
		if w < s.weight {
			return s.status
		}
		w -= s.weight
	}
	return store.ReportNew
}

// benchClient is a browser signed in as an admin, its session made in the
// store as the role table's are.
func benchClient(b *testing.B, s *Server, st *store.Store, base string) *http.Client {
	b.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword("a long enough password", testParams)
	if err != nil {
		b.Fatal(err)
	}
	acct, err := st.CreateStaffAccount(ctx, store.StaffAccount{Username: "bench", Role: store.RoleAdmin, PasswordHash: hash})
	if err != nil {
		b.Fatal(err)
	}
	id, _, err := s.startSession(ctx, acct, "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base + "/admin/")
	jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: id, Path: "/admin"}})
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func benchGet(b *testing.B, c *http.Client, u string) string {
	b.Helper()
	resp, err := c.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d, %v", u, resp.StatusCode, err)
	}
	return string(body)
}
