package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/campanile/campanile/store"
)

// handleFunc handles one stored update; it returns an error only when the
// update should be tried again.
type handleFunc func(ctx context.Context, u store.InboundUpdate) error

// maxAttempts bounds the retries of an update that keeps failing: after
// them the giveUp function settles it, so one bad update cannot hold its
// chat (and its shard) forever.
const maxAttempts = 5

// Dispatcher feeds stored updates to handlers: one chat's updates in order,
// one at a time; different chats in parallel. Updates are sharded by chat,
// and each shard is a FIFO worker.
type Dispatcher struct {
	st      *store.Store
	handle  handleFunc
	giveUp  func(ctx context.Context, u store.InboundUpdate, cause error)
	shards  int
	log     *slog.Logger
	wake    chan struct{}
	maxHeld int

	mu   sync.Mutex
	held map[int64]bool // update ids queued or being handled
}

// NewDispatcher builds a dispatcher with the given parallelism.
// giveUp settles an update that failed maxAttempts times.
func NewDispatcher(st *store.Store, handle handleFunc, giveUp func(context.Context, store.InboundUpdate, error), shards int, logger *slog.Logger) *Dispatcher {
	if shards < 1 {
		shards = 1
	}
	return &Dispatcher{st: st, handle: handle, giveUp: giveUp, shards: shards, log: logger, wake: make(chan struct{}, 1), maxHeld: 64 * shards, held: map[int64]bool{}}
}

// Wake tells the dispatcher new updates are in the inbox.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run dispatches until ctx is done, then waits for handlers in progress.
func (d *Dispatcher) Run(ctx context.Context) error {
	queues := make([]chan store.InboundUpdate, d.shards)
	var wg sync.WaitGroup
	for i := range queues {
		queues[i] = make(chan store.InboundUpdate, 64)
		wg.Add(1)
		go func(q <-chan store.InboundUpdate) {
			defer wg.Done()
			for u := range q {
				d.work(ctx, u)
			}
		}(queues[i])
	}
	defer func() {
		for _, q := range queues {
			close(q)
		}
		wg.Wait()
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		d.fill(ctx, queues)
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-tick.C:
		}
	}
}

func (d *Dispatcher) fill(ctx context.Context, queues []chan store.InboundUpdate) {
	d.mu.Lock()
	room := d.maxHeld - len(d.held)
	d.mu.Unlock()
	if room <= 0 {
		return
	}
	pending, err := d.st.PendingUpdates(ctx, d.maxHeld)
	if err != nil {
		if ctx.Err() == nil {
			d.log.Error("unable to read the inbox", "error", err)
		}
		return
	}
	for _, u := range pending {
		d.mu.Lock()
		already := d.held[u.UpdateID]
		if !already {
			d.held[u.UpdateID] = true
		}
		d.mu.Unlock()
		if already {
			continue
		}
		q := queues[shardOf(u.ChatID, len(queues))]
		select {
		case q <- u:
		case <-ctx.Done():
			return
		}
	}
}

func shardOf(chatID int64, n int) int {
	if chatID < 0 {
		chatID = -chatID
	}
	return int(chatID % int64(n))
}

// work handles one update, retrying a few times on failure (a busy disk, a
// transient database error). Its chat's later updates wait behind it, to
// keep order.
func (d *Dispatcher) work(ctx context.Context, u store.InboundUpdate) {
	defer func() {
		d.mu.Lock()
		delete(d.held, u.UpdateID)
		d.mu.Unlock()
		d.Wake()
	}()
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			return
		}
		err := d.handle(ctx, u)
		if err == nil {
			return
		}
		if ctx.Err() != nil {
			return
		}
		d.log.Error("unable to handle update", "update_id", u.UpdateID, "chat_id", u.ChatID, "attempt", attempt+1, "error", err)
		if attempt+1 >= maxAttempts {
			d.giveUp(ctx, u, err)
			return
		}
		if !sleep(ctx, min(time.Duration(attempt+1)*200*time.Millisecond, 5*time.Second)) {
			return
		}
	}
}
