package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/campanile/campanile/store"
)

// batchFunc handles stored updates in order, returning one error per
// update: nil when it is done, otherwise it should be tried again.
type batchFunc func(ctx context.Context, batch []store.InboundUpdate) []error

// maxBatch bounds how many queued updates share one commit.
const maxBatch = 64

// maxAttempts bounds the retries of an update that keeps failing: after
// them the giveUp function settles it, so one bad update cannot hold its
// chat (and its shard) forever.
const maxAttempts = 5

// Dispatcher feeds stored updates to handlers: one chat's updates in order,
// one at a time; different chats in parallel. Updates are sharded by chat,
// and each shard is a FIFO worker.
type Dispatcher struct {
	st      *store.Store
	handle  batchFunc
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
func NewDispatcher(st *store.Store, handle batchFunc, giveUp func(context.Context, store.InboundUpdate, error), shards int, logger *slog.Logger) *Dispatcher {
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
				d.workBatch(ctx, drain(q, u))
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

// drain takes first and whatever else is already queued, up to maxBatch,
// without waiting: a busy queue yields big batches, a quiet one batches of
// one, so latency never waits for a batch to fill.
func drain(q <-chan store.InboundUpdate, first store.InboundUpdate) []store.InboundUpdate {
	batch := []store.InboundUpdate{first}
	for len(batch) < maxBatch {
		select {
		case u, ok := <-q:
			if !ok {
				return batch
			}
			batch = append(batch, u)
		default:
			return batch
		}
	}
	return batch
}

// workBatch handles a batch; updates that failed in it (and those held
// back behind them) go one by one through work's retries, in order.
func (d *Dispatcher) workBatch(ctx context.Context, batch []store.InboundUpdate) {
	errs := d.handle(ctx, batch)
	for i, u := range batch {
		if errs[i] == nil {
			d.release(u)
			continue
		}
		if !errors.Is(errs[i], errHeldBack) && ctx.Err() == nil {
			d.log.Warn("update failed in a batch, retrying alone", "update_id", u.UpdateID, "chat_id", u.ChatID, "error", errs[i])
		}
		d.work(ctx, u)
	}
}

func (d *Dispatcher) release(u store.InboundUpdate) {
	d.mu.Lock()
	delete(d.held, u.UpdateID)
	d.mu.Unlock()
	d.Wake()
}

// work handles one update, retrying a few times on failure (a busy disk, a
// transient database error). Its chat's later updates wait behind it, to
// keep order.
func (d *Dispatcher) work(ctx context.Context, u store.InboundUpdate) {
	defer d.release(u)
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			return
		}
		err := d.handle(ctx, []store.InboundUpdate{u})[0]
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
