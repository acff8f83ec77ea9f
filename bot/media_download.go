package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"
)

// fetchKind is what a failed fetch means for the next try.
type fetchKind int

const (
	fetchTransient fetchKind = iota // Telegram or the network failed: retry with backoff
	fetchGone                       // Telegram does not know the file: a few tries, then give up
	fetchRefused                    // the file is not a photo we keep: give up now
)

type fetchError struct {
	kind       fetchKind
	retryAfter time.Duration // Telegram's own, on a 429
	err        error
}

func (e *fetchError) Error() string { return e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

// apiFetchError reads a getFile failure the way the sender reads its own.
func apiFetchError(err error) error {
	switch v, retryAfter := classify(err); v {
	case verdictRateLimited:
		return &fetchError{kind: fetchTransient, retryAfter: time.Duration(retryAfter) * time.Second, err: err}
	case verdictPermanent, verdictBlocked:
		return &fetchError{kind: fetchGone, err: err}
	}
	return &fetchError{kind: fetchTransient, err: err}
}

// download reads a file from Telegram's file server, refusing more than
// MaxBytes. The link holds the bot token: it never reaches an error.
func (f *mediaFetcher) download(ctx context.Context, link string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, &fetchError{kind: fetchGone, err: errors.New("bot: unusable file link")}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &fetchError{kind: fetchTransient, err: fmt.Errorf("bot: unable to download the file: %w", err)}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusForbidden:
		return nil, &fetchError{kind: fetchGone, err: fmt.Errorf("bot: file download answered %s", resp.Status)}
	default:
		return nil, &fetchError{kind: fetchTransient, err: fmt.Errorf("bot: file download answered %s", resp.Status)}
	}
	tooBig := &fetchError{kind: fetchRefused, err: fmt.Errorf("bot: file is over the limit of %d bytes", f.cfg.MaxBytes)}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, &fetchError{kind: fetchTransient, err: fmt.Errorf("bot: unable to download the file: %w", err)}
	}
	if int64(len(data)) > f.cfg.MaxBytes {
		return nil, tooBig
	}
	return data, nil
}

// truncateError keeps stored errors short: a proxy's HTML error page is
// no use in the database.
func truncateError(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
