package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Feed is a website's RSS or Atom feed whose new items become posts.
type Feed struct {
	ID           int64
	Name         string
	URL          string
	TopicID      int64 // 0 when the topic was deleted: items then reach nobody
	AutoPublish  bool  // publish new items at once, rather than wait for an editor
	Enabled      bool
	LastPolledAt int64
	LastOKAt     int64 // 0 until a poll succeeded: the first one only marks what is there as seen
	LastError    string
	ETag         string
	LastModified string
	CreatedAt    int64
}

// ErrDuplicateFeed is a feed whose URL is already registered.
var ErrDuplicateFeed = errors.New("store: a feed with this URL is already registered")

const feedColumns = `id, name, url, COALESCE(topic_id, 0), auto_publish, enabled, last_polled_at, last_ok_at, last_error,
	etag, last_modified, created_at`

func scanFeed(row interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	err := row.Scan(&f.ID, &f.Name, &f.URL, &f.TopicID, &f.AutoPublish, &f.Enabled, &f.LastPolledAt, &f.LastOKAt, &f.LastError,
		&f.ETag, &f.LastModified, &f.CreatedAt)
	return f, err
}

// CreateFeed registers a feed; ErrDuplicateFeed when its URL is known.
func (s *Store) CreateFeed(ctx context.Context, f Feed) (Feed, error) {
	f.CreatedAt = s.now().Unix()
	res, err := s.q.ExecContext(ctx, `INSERT INTO feeds (name, url, topic_id, auto_publish, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		f.Name, f.URL, nullID(f.TopicID), f.AutoPublish, f.Enabled, f.CreatedAt)
	if isUniqueViolation(err) {
		return Feed{}, ErrDuplicateFeed
	}
	if err != nil {
		return Feed{}, fmt.Errorf("store: unable to create feed %q: %w", f.URL, err)
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return Feed{}, fmt.Errorf("store: unable to create feed %q: %w", f.URL, err)
	}
	return f, nil
}

// UpdateFeed changes what staff may change of a feed: its name, topic,
// auto-publishing and whether it is polled. The URL stays: a new address
// is a new feed, whose history must be marked as seen again.
func (s *Store) UpdateFeed(ctx context.Context, f Feed) error {
	res, err := s.q.ExecContext(ctx, `UPDATE feeds SET name = ?, topic_id = ?, auto_publish = ?, enabled = ? WHERE id = ?`,
		f.Name, nullID(f.TopicID), f.AutoPublish, f.Enabled, f.ID)
	if err != nil {
		return fmt.Errorf("store: unable to update feed %d: %w", f.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteFeed forgets a feed. Its posts stay (feed_id becomes NULL); items
// still waiting for approval are discarded with it, since nobody could
// tell where they came from any more.
func (s *Store) DeleteFeed(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE posts SET status = 'cancelled', updated_at = ? WHERE feed_id = ? AND status = 'pending_approval'`,
			tx.now().Unix(), id); err != nil {
			return fmt.Errorf("store: unable to discard the pending items of feed %d: %w", id, err)
		}
		res, err := tx.q.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: unable to delete feed %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// FeedByID reads one feed.
func (s *Store) FeedByID(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.q.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, ErrNotFound
	}
	if err != nil {
		return Feed{}, fmt.Errorf("store: unable to read feed %d: %w", id, err)
	}
	return f, nil
}

// Feeds lists the feeds by name; onlyEnabled keeps those to poll.
func (s *Store) Feeds(ctx context.Context, onlyEnabled bool) ([]Feed, error) {
	q := `SELECT ` + feedColumns + ` FROM feeds`
	if onlyEnabled {
		q += ` WHERE enabled = 1`
	}
	rows, err := s.uncached().QueryContext(ctx, q+` ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list feeds: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FeedPoll is the outcome of one poll.
type FeedPoll struct {
	Err          string // "" when the feed was read (or unchanged)
	ETag         string // the validators of a successful answer, for the next conditional GET
	LastModified string
}

// RecordFeedPoll notes a poll: always when it happened; on success also
// when, and the validators; on failure the error, keeping the validators
// and the last success.
func (s *Store) RecordFeedPoll(ctx context.Context, id int64, p FeedPoll) error {
	now := s.now().Unix()
	var err error
	if p.Err != "" {
		_, err = s.q.ExecContext(ctx, `UPDATE feeds SET last_polled_at = ?, last_error = ? WHERE id = ?`, now, p.Err, id)
	} else {
		_, err = s.q.ExecContext(ctx, `UPDATE feeds SET last_polled_at = ?, last_ok_at = ?, last_error = '', etag = ?, last_modified = ? WHERE id = ?`,
			now, now, p.ETag, p.LastModified, id)
	}
	if err != nil {
		return fmt.Errorf("store: unable to record the poll of feed %d: %w", id, err)
	}
	return nil
}
