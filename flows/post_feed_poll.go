package flows

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// Defaults of a FeedPoller.
const (
	DefaultFeedTimeout  = 20 * time.Second
	DefaultFeedMaxBytes = 2 << 20 // a news feed is tens of kilobytes; 2 MiB leaves room and bounds a hostile one
	DefaultFeedAgent    = "Campanile/1 (+https://github.com/campanile/campanile; feed reader of the comune)"
	feedTitleMax        = 200 // runes: a post's title is one line in a chat
)

// FeedPoller reads the comune's registered website feeds and turns their
// new items into posts.
type FeedPoller struct {
	Client    *http.Client // nil: a client with Timeout
	Timeout   time.Duration
	MaxBytes  int64
	UserAgent string
	Log       *slog.Logger
	// AllowPrivate lets feeds live in private or local networks; off, the
	// default, such an address is refused (feedClient). Ignored when
	// Client is set.
	AllowPrivate bool
}

// NewFeedPoller is a poller with the defaults above.
func NewFeedPoller(log *slog.Logger) *FeedPoller {
	return &FeedPoller{Timeout: DefaultFeedTimeout, MaxBytes: DefaultFeedMaxBytes, UserAgent: DefaultFeedAgent, Log: log}
}

// FeedPollResult is what one poll of one feed did.
type FeedPollResult struct {
	Unchanged bool // the site answered 304 Not Modified
	Seen      int  // items marked as seen without publishing (the first poll)
	New       int  // items that became posts (scheduled now, or waiting for approval)
}

// PollAll polls every enabled feed, one after the other; a feed that
// fails records its error and the others go on. It returns how many new
// posts were made.
func (fp *FeedPoller) PollAll(ctx context.Context, st *store.Store) (int, error) {
	feeds, err := st.Feeds(ctx, true)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, f := range feeds {
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		res, err := fp.Poll(ctx, st, f)
		if err != nil {
			fp.Log.Warn("feed poll failed", "feed_id", f.ID, "url", f.URL, "error", err)
			continue
		}
		total += res.New
	}
	return total, nil
}

// Poll reads one feed and records the outcome on it: the error the admin
// shows, or the success with the validators for the next conditional GET.
// The error returned is the one recorded (nil on success), unless the
// database itself failed.
func (fp *FeedPoller) Poll(ctx context.Context, st *store.Store, f store.Feed) (FeedPollResult, error) {
	body, validators, err := fp.fetch(ctx, f)
	var res FeedPollResult
	if err == nil && body == nil {
		res.Unchanged = true
	}
	if err == nil && body != nil {
		var parsed ParsedFeed
		parsed, perr := ParseFeed(body)
		if perr != nil {
			err = parseFail(perr)
		} else if res, err = importFeedItems(ctx, st, f, parsed.Items); err != nil {
			return res, err // the database: not the feed's fault, not recorded on it
		}
	}
	if err != nil {
		validators.Err = err.Error()
	}
	if rerr := st.RecordFeedPoll(ctx, f.ID, validators); rerr != nil {
		return res, rerr
	}
	if err == nil {
		fp.Log.Info("feed polled", "feed_id", f.ID, "unchanged", res.Unchanged, "new_items", res.New, "seen_items", res.Seen)
	}
	return res, err
}

// fetch GETs the feed conditionally. A nil body with a nil error is "not
// modified"; the validators returned are those to keep.
func (fp *FeedPoller) fetch(ctx context.Context, f store.Feed) ([]byte, store.FeedPoll, error) {
	keep := store.FeedPoll{ETag: f.ETag, LastModified: f.LastModified}
	timeout := fp.Timeout
	if timeout <= 0 {
		timeout = DefaultFeedTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return nil, keep, feedFail(FeedFailAddress, "%v", err)
	}
	req.Header.Set("User-Agent", fp.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
	if f.ETag != "" {
		req.Header.Set("If-None-Match", f.ETag)
	}
	if f.LastModified != "" {
		req.Header.Set("If-Modified-Since", f.LastModified)
	}
	client := fp.Client
	if client == nil {
		client = feedClient(timeout, fp.AllowPrivate)
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, errPrivateAddress) {
			return nil, keep, feedFail(FeedFailAddress, "%v", err)
		}
		return nil, keep, feedFail(FeedFailUnreachable, "%v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, keep, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, keep, feedFail(FeedFailStatus, "%s", resp.Status)
	}
	limit := fp.MaxBytes
	if limit <= 0 {
		limit = DefaultFeedMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, keep, feedFail(FeedFailRead, "%v", err)
	}
	if int64(len(body)) > limit {
		return nil, keep, feedFail(FeedFailTooLarge, "%d", limit)
	}
	return body, store.FeedPoll{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

// importFeedItems makes a post of each item not seen before. On a feed's
// first successful poll the items are only marked as seen (stored as
// cancelled posts): registering a feed must not send citizens its whole
// history. Later, new items are scheduled for now when the feed
// auto-publishes (the scheduler sends them, once) or wait for an editor.
func importFeedItems(ctx context.Context, st *store.Store, f store.Feed, items []FeedItem) (FeedPollResult, error) {
	var res FeedPollResult
	first := f.LastOKAt == 0
	// Feeds list the newest first; the oldest new item is made first so
	// that posts keep the site's order.
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		p := store.Post{Kind: store.PostNews, Title: feedTitle(it), BodyHTML: feedItemHTML(it.HTML), Link: feedLink(it.Link),
			Audience: store.AudienceTopics, FeedID: f.ID, FeedGUID: it.GUID}
		if f.TopicID != 0 {
			p.TopicIDs = []int64{f.TopicID}
		}
		switch {
		case first:
			p.Status = store.PostCancelled
		case f.AutoPublish && f.TopicID != 0:
			p.Status = store.PostScheduled // publish_at 0: at once
		default:
			// Without a topic (deleted since) the item reaches nobody: an
			// editor decides.
			p.Status = store.PostPendingApproval
		}
		_, err := st.CreatePost(ctx, p)
		switch {
		case errors.Is(err, store.ErrDuplicateFeedItem):
			continue
		case err != nil:
			return res, fmt.Errorf("feed %d: %w", f.ID, err)
		case first:
			res.Seen++
		default:
			res.New++
		}
	}
	return res, nil
}

// feedTitle is the item's title on one line, shortened; an item with only
// a body takes its link as title, which an editor sees before approving.
func feedTitle(it FeedItem) string {
	t := strings.Join(strings.Fields(it.Title), " ")
	if t == "" {
		t = it.Link
	}
	if utf8.RuneCountInString(t) > feedTitleMax {
		r := []rune(t)
		t = strings.TrimSpace(string(r[:feedTitleMax-1])) + "…"
	}
	return t
}

// feedLink keeps only web links: a post's link becomes a button a citizen
// taps.
func feedLink(link string) string {
	if strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://") {
		return link
	}
	return ""
}
