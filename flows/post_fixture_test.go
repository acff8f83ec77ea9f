package flows

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// postTown is a real database for publishing: the seeded topics, two
// zones, and an engine whose clock is set by each test.
type postTown struct {
	st               *store.Store
	e                *Engine
	centro, stazione int64
	topic            map[string]int64
}

func newPostTown(t testing.TB) *postTown {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "town.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tw := &postTown{st: st, topic: map[string]int64{},
		e: NewEngine(Config{Comune: "Comune di Esempio"}, locales.MustLoad(), slog.New(slog.DiscardHandler))}
	tw.at(10, 0)
	square := `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: square}, {Name: "Stazione", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	tw.centro, tw.stazione = zones[0].ID, zones[1].ID
	topics, err := st.AllTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics {
		tw.topic[tp.Slug] = tp.ID
	}
	return tw
}

// at sets the store's clock to a time of 2 March 2026 in Rome.
func (tw *postTown) at(hour, minute int) {
	when := time.Date(2026, 3, 2, hour, minute, 0, 0, comuneClock)
	tw.st.SetClock(func() time.Time { return when })
}

// townsman is one person of the town: chat id = Telegram id.
type townsman struct {
	chat     int64
	lang     string
	topics   []string
	zone     int64
	lat, lon float64 // 0, 0: no saved point
	inactive bool
}

func (tw *postTown) add(t testing.TB, people ...townsman) {
	t.Helper()
	ctx := context.Background()
	for _, p := range people {
		lang := p.lang
		if lang == "" {
			lang = "it"
		}
		c, err := tw.st.CitizenSeen(ctx, p.chat, p.chat, "Cittadino", lang, true)
		if err != nil {
			t.Fatal(err)
		}
		if p.zone != 0 || p.lat != 0 {
			place := store.CitizenPlace{CitizenID: c.ID, ZoneID: p.zone, HasCoords: p.lat != 0, Lat: p.lat, Lon: p.lon}
			if err := tw.st.SaveCitizenPlace(ctx, place); err != nil {
				t.Fatal(err)
			}
		}
		for _, slug := range p.topics {
			id, ok := tw.topic[slug]
			if !ok {
				t.Fatalf("no topic %q", slug)
			}
			if err := tw.st.Subscribe(ctx, c.ID, id); err != nil {
				t.Fatal(err)
			}
		}
		if p.inactive {
			if _, err := tw.st.DeactivateChat(ctx, c.ChatID, "blocked"); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func (tw *postTown) topics(slugs ...string) []int64 {
	var ids []int64
	for _, s := range slugs {
		ids = append(ids, tw.topic[s])
	}
	return ids
}

func (tw *postTown) create(t testing.TB, p store.Post) store.Post {
	t.Helper()
	if p.Kind == "" {
		p.Kind = store.PostNews
	}
	if p.Title == "" {
		p.Title = "Lavori in via Roma"
	}
	created, err := tw.st.CreatePost(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

// queued is the outbox read back: per chat, its messages in sending
// order, each checked as every message the bot sends.
type queued struct {
	chat     int64
	priority int
	postID   int64
	m        Message
}

func (tw *postTown) queued(t testing.TB) map[int64][]queued {
	t.Helper()
	items, err := tw.st.DueOutbox(context.Background(), 1<<62, 10_000_000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]queued{}
	for _, it := range items {
		m, err := DecodeMessage(it.Payload)
		if err != nil {
			t.Fatal(err)
		}
		m.ChatID = it.ChatID // as the sender does: the row is authoritative
		if m.Action != ActionSendPhoto && m.Action != ActionSendDocument && m.EditPostID == 0 {
			checkMessage(t, m)
		}
		out[it.ChatID] = append(out[it.ChatID], queued{chat: it.ChatID, priority: it.Priority, postID: m.PostID, m: m})
	}
	return out
}

func chatsOf(q map[int64][]queued) []int64 {
	var chats []int64
	for c := range q {
		chats = append(chats, c)
	}
	slices.Sort(chats)
	return chats
}
