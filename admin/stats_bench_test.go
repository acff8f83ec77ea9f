package admin

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// BenchmarkStatsPage measures the whole statistics page, over HTTP, on
// 100 000 reports filed over two years and 10 000 citizens: every figure
// of the default period (the last 12 months) is computed afresh per page.
func BenchmarkStatsPage(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "campanile.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	zones := make([]store.Zone, 8)
	for i := range zones {
		zones[i] = store.Zone{Name: fmt.Sprintf("Zona %d", i+1), Kind: store.ZoneKindZone, GeoJSON: `{"type":"Polygon","coordinates":[]}`}
	}
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, zones); err != nil {
		b.Fatal(err)
	}
	seedStatsBench(b, path, st.Now(), 100_000, 10_000)

	s := New(st, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Password: testParams})
	r := mux.NewRouter()
	s.Register(r)
	srv := httptest.NewServer(r)
	defer srv.Close()
	client := benchClient(b, s, st, srv.URL)

	for b.Loop() {
		resp, err := client.Get(srv.URL + "/admin/stats")
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || n < 10_000 {
			b.Fatalf("%d, %d bytes", resp.StatusCode, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
}

// seedStatsBench writes the reports and citizens straight into the file,
// with one prepared INSERT per table, all in one transaction: going through
// CreateReport would take minutes.
func seedStatsBench(b *testing.B, path string, now time.Time, reports, citizens int) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_foreign_keys=on")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ids := func(query string) []int64 {
		rows, err := db.Query(query)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				b.Fatal(err)
			}
			out = append(out, id)
		}
		return out
	}
	cats, zones, topics := ids(`SELECT id FROM categories`), ids(`SELECT id FROM zones`), ids(`SELECT id FROM topics`)
	rng := rand.New(rand.NewPCG(5, 8))
	span := int64(2 * 365 * 24 * 3600)
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	ins, err := tx.Prepare(`INSERT INTO reports (number, chat_id, category_id, status, zone_id, description, created_at, updated_at, resolved_at)
		VALUES (?, 0, ?, ?, ?, 'Segnalazione di prova con una descrizione di media lunghezza', ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range reports {
		created := now.Unix() - span + int64(i)*span/int64(reports)
		status := store.ReportStatuses[rng.IntN(len(store.ReportStatuses))]
		var zone, resolved any
		if rng.IntN(5) > 0 {
			zone = zones[rng.IntN(len(zones))]
		}
		if store.ReportClosed(status) {
			resolved = created + rng.Int64N(60*24*3600)
		}
		if _, err := ins.Exec(fmt.Sprintf("B-%07d", i), cats[rng.IntN(len(cats))], status, zone, created, created, resolved); err != nil {
			b.Fatal(err)
		}
	}
	cit, err := tx.Prepare(`INSERT INTO citizens (telegram_user_id, chat_id, first_name, language, created_at, last_seen_at) VALUES (?, ?, 'C', ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	sub, err := tx.Prepare(`INSERT OR IGNORE INTO subscriptions (citizen_id, topic_id, created_at) VALUES (?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range citizens {
		seen := now.Unix() - rng.Int64N(span)
		res, err := cit.Exec(i+1, i+1, locales.Supported[rng.IntN(len(locales.Supported))], seen, seen)
		if err != nil {
			b.Fatal(err)
		}
		citizen, _ := res.LastInsertId()
		for range 2 {
			if _, err := sub.Exec(citizen, topics[rng.IntN(len(topics))], seen); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
