package scheduler

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

var rome = mustRome()

func mustRome() *time.Location {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		panic(err)
	}
	return loc
}

// fakeClock is the scheduler's clock in a test.
type fakeClock struct{ t atomic.Pointer[time.Time] }

func (c *fakeClock) set(t time.Time) { c.t.Store(&t) }
func (c *fakeClock) now() time.Time  { return *c.t.Load() }

// town is a real database with three citizens who follow "eventi", one
// who follows nothing, and the engine that publishes.
type town struct {
	path   string
	st     *store.Store
	engine *flows.Engine
	clock  *fakeClock
	eventi int64
}

func newTown(t *testing.T) *town {
	t.Helper()
	tw := &town{path: filepath.Join(t.TempDir(), "town.db"), clock: &fakeClock{},
		engine: flows.NewEngine(flows.Config{Comune: "Comune di Prova"}, locales.MustLoad(), slog.New(slog.DiscardHandler))}
	tw.clock.set(time.Date(2026, 3, 1, 12, 0, 0, 0, rome))
	tw.st = tw.open(t)
	ctx := context.Background()
	topics, err := tw.st.AllTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics {
		if tp.Slug == "eventi" {
			tw.eventi = tp.ID
		}
	}
	for chat := int64(1); chat <= 4; chat++ {
		c, err := tw.st.CitizenSeen(ctx, chat, chat, "Cittadino", "it", true)
		if err != nil {
			t.Fatal(err)
		}
		if chat <= 3 {
			if err := tw.st.Subscribe(ctx, c.ID, tw.eventi); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tw
}

// open is one server's handle on the town's database, on the fake clock.
func (tw *town) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), tw.path)
	if err != nil {
		t.Fatal(err)
	}
	st.SetClock(tw.clock.now)
	t.Cleanup(func() { st.Close() })
	return st
}

func (tw *town) scheduler(t *testing.T, st *store.Store) *Scheduler {
	t.Helper()
	s, err := New(Config{Now: tw.clock.now}, st, tw.engine, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (tw *town) schedule(t *testing.T, at time.Time) store.Post {
	t.Helper()
	p, err := tw.st.CreatePost(context.Background(), store.Post{Kind: store.PostEvent, Title: "Concerto in piazza",
		Audience: store.AudienceTopics, TopicIDs: []int64{tw.eventi}, Status: store.PostScheduled, PublishAt: at.Unix()})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (tw *town) post(t *testing.T, id int64) store.Post {
	t.Helper()
	p, err := tw.st.PostByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// delivered is how many recipients the post's broadcast has in all.
func (tw *town) delivered(t *testing.T, id int64) int {
	t.Helper()
	stats, err := tw.st.PostDeliveryStats(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return stats.Recipients
}

func (tw *town) tick(t *testing.T, s *Scheduler, at time.Time) int {
	t.Helper()
	tw.clock.set(at)
	n, err := s.PublishDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A post scheduled across a daylight-saving change goes once, at its
// instant. The clerk's wall-clock time becomes that instant in the admin
// (admin/posts_parse.go, romeInput): a time the clocks skip (29 March
// 2026, 02:00-03:00) is refused with a message, so the first time that
// can be chosen after the jump is 03:00 summer time; a time shown twice
// (25 October 2026, 02:30) is the first one, still summer time. The
// scheduler compares instants (unix seconds), never wall-clock times, so
// the second 02:30 an hour later does not send it again.
func TestAScheduledPostAcrossADaylightSavingChangeGoesOnceAtTheRightInstant(t *testing.T) {
	for _, c := range []struct {
		label string
		at    time.Time
		wall  string // as Rome's clock reads at that instant
	}{
		{"spring: the first minute after the jump", time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), "2026-03-29 03:00 CEST"},
		{"spring: the last minute before it", time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC), "2026-03-29 01:59 CET"},
		{"autumn: the first of two 02:30", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "2026-10-25 02:30 CEST"},
	} {
		t.Run(c.label, func(t *testing.T) {
			if got := c.at.In(rome).Format("2006-01-02 15:04 MST"); got != c.wall {
				t.Fatalf("%s reads %s in Rome, want %s", c.at, got, c.wall)
			}
			tw := newTown(t)
			p := tw.schedule(t, c.at)
			s := tw.scheduler(t, tw.st)
			if n := tw.tick(t, s, c.at.Add(-time.Second)); n != 0 {
				t.Fatalf("published %d a second early", n)
			}
			if n := tw.tick(t, s, c.at); n != 1 {
				t.Fatalf("published %d at its time, want 1", n)
			}
			// The clock goes on, in autumn through the second 02:30.
			for _, later := range []time.Duration{time.Second, time.Hour, time.Hour + time.Minute} {
				if n := tw.tick(t, s, c.at.Add(later)); n != 0 {
					t.Fatalf("published again %s later", later)
				}
			}
			if got := tw.post(t, p.ID); got.Status != store.PostSending || got.SentAt != c.at.Unix() || tw.delivered(t, p.ID) != 3 {
				t.Fatalf("post %+v with %d recipients, want sending to 3 since %s", got, tw.delivered(t, p.ID), c.at)
			}
		})
	}
}

func TestAPostDueWhileTheServerWasDownGoesOnceAfterTheRestart(t *testing.T) {
	tw := newTown(t)
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, rome)
	p := tw.schedule(t, at)
	tw.clock.set(at.Add(-time.Minute))
	if n, _ := tw.scheduler(t, tw.st).PublishDue(context.Background()); n != 0 {
		t.Fatalf("published %d before its time", n)
	}
	tw.st.Close() // the server stops before 9:00 and comes back at 9:40

	st := tw.open(t)
	tw.st = st
	s := tw.scheduler(t, st)
	if n := tw.tick(t, s, at.Add(40*time.Minute)); n != 1 {
		t.Fatalf("published %d after the restart, want 1", n)
	}
	// And a second restart does not send it again.
	if n := tw.tick(t, tw.scheduler(t, tw.open(t)), at.Add(41*time.Minute)); n != 0 {
		t.Fatalf("published %d after a second restart", n)
	}
	if tw.delivered(t, p.ID) != 3 {
		t.Fatalf("%d recipients, want 3", tw.delivered(t, p.ID))
	}
}

func TestTwoSchedulersRacingSendAPostOnce(t *testing.T) {
	tw := newTown(t)
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, rome)
	p := tw.schedule(t, at)
	tw.clock.set(at)
	var total atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		s := tw.scheduler(t, tw.open(t)) // four servers on one database
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				n, err := s.PublishDue(context.Background())
				if err != nil {
					t.Error(err)
				}
				total.Add(int32(n))
			}
		}()
	}
	wg.Wait()
	if total.Load() != 1 || tw.delivered(t, p.ID) != 3 {
		t.Fatalf("published %d times to %d recipients, want once to 3", total.Load(), tw.delivered(t, p.ID))
	}
}

func TestACancelledOrPostponedPostDoesNotGo(t *testing.T) {
	tw := newTown(t)
	ctx := context.Background()
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, rome)
	cancelled := tw.schedule(t, at)
	if err := tw.st.SetPostStatus(ctx, cancelled.ID, store.PostCancelled, []string{store.PostScheduled}, 0); err != nil {
		t.Fatal(err)
	}
	postponed := tw.schedule(t, at)
	postponed.PublishAt = at.Add(24 * time.Hour).Unix()
	if _, err := tw.st.UpdatePost(ctx, postponed); err != nil {
		t.Fatal(err)
	}
	s := tw.scheduler(t, tw.st)
	if n := tw.tick(t, s, at.Add(time.Hour)); n != 0 {
		t.Fatalf("published %d", n)
	}
	if got := tw.post(t, cancelled.ID); got.Status != store.PostCancelled || tw.delivered(t, cancelled.ID) != 0 {
		t.Errorf("the cancelled post: %+v", got)
	}
	if n := tw.tick(t, s, at.Add(24*time.Hour)); n != 1 {
		t.Fatalf("the postponed post: published %d at its new time", n)
	}
	// Once taken, the post can no longer be edited or cancelled.
	if _, err := tw.st.UpdatePost(ctx, tw.post(t, postponed.ID)); err != store.ErrPostLocked {
		t.Errorf("editing a post that went: %v, want ErrPostLocked", err)
	}
}

func TestAPostThatCanReachNobodyGoesBackToDraftOnce(t *testing.T) {
	tw := newTown(t)
	ctx := context.Background()
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, rome)
	p, err := tw.st.CreatePost(ctx, store.Post{Kind: store.PostNews, Title: "Senza argomento", Audience: store.AudienceTopics,
		Status: store.PostScheduled, PublishAt: at.Unix()})
	if err != nil {
		t.Fatal(err)
	}
	ok := tw.schedule(t, at)
	s := tw.scheduler(t, tw.st)
	if n := tw.tick(t, s, at); n != 1 {
		t.Fatalf("published %d, want the good post only", n)
	}
	if got := tw.post(t, p.ID); got.Status != store.PostDraft {
		t.Fatalf("the post without topics is %s, want draft for staff to fix", got.Status)
	}
	if tw.delivered(t, ok.ID) != 3 {
		t.Errorf("the other post reached %d", tw.delivered(t, ok.ID))
	}
}

func TestNewRefusesAnImpoliteFeedInterval(t *testing.T) {
	tw := newTown(t)
	if _, err := New(Config{FeedInterval: 10 * time.Second}, tw.st, tw.engine, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("a 10s feed interval was accepted")
	}
}
