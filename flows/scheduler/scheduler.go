// Package scheduler sends scheduled posts at their time and polls the
// comune's website feeds.
//
// Like flows/reminders, it is a package of its own because it owns a
// clock and goroutines: flows decides what a post says and enqueues it
// (Engine.PublishPost), the feed poller makes posts of new items, and
// bot's sender delivers; this package only decides when.
//
// Scheduled posts are found by polling the database every second rather
// than by one cron entry per post: a post's time lives in one place (the
// posts table), so an edit, a cancellation, a second server or a restart
// needs no job to be kept in step with it, a post due while the server
// was down is simply due at the first poll, and the query is one read of
// an index (posts(status, publish_at)). Each due post is taken by
// PublishPost with a compare-and-set on its status, so two schedulers, or
// a poll that overlaps a restart, send it once.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/robfig/cron/v3"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// Zone is the comune's clock.
const Zone = "Europe/Rome"

// DefaultFeedInterval is how often feeds are polled unless configured.
const DefaultFeedInterval = 15 * time.Minute

// MinFeedInterval keeps the comune a polite reader of other sites.
const MinFeedInterval = time.Minute

// postsTick is how precisely a post goes at its time.
const postsTick = time.Second

// retryFailed is how long a post whose publishing failed waits before
// the next try: a busy disk gets time, the log is not flooded.
const retryFailed = time.Minute

// duePerTick bounds the posts taken in one tick; the rest go at the next.
const duePerTick = 50

// Config says how the scheduler runs.
type Config struct {
	// FeedInterval is how often the feeds are polled; 0 means the default.
	FeedInterval time.Duration
	// Feeds polls the feeds; nil means no feed polling.
	Feeds *flows.FeedPoller
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// Notify, when set, is called after posts were enqueued, so the
	// sender delivers them now rather than at its next poll.
	Notify func()
}

// Scheduler publishes due posts and polls feeds.
type Scheduler struct {
	cfg    Config
	loc    *time.Location
	st     *store.Store
	engine *flows.Engine
	log    *slog.Logger
	// mu serialises PublishDue; retryAt is when a failed post is tried
	// again.
	mu      sync.Mutex
	retryAt map[int64]time.Time
	// polling is held while feeds are polled: the start-up poll and the
	// interval's must not read the same feeds at once.
	polling sync.Mutex
}

// New builds the scheduler; it starts nothing until Run.
func New(cfg Config, st *store.Store, engine *flows.Engine, logger *slog.Logger) (*Scheduler, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.FeedInterval == 0 {
		cfg.FeedInterval = DefaultFeedInterval
	}
	if cfg.FeedInterval < MinFeedInterval {
		return nil, fmt.Errorf("scheduler: feed interval %s is shorter than %s", cfg.FeedInterval, MinFeedInterval)
	}
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return nil, fmt.Errorf("scheduler: %w", err) // embedded by time/tzdata
	}
	return &Scheduler{cfg: cfg, loc: loc, st: st, engine: engine, log: logger, retryAt: map[int64]time.Time{}}, nil
}

// PublishDue publishes every scheduled post whose time has come, once
// each, and says how many it published; then it marks sent the posts
// whose messages have all left the outbox. A post another scheduler took
// first, or staff cancelled meanwhile, is skipped. A post whose audience
// can no longer be chosen (its topics were deleted since) goes back to
// draft for staff to fix, rather than failing every second; any other
// failure is retried a minute later, and the other posts still go.
func (s *Scheduler) PublishDue(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	ids, err := s.st.DuePostIDs(ctx, now.Unix(), duePerTick)
	if err != nil {
		return 0, err
	}
	published := 0
	for _, id := range ids {
		if now.Before(s.retryAt[id]) {
			continue
		}
		n, err := s.engine.PublishPost(ctx, s.st, id)
		switch {
		case err == nil:
			delete(s.retryAt, id)
			published++
			s.log.Info("scheduled post published", "post_id", id, "recipients", n)
		case errors.Is(err, store.ErrPostLocked), errors.Is(err, store.ErrNotFound):
			// Taken, cancelled or deleted since the query.
		case unpublishable(err):
			s.log.Error("scheduled post cannot reach anyone; back to draft", "post_id", id, "error", err)
			if err := s.st.SetPostStatus(ctx, id, store.PostDraft, []string{store.PostScheduled}, 0); err != nil && !errors.Is(err, store.ErrPostLocked) {
				return published, err
			}
		default:
			s.retryAt[id] = now.Add(retryFailed)
			s.log.Error("scheduled post not published; retrying in a minute", "post_id", id, "error", err)
		}
	}
	if published > 0 && s.cfg.Notify != nil {
		s.cfg.Notify()
	}
	if _, err := s.engine.FinishBroadcasts(ctx, s.st); err != nil {
		return published, err
	}
	return published, nil
}

// unpublishable tells the errors a retry cannot cure.
func unpublishable(err error) bool {
	for _, target := range []error{flows.ErrNoTopics, flows.ErrNoArea, flows.ErrEveryoneNotAlert, flows.ErrUnknownAudience, flows.ErrBadArea} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// PollFeeds polls every enabled feed once.
func (s *Scheduler) PollFeeds(ctx context.Context) (int, error) {
	if s.cfg.Feeds == nil {
		return 0, nil
	}
	return s.cfg.Feeds.PollAll(ctx, s.st)
}

// Run publishes what fell due while the server was down, polls the feeds,
// then keeps doing both on schedule until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	c := cron.New(cron.WithLocation(s.loc), cron.WithLogger(cronLogger{s.log}),
		cron.WithChain(cron.SkipIfStillRunning(cronLogger{s.log})))
	c.Schedule(cron.Every(postsTick), cron.FuncJob(func() { s.publishLogged(ctx) }))
	if s.cfg.Feeds != nil {
		c.Schedule(cron.Every(s.cfg.FeedInterval), cron.FuncJob(func() { s.pollLogged(ctx) }))
	}
	s.publishLogged(ctx)
	c.Start()
	s.log.Info("post scheduler started", "feed_interval", s.cfg.FeedInterval.String(), "feeds", s.cfg.Feeds != nil)
	if s.cfg.Feeds != nil {
		go s.pollLogged(ctx) // at start-up too, without delaying due posts
	}
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

func (s *Scheduler) publishLogged(ctx context.Context) {
	if _, err := s.PublishDue(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("scheduled posts not checked; retrying at the next tick", "error", err)
	}
}

func (s *Scheduler) pollLogged(ctx context.Context) {
	if !s.polling.TryLock() {
		return
	}
	defer s.polling.Unlock()
	if _, err := s.PollFeeds(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("feeds not polled; retrying at the next interval", "error", err)
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
