// Package reminders sends the evening waste reminders at the comune's
// time: every evening at the configured hour (19:00 unless set), in
// Europe/Rome's wall-clock time whatever the season, and at start-up when
// a run was missed earlier the same evening.
//
// It is a package of its own, beside flows rather than in it or in bot,
// because it is the one piece that owns a clock and a goroutine: flows
// decides what a reminder says and writes it to the outbox in one
// transaction with the record of the evening (flows.SendWasteReminders),
// and bot's sender delivers it; this package only decides when.
package reminders

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/robfig/cron/v3"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// Zone is the comune's clock.
const Zone = "Europe/Rome"

// CatchUpUntil is the hour after which a missed evening is given up: a
// reminder at midnight about the morning's bins would wake people up for
// little use.
const CatchUpUntil = 23

// The reminders' time must leave the evening to catch up in, and be an
// evening: at noon "tomorrow" still means what the citizen expects.
const (
	earliestHour = 12
	latestHour   = CatchUpUntil - 1
)

// recheck is how often a running server asks whether the evening's run is
// still to do: after a failed run (the disk was full, the database busy),
// or a clock that jumped, the run happens at the next check, still once.
const recheck = 10 * time.Minute

// Config says when the reminders go out.
type Config struct {
	Hour, Minute int
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// Notify, when set, is called after a run enqueued messages, so the
	// sender delivers them now rather than at its next poll.
	Notify func()
}

// Scheduler runs the evening reminders.
type Scheduler struct {
	cfg      Config
	loc      *time.Location
	schedule cron.Schedule
	st       *store.Store
	engine   *flows.Engine
	log      *slog.Logger
}

// ValidTime explains what is wrong with a reminders' time, or returns nil.
func ValidTime(hour, minute int) error {
	if hour < earliestHour || hour > latestHour || minute < 0 || minute > 59 {
		return fmt.Errorf("expected a time between %02d:00 and %02d:59, such as 19:00", earliestHour, latestHour)
	}
	return nil
}

// New builds the scheduler; it starts nothing until Run.
func New(cfg Config, st *store.Store, engine *flows.Engine, logger *slog.Logger) (*Scheduler, error) {
	if err := ValidTime(cfg.Hour, cfg.Minute); err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err) // embedded by time/tzdata
	}
	// The schedule names its zone, so the next run is 19:00 in Rome on the
	// days the clocks change too, whatever the host's own zone.
	schedule, err := cron.ParseStandard(fmt.Sprintf("CRON_TZ=%s %d %d * * *", Zone, cfg.Minute, cfg.Hour))
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	return &Scheduler{cfg: cfg, loc: loc, schedule: schedule, st: st, engine: engine, log: logger}, nil
}

// Next is when the reminders go out next after t.
func (s *Scheduler) Next(t time.Time) time.Time { return s.schedule.Next(t) }

// dueEvening is the evening whose reminders are due at now: today's, from
// the configured time until CatchUpUntil, in the comune's wall-clock time.
func (s *Scheduler) dueEvening(now time.Time) (waste.Date, bool) {
	local := now.In(s.loc)
	today := waste.DateIn(now, s.loc)
	from := today.At(s.cfg.Hour, s.cfg.Minute, s.loc)
	until := today.At(CatchUpUntil, 0, s.loc)
	return today, !local.Before(from) && local.Before(until)
}

// RunDue sends the evening's reminders if it is their time and they have
// not gone out yet, and says how many messages it enqueued. Calling it
// again the same evening sends nothing: the store records each evening in
// the transaction that enqueues its messages.
func (s *Scheduler) RunDue(ctx context.Context) (int, error) {
	evening, due := s.dueEvening(s.cfg.Now())
	if !due {
		return 0, nil
	}
	n, err := s.engine.SendWasteReminders(ctx, s.st, evening)
	switch {
	case errors.Is(err, flows.ErrWasteRemindersSent):
		return 0, nil
	case err != nil:
		return 0, err
	}
	s.log.Info("waste reminders enqueued", "evening", evening.String(), "messages", n)
	if n > 0 && s.cfg.Notify != nil {
		s.cfg.Notify()
	}
	return n, nil
}

// Run catches up on an evening missed while the server was down, then
// sends each evening's reminders on time until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	s.runLogged(ctx)
	c := cron.New(cron.WithLocation(s.loc), cron.WithLogger(cronLogger{s.log}), cron.WithChain(cron.SkipIfStillRunning(cronLogger{s.log})))
	c.Schedule(s.schedule, cron.FuncJob(func() { s.runLogged(ctx) }))
	c.Start()
	s.log.Info("waste reminders scheduled", "next", s.Next(s.cfg.Now()).In(s.loc).Format(time.RFC3339))
	ticker := time.NewTicker(recheck)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			<-c.Stop().Done()
			return nil
		case <-ticker.C:
			s.runLogged(ctx)
		}
	}
}

func (s *Scheduler) runLogged(ctx context.Context) {
	if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("waste reminders failed; retrying within minutes while the evening lasts", "error", err)
	}
}

// cronLogger passes the scheduler library's few words to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, keysAndValues ...any) {
	l.log.Debug("cron: "+msg, "details", fmt.Sprint(keysAndValues...))
}

func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	l.log.Error("cron: "+msg, "error", err, "details", fmt.Sprint(keysAndValues...))
}
