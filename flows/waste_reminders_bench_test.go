package flows_test

import (
	"context"
	"database/sql"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/demo"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

const benchCitizens = 100_000

// BenchmarkWasteReminders measures one evening's run: 100 000 citizens
// with saved places over the demo quartieri and their calendars, most of
// them subscribed to some waste types, in three languages; the run reads
// them, computes each zone's collections once and writes the messages and
// the record of the evening in one transaction.
//
//	go test ./flows -run '^$' -bench WasteReminders -benchtime 5x
func BenchmarkWasteReminders(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rome, _ := time.LoadLocation("Europe/Rome")
	st.SetClock(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, rome) })
	if err := demo.Seed(ctx, st); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_foreign_keys=on")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	insertReminderCitizens(b, ctx, st, db)
	engine := flows.NewEngine(flows.Config{Comune: "Comune di Esempio"}, locales.MustLoad(), slog.New(slog.DiscardHandler))
	var sent int
	b.ResetTimer()
	for i := range b.N {
		// Every Monday of spring: each iteration is an evening of its own.
		evening := waste.D(2026, 3, 9).AddDays(7 * i)
		n, err := engine.SendWasteReminders(ctx, st, evening)
		if err != nil {
			b.Fatal(err)
		}
		sent += n
		b.StopTimer()
		if _, err := db.ExecContext(ctx, `DELETE FROM outbox`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(sent)/float64(b.N), "messages/op")
}

// insertReminderCitizens writes the citizens, their places and consents
// with prepared statements in one transaction: 80 % Italian, 10 % English,
// 10 % German; 2 % blocked the bot; 40 % chose the whole waste topic, 50 %
// one to three types, 10 % only roadworks news.
func insertReminderCitizens(b *testing.B, ctx context.Context, st *store.Store, db *sql.DB) {
	b.Helper()
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil || len(zones) == 0 {
		b.Fatalf("demo zones: %v %v", zones, err)
	}
	topics, err := st.AllTopics(ctx)
	if err != nil {
		b.Fatal(err)
	}
	slug := map[string]int64{}
	for _, t := range topics {
		slug[t.Slug] = t.ID
	}
	subtopics := []int64{slug["rifiuti-carta"], slug["rifiuti-plastica"], slug["rifiuti-vetro"], slug["rifiuti-umido"], slug["rifiuti-secco"]}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	prepare := func(q string) *sql.Stmt {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	citizen := prepare(`INSERT INTO citizens (id, telegram_user_id, chat_id, first_name, language, active, created_at, last_seen_at) VALUES (?, ?, ?, 'Cittadino', ?, ?, 0, 0)`)
	place := prepare(`INSERT INTO citizen_places (citizen_id, zone_id, consented_at) VALUES (?, ?, 0)`)
	subscribe := prepare(`INSERT OR IGNORE INTO subscriptions (citizen_id, topic_id, created_at) VALUES (?, ?, 0)`)
	rng := rand.New(rand.NewPCG(7, 19))
	for id := int64(1); id <= benchCitizens; id++ {
		lang := "it"
		switch r := rng.IntN(10); {
		case r == 0:
			lang = "en"
		case r == 1:
			lang = "de"
		}
		exec(b, citizen, id, 1_000_000+id, 1_000_000+id, lang, rng.IntN(50) != 0)
		exec(b, place, id, zones[rng.IntN(len(zones))].ID)
		switch r := rng.IntN(10); {
		case r < 4:
			exec(b, subscribe, id, slug["rifiuti"])
			for _, t := range subtopics {
				exec(b, subscribe, id, t)
			}
		case r < 9:
			for range 1 + rng.IntN(3) {
				exec(b, subscribe, id, subtopics[rng.IntN(len(subtopics))])
			}
		default:
			exec(b, subscribe, id, slug["viabilita"])
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

func exec(b *testing.B, s *sql.Stmt, args ...any) {
	if _, err := s.Exec(args...); err != nil {
		b.Fatal(err)
	}
}
