package reminders

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
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
func romeAt(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, rome)
}

// town is a real database where paper goes out every day in one zone and
// one citizen chose paper: every evening has exactly one reminder to send.
type town struct {
	st    *store.Store
	clock *fakeClock
	s     *Scheduler
	woken atomic.Int32
}

func newTown(t *testing.T, hour, minute int) *town {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "town.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := st.Zones(ctx, store.ZoneKindZone)
	every := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	if err := flows.SaveZoneSchedule(ctx, st, zones[0].ID, []waste.Rule{{Type: "carta", Weekdays: every}}, nil); err != nil {
		t.Fatal(err)
	}
	c, err := st.CitizenSeen(ctx, 42, 42, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCitizenPlace(ctx, store.CitizenPlace{CitizenID: c.ID, ZoneID: zones[0].ID}); err != nil {
		t.Fatal(err)
	}
	topics, _ := st.AllTopics(ctx)
	for _, tp := range topics {
		if tp.Slug == "rifiuti-carta" {
			if err := st.Subscribe(ctx, c.ID, tp.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	tw := &town{st: st, clock: &fakeClock{}}
	engine := flows.NewEngine(flows.Config{Comune: "Comune di Prova"}, locales.MustLoad(), slog.New(slog.DiscardHandler))
	tw.s, err = New(Config{Hour: hour, Minute: minute, Now: tw.clock.now, Notify: func() { tw.woken.Add(1) }}, st, engine, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return tw
}

// runAt runs the due check at a moment and returns how many messages it
// enqueued.
func (tw *town) runAt(t *testing.T, at time.Time) int {
	t.Helper()
	tw.clock.set(at)
	n, err := tw.s.RunDue(context.Background())
	if err != nil {
		t.Fatalf("at %s: %v", at, err)
	}
	return n
}

func (tw *town) ran(t *testing.T, evening string) bool {
	t.Helper()
	_, err := tw.st.WasteReminderRunOf(context.Background(), evening)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func (tw *town) outbox(t *testing.T) int {
	t.Helper()
	counts, err := tw.st.OutboxCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return counts[store.OutboxPending]
}

func TestTheScheduleIsTheConfiguredTimeInRomeOnDaylightSavingDays(t *testing.T) {
	tw := newTown(t, 19, 0)
	cases := []struct {
		name    string
		from    time.Time
		wantUTC time.Time
	}{
		{"Saturday before spring forward", romeAt(2026, 3, 28, 10, 0), time.Date(2026, 3, 28, 18, 0, 0, 0, time.UTC)},
		{"last Sunday of March", romeAt(2026, 3, 29, 1, 30), time.Date(2026, 3, 29, 17, 0, 0, 0, time.UTC)},
		{"Saturday before fall back", romeAt(2026, 10, 24, 10, 0), time.Date(2026, 10, 24, 17, 0, 0, 0, time.UTC)},
		{"last Sunday of October", romeAt(2026, 10, 25, 2, 30), time.Date(2026, 10, 25, 18, 0, 0, 0, time.UTC)},
		{"after the day's run", romeAt(2026, 10, 25, 19, 0), time.Date(2026, 10, 26, 18, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tw.s.Next(c.from)
			if !got.Equal(c.wantUTC) {
				t.Errorf("next run after %s: %s, want %s", c.from, got.UTC(), c.wantUTC)
			}
			if l := got.In(rome); l.Hour() != 19 || l.Minute() != 0 {
				t.Errorf("next run at %s in Rome", l)
			}
		})
	}
}

func TestTheEveningIsDueFromTheTimeInRomeOnDaylightSavingDays(t *testing.T) {
	for _, c := range []struct {
		name           string
		before, onTime time.Time // in UTC, one minute apart around 19:00 in Rome
		evening        string
	}{
		{"last Sunday of March (CEST, UTC+2)", time.Date(2026, 3, 29, 16, 59, 0, 0, time.UTC), time.Date(2026, 3, 29, 17, 0, 0, 0, time.UTC), "2026-03-29"},
		{"last Sunday of October (CET, UTC+1)", time.Date(2026, 10, 25, 17, 59, 0, 0, time.UTC), time.Date(2026, 10, 25, 18, 0, 0, 0, time.UTC), "2026-10-25"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tw := newTown(t, 19, 0)
			if n := tw.runAt(t, c.before); n != 0 || tw.ran(t, c.evening) {
				t.Fatalf("18:59 in Rome sent %d", n)
			}
			if n := tw.runAt(t, c.onTime); n != 1 || !tw.ran(t, c.evening) {
				t.Fatalf("19:00 in Rome sent %d", n)
			}
			if tw.woken.Load() != 1 {
				t.Errorf("the sender was woken %d times", tw.woken.Load())
			}
		})
	}
}

func TestAMissedRunIsCaughtUpTheSameEveningOnlyAndNeverTwice(t *testing.T) {
	tw := newTown(t, 19, 30)
	// Down from before 19:30 until 22:40: back up, the evening goes out.
	if n := tw.runAt(t, romeAt(2026, 3, 30, 18, 0)); n != 0 {
		t.Fatalf("before time: %d", n)
	}
	if n := tw.runAt(t, romeAt(2026, 3, 30, 22, 40)); n != 1 {
		t.Fatalf("caught up at 22:40: %d", n)
	}
	for _, again := range []time.Time{romeAt(2026, 3, 30, 22, 41), romeAt(2026, 3, 30, 22, 59)} {
		if n := tw.runAt(t, again); n != 0 {
			t.Fatalf("again at %s: %d", again, n)
		}
	}
	// Down the whole evening of the 31st: at 23:00 it is too late, and the
	// morning after does not send yesterday's evening.
	for _, late := range []time.Time{romeAt(2026, 3, 31, 23, 0), romeAt(2026, 4, 1, 0, 30), romeAt(2026, 4, 1, 8, 0)} {
		if n := tw.runAt(t, late); n != 0 {
			t.Fatalf("at %s: %d", late, n)
		}
	}
	if tw.ran(t, "2026-03-31") || tw.ran(t, "2026-04-01") {
		t.Fatal("a missed evening was sent late")
	}
	if n := tw.runAt(t, romeAt(2026, 4, 1, 19, 30)); n != 1 {
		t.Fatalf("the next evening: %d", n)
	}
	if got := tw.outbox(t); got != 2 {
		t.Fatalf("%d messages in the outbox, want 2 (30 March, 1 April)", got)
	}
}

// Run catches up at start-up, and a second process (or a restart) the
// same evening adds nothing.
func TestRunCatchesUpAtStartAndStopsWithItsContext(t *testing.T) {
	tw := newTown(t, 19, 0)
	tw.clock.set(romeAt(2026, 10, 25, 21, 15))
	for range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- tw.s.Run(ctx) }()
		deadline := time.Now().Add(10 * time.Second)
		for !tw.ran(t, "2026-10-25") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if got := tw.outbox(t); got != 1 {
		t.Fatalf("%d messages after two starts in one evening", got)
	}
}

func TestValidTime(t *testing.T) {
	for _, c := range []struct {
		hour, minute int
		ok           bool
	}{{19, 0, true}, {12, 0, true}, {22, 59, true}, {11, 59, false}, {23, 0, false}, {19, 60, false}, {-1, 0, false}} {
		if err := ValidTime(c.hour, c.minute); (err == nil) != c.ok {
			t.Errorf("%02d:%02d: %v", c.hour, c.minute, err)
		}
	}
	if _, err := New(Config{Hour: 23, Minute: 30}, nil, nil, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("New accepted 23:30")
	}
}
