package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/campanile/campanile/store"
)

// MaxMediaBytes is the largest photo the fetcher downloads: what the report
// flow accepts from citizens.
const MaxMediaBytes = 10 << 20

// mediaConfig tunes the fetcher; the defaults suit production.
type mediaConfig struct {
	Dir     string
	Workers int
	// Poll is the safety net when no one calls Wake.
	Poll time.Duration
	// MaxAttempts bounds retries of a photo that keeps failing for
	// reasons not its own (Telegram or the network down): with backoff
	// capped at maxMediaBackoff, 100 attempts span about 18 hours.
	MaxAttempts int
	// MaxGoneAttempts bounds retries of a photo Telegram says it does not
	// know: "wrong file_id or the file is temporarily unavailable" may be
	// temporary, but rarely is.
	MaxGoneAttempts int
	MaxBytes        int64
	MaxPixels       int
}

const maxMediaBackoff = 15 * time.Minute

func (c mediaConfig) withDefaults() mediaConfig {
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.Poll <= 0 {
		c.Poll = time.Minute
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 100
	}
	if c.MaxGoneAttempts <= 0 {
		c.MaxGoneAttempts = 3
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = MaxMediaBytes
	}
	if c.MaxPixels <= 0 {
		c.MaxPixels = 40_000_000
	}
	return c
}

// mediaFetcher copies report photos from Telegram into the media folder,
// so that they outlive Telegram's memory of them and leave no metadata
// (the GPS position of the citizen's phone) behind. A photo is marked
// stored only once its file is in place; a crash in between fetches it
// again, which writes the same file.
type mediaFetcher struct {
	cfg    mediaConfig
	st     *store.Store
	api    *tgbot.Bot
	client *http.Client
	log    *slog.Logger
	wake   chan struct{}
	// backoff is how long to wait after a number of failed attempts.
	backoff func(attempts int) time.Duration

	mu       sync.Mutex
	inflight map[photoKey]bool
}

type photoKey struct {
	reportID int64
	position int
}

func newMediaFetcher(cfg mediaConfig, st *store.Store, api *tgbot.Bot, client *http.Client, logger *slog.Logger) *mediaFetcher {
	return &mediaFetcher{
		cfg: cfg.withDefaults(), st: st, api: api, client: client, log: logger,
		wake:     make(chan struct{}, 1),
		backoff:  mediaBackoff,
		inflight: map[photoKey]bool{},
	}
}

// mediaBackoff grows like the sender's but up to maxMediaBackoff: a photo
// can wait, Telegram should not be hammered.
func mediaBackoff(attempts int) time.Duration {
	d := min(time.Second<<min(attempts, 10), maxMediaBackoff)
	return d/2 + rand.N(d/2+1)
}

// Wake tells the fetcher there may be new photos to fetch.
func (f *mediaFetcher) Wake() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Run fetches until ctx is done, at most cfg.Workers photos at a time.
func (f *mediaFetcher) Run(ctx context.Context) error {
	if err := store.PrepareMediaDir(f.cfg.Dir); err != nil {
		return err
	}
	jobs := make(chan store.PhotoToFetch)
	var workers sync.WaitGroup
	for range f.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for p := range jobs {
				f.fetchOne(ctx, p)
				f.mu.Lock()
				delete(f.inflight, photoKey{p.ReportID, p.Position})
				f.mu.Unlock()
				f.Wake() // a retry may now be due, or the next photo free
			}
		}()
	}
	f.dispatch(ctx, jobs)
	close(jobs)
	workers.Wait()
	return nil
}

func (f *mediaFetcher) dispatch(ctx context.Context, jobs chan<- store.PhotoToFetch) {
	for {
		nowMs := time.Now().UnixMilli()
		photos, err := f.st.PhotosToFetch(ctx, nowMs, 32)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			f.log.Error("unable to list photos to fetch", "error", err)
		}
		handed := 0
		for _, p := range photos {
			key := photoKey{p.ReportID, p.Position}
			f.mu.Lock()
			busy := f.inflight[key]
			f.inflight[key] = true
			f.mu.Unlock()
			if busy {
				continue
			}
			select {
			case jobs <- p:
				handed++
			case <-ctx.Done():
				return
			}
		}
		if handed > 0 {
			continue // there may be more right away
		}
		if !f.idle(ctx, nowMs) {
			return
		}
	}
}

// idle waits for a wake-up, the next retry or the poll, whichever is first.
// Photos due at lastMs were listed and are in flight: their workers wake
// the fetcher when done.
func (f *mediaFetcher) idle(ctx context.Context, lastMs int64) bool {
	wait := f.cfg.Poll
	if due, err := f.st.NextPhotoFetchMs(ctx, lastMs); err == nil && due > 0 {
		wait = min(wait, max(time.Until(time.UnixMilli(due)), 0))
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-f.wake:
	case <-t.C:
	}
	return true
}

// fetchOne downloads, cleans and stores one photo, or records why not.
func (f *mediaFetcher) fetchOne(ctx context.Context, p store.PhotoToFetch) {
	log := f.log.With("report_id", p.ReportID, "position", p.Position)
	start := time.Now()
	m, err := f.fetch(ctx, p.FileID)
	if err == nil {
		if err := f.st.SetPhotoStored(ctx, p.ReportID, p.Position, m); err != nil {
			if ctx.Err() == nil {
				log.Error("unable to record a stored photo", "sha256", m.SHA256, "error", err)
			}
			return
		}
		log.Info("photo stored", "sha256", m.SHA256, "bytes", m.Bytes, "width", m.Width, "height", m.Height,
			"duration_ms", time.Since(start).Milliseconds())
		return
	}
	if ctx.Err() != nil {
		return // shutting down: the next run tries again, uncounted
	}
	attempts := p.Attempts + 1
	final, retryAt := false, time.Now().Add(f.backoff(p.Attempts))
	var fe *fetchError
	kind := fetchTransient
	if errors.As(err, &fe) {
		kind = fe.kind
		if fe.retryAfter > 0 {
			retryAt = time.Now().Add(fe.retryAfter)
		}
	}
	switch kind {
	case fetchRefused:
		final = true
	case fetchGone:
		final = attempts >= f.cfg.MaxGoneAttempts
	default:
		final = attempts >= f.cfg.MaxAttempts
	}
	cause := truncateError(err.Error(), 300)
	if rerr := f.st.RecordPhotoFetchFailure(ctx, p.ReportID, p.Position, cause, retryAt.UnixMilli(), final); rerr != nil {
		log.Error("unable to record a failed photo fetch", "error", rerr)
	}
	switch {
	case kind == fetchRefused:
		// The citizen's file, not our failure.
		log.Warn("photo refused", "attempts", attempts, "error", cause)
		return
	case final:
		log.Error("giving up on photo", "attempts", attempts, "error", cause)
		return
	}
	log.Warn("photo fetch failed, will retry", "attempts", attempts, "retry_in_ms", time.Until(retryAt).Milliseconds(), "error", cause)
}

// fetch downloads a file from Telegram and stores it cleaned.
func (f *mediaFetcher) fetch(ctx context.Context, fileID string) (store.StoredMedia, error) {
	file, err := f.api.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
	if err != nil {
		return store.StoredMedia{}, apiFetchError(err)
	}
	if file.FileSize > 0 && file.FileSize > f.cfg.MaxBytes {
		return store.StoredMedia{}, &fetchError{kind: fetchRefused, err: fmt.Errorf("bot: file of %d bytes is over the limit of %d", file.FileSize, f.cfg.MaxBytes)}
	}
	if file.FilePath == "" {
		return store.StoredMedia{}, &fetchError{kind: fetchGone, err: errors.New("bot: getFile gave no file_path")}
	}
	data, err := f.download(ctx, f.api.FileDownloadLink(file))
	if err != nil {
		return store.StoredMedia{}, err
	}
	clean, err := cleanImage(data, f.cfg.MaxPixels)
	if err != nil {
		return store.StoredMedia{}, &fetchError{kind: fetchRefused, err: err}
	}
	return writeMedia(f.cfg.Dir, clean)
}

// WakeMedia tells the media fetcher that reports with photos may have been
// filed (by the admin, say); without a media folder it does nothing.
func (b *Bot) WakeMedia() {
	if b.media != nil {
		b.media.Wake()
	}
}
