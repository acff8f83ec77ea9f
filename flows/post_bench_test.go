package flows

import (
	"context"
	"database/sql"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// benchTown is a database of n active citizens, each with a saved point
// spread evenly over a square degree around (11.5, 45.5) and subscribed
// to viabilita; the rows go in through prepared statements in one
// transaction, the fast way to a million.
func benchTown(b *testing.B, n int) (*store.Store, *Engine, int64) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	topic := int64(0)
	topics, err := st.AllTopics(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, tp := range topics {
		if tp.Slug == "viabilita" {
			topic = tp.ID
		}
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_foreign_keys=on&_journal_mode=WAL")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
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
	citizen := prepare(`INSERT INTO citizens (id, telegram_user_id, chat_id, first_name, language, created_at, last_seen_at) VALUES (?, ?, ?, 'Cittadino', ?, 0, 0)`)
	place := prepare(`INSERT INTO citizen_places (citizen_id, lat, lon, consented_at) VALUES (?, ?, ?, 0)`)
	subscribe := prepare(`INSERT INTO subscriptions (citizen_id, topic_id, created_at) VALUES (?, ?, 0)`)
	rng := rand.New(rand.NewPCG(3, 11))
	langs := []string{"it", "it", "it", "it", "it", "it", "it", "it", "en", "de"}
	run := func(s *sql.Stmt, args ...any) {
		if _, err := s.Exec(args...); err != nil {
			b.Fatal(err)
		}
	}
	for id := int64(1); id <= int64(n); id++ {
		run(citizen, id, 5_000_000+id, 5_000_000+id, langs[rng.IntN(len(langs))])
		run(place, id, 45+rng.Float64(), 11+rng.Float64())
		run(subscribe, id, topic)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	// Fold the write-ahead log into the database, as SQLite's automatic
	// checkpoints would have long before a million citizens joined.
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	e := NewEngine(Config{Comune: "Comune di Esempio"}, locales.MustLoad(), slog.New(slog.DiscardHandler))
	return st, e, topic
}

// BenchmarkAreaRecipients chooses an area alert's recipients among a
// million citizens: a diamond covering a tenth of their square, whose
// bounding box (a fifth) is the database's cut and the diamond the exact
// test.
func BenchmarkAreaRecipients(b *testing.B) {
	ctx := context.Background()
	st, e, _ := benchTown(b, 1_000_000)
	diamond := `{"type":"Polygon","coordinates":[[[11.5,45.2764],[11.7236,45.5],[11.5,45.7236],[11.2764,45.5],[11.5,45.2764]]]}`
	p := store.Post{Kind: store.PostAlert, Title: "Esondazione", Audience: store.AudienceArea, AreaGeoJSON: diamond}
	var n int
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		var err error
		if n, err = e.CountRecipients(ctx, st, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "recipients")
}

// BenchmarkPublishPost enqueues a post to 100 000 subscribers: every
// outbox row and delivery row, in one transaction.
func BenchmarkPublishPost(b *testing.B) {
	ctx := context.Background()
	st, e, topic := benchTown(b, 100_000)
	var n int
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		p, err := st.CreatePost(ctx, store.Post{Kind: store.PostNews, Title: "Chiusura di via Roma",
			BodyHTML: "Da lunedì <b>via Roma</b> è chiusa per lavori.", Audience: store.AudienceTopics, TopicIDs: []int64{topic}})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if n, err = e.PublishPost(ctx, st, p.ID); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := e.CancelBroadcast(ctx, st, p.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "recipients")
}
