package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"
)

// Post kinds.
const (
	PostNews   = "notizia"
	PostNotice = "avviso"
	PostEvent  = "evento"
	PostAlert  = "allerta" // civil protection: may reach everyone
)

// Post statuses. A post is written as a draft, waits for an editor's
// approval when a feed brought it in, waits for its time when scheduled,
// is being delivered, and ends sent or cancelled.
const (
	PostDraft           = "draft"
	PostPendingApproval = "pending_approval"
	PostScheduled       = "scheduled"
	PostSending         = "sending"
	PostSent            = "sent"
	PostCancelled       = "cancelled"
)

// Audiences.
const (
	AudienceTopics   = "topics"   // citizens who opted in to one of TopicIDs
	AudienceArea     = "area"     // citizens whose saved place is in ZoneIDs or AreaGeoJSON
	AudienceEveryone = "everyone" // every active citizen: emergencies only
)

// Loudness of a post's notification.
const (
	LoudnessAuto   = "auto" // silent outside 8:00-21:00 Rome; alerts always loud
	LoudnessLoud   = "loud"
	LoudnessSilent = "silent"
)

// Post is something the comune publishes.
type Post struct {
	ID         int64
	Kind       string
	Title      string
	BodyHTML   string // sanitized to what Telegram's HTML accepts
	Link       string
	MediaPath  string // content-addressed file in the media folder, or ""
	MediaKind  string // "photo", "document" or ""
	MediaName  string // the file's name as uploaded, for documents
	EventAt    int64  // events: when (unix)
	EventPlace string
	Audience   string
	TopicIDs   []int64
	ZoneIDs    []int64
	// AreaGeoJSON is a drawn polygon (Polygon/MultiPolygon geometry or
	// Feature) or a circle: a Point Feature with a "radius_m" property.
	AreaGeoJSON string
	Loudness    string
	Status      string
	PublishAt   int64 // when to send (unix); 0 means at once
	SentAt      int64
	UpdateOf    int64 // for an emergency's update, the alert it updates
	FeedID      int64
	FeedGUID    string
	Recipients  int // counted when the broadcast was enqueued
	CreatedBy   int64
	CreatedAt   int64
	UpdatedAt   int64
}

const postColumns = `id, kind, title, body_html, link, media_path, media_kind, media_name, event_at, event_place,
	audience, area_geojson, loudness, status, publish_at, sent_at, COALESCE(update_of, 0), COALESCE(feed_id, 0), feed_guid,
	recipients, COALESCE(created_by, 0), created_at, updated_at`

func scanPost(row interface{ Scan(...any) error }) (Post, error) {
	var p Post
	err := row.Scan(&p.ID, &p.Kind, &p.Title, &p.BodyHTML, &p.Link, &p.MediaPath, &p.MediaKind, &p.MediaName, &p.EventAt, &p.EventPlace,
		&p.Audience, &p.AreaGeoJSON, &p.Loudness, &p.Status, &p.PublishAt, &p.SentAt, &p.UpdateOf, &p.FeedID, &p.FeedGUID,
		&p.Recipients, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// ErrDuplicateFeedItem is a feed item that was already turned into a post.
var ErrDuplicateFeedItem = errors.New("store: feed item already published")

// CreatePost stores a new post with its topics and zones; Status defaults
// to draft, Audience to topics, Loudness to auto.
func (s *Store) CreatePost(ctx context.Context, p Post) (Post, error) {
	if p.Status == "" {
		p.Status = PostDraft
	}
	if p.Audience == "" {
		p.Audience = AudienceTopics
	}
	if p.Loudness == "" {
		p.Loudness = LoudnessAuto
	}
	now := s.now().Unix()
	p.CreatedAt, p.UpdatedAt = now, now
	err := s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO posts (kind, title, body_html, link, media_path, media_kind, media_name,
			event_at, event_place, audience, area_geojson, loudness, status, publish_at, update_of, feed_id, feed_guid,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Kind, p.Title, p.BodyHTML, p.Link, p.MediaPath, p.MediaKind, p.MediaName, p.EventAt, p.EventPlace,
			p.Audience, p.AreaGeoJSON, p.Loudness, p.Status, p.PublishAt, nullID(p.UpdateOf), nullID(p.FeedID), p.FeedGUID,
			nullID(p.CreatedBy), now, now)
		if err != nil {
			if p.FeedID != 0 && isUniqueViolation(err) {
				return ErrDuplicateFeedItem
			}
			return fmt.Errorf("store: unable to create post: %w", err)
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to create post: %w", err)
		}
		return tx.setPostTargets(ctx, p)
	})
	return p, err
}

// UpdatePost rewrites a post that has not started going out (draft,
// pending approval or scheduled); ErrPostLocked otherwise.
func (s *Store) UpdatePost(ctx context.Context, p Post) (Post, error) {
	err := s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE posts SET kind = ?, title = ?, body_html = ?, link = ?, media_path = ?,
			media_kind = ?, media_name = ?, event_at = ?, event_place = ?, audience = ?, area_geojson = ?, loudness = ?,
			status = ?, publish_at = ?, updated_at = ?
			WHERE id = ? AND status IN ('draft', 'pending_approval', 'scheduled')`,
			p.Kind, p.Title, p.BodyHTML, p.Link, p.MediaPath, p.MediaKind, p.MediaName, p.EventAt, p.EventPlace,
			p.Audience, p.AreaGeoJSON, p.Loudness, p.Status, p.PublishAt, s.now().Unix(), p.ID)
		if err != nil {
			return fmt.Errorf("store: unable to update post %d: %w", p.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.PostByID(ctx, p.ID); err != nil {
				return err
			}
			return ErrPostLocked
		}
		return tx.setPostTargets(ctx, p)
	})
	if err != nil {
		return Post{}, err
	}
	return s.PostByID(ctx, p.ID)
}

// ErrPostLocked is a change to a post that is already going out or done.
var ErrPostLocked = errors.New("store: the post has already gone out")

func (s *Store) setPostTargets(ctx context.Context, p Post) error {
	for _, stmt := range []string{`DELETE FROM post_topics WHERE post_id = ?`, `DELETE FROM post_zones WHERE post_id = ?`} {
		if _, err := s.q.ExecContext(ctx, stmt, p.ID); err != nil {
			return fmt.Errorf("store: unable to set audience of post %d: %w", p.ID, err)
		}
	}
	for _, id := range p.TopicIDs {
		if _, err := s.q.ExecContext(ctx, `INSERT OR IGNORE INTO post_topics (post_id, topic_id) VALUES (?, ?)`, p.ID, id); err != nil {
			return fmt.Errorf("store: unable to add topic %d to post %d: %w", id, p.ID, err)
		}
	}
	for _, id := range p.ZoneIDs {
		if _, err := s.q.ExecContext(ctx, `INSERT OR IGNORE INTO post_zones (post_id, zone_id) VALUES (?, ?)`, p.ID, id); err != nil {
			return fmt.Errorf("store: unable to add zone %d to post %d: %w", id, p.ID, err)
		}
	}
	return nil
}

// PostByID reads a post with its topics and zones.
func (s *Store) PostByID(ctx context.Context, id int64) (Post, error) {
	p, err := scanPost(s.q.QueryRowContext(ctx, `SELECT `+postColumns+` FROM posts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Post{}, ErrNotFound
	}
	if err != nil {
		return Post{}, fmt.Errorf("store: unable to read post %d: %w", id, err)
	}
	if p.TopicIDs, err = s.ids(ctx, `SELECT topic_id FROM post_topics WHERE post_id = ? ORDER BY topic_id`, id); err != nil {
		return Post{}, fmt.Errorf("store: unable to read topics of post %d: %w", id, err)
	}
	if p.ZoneIDs, err = s.ids(ctx, `SELECT zone_id FROM post_zones WHERE post_id = ? ORDER BY zone_id`, id); err != nil {
		return Post{}, fmt.Errorf("store: unable to read zones of post %d: %w", id, err)
	}
	return p, nil
}

// PostFilter selects posts for lists; zero fields do not filter.
type PostFilter struct {
	Kinds    []string
	Statuses []string
	Limit    int // 20 when 0
	Offset   int
}

// ListPosts returns posts newest first (by sent time, then creation),
// without their topics and zones.
func (s *Store) ListPosts(ctx context.Context, f PostFilter) ([]Post, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	where, args := ``, []any{}
	add := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		cond := col + ` IN (?` + repeatPlaceholder(len(vals)-1) + `)`
		if where == `` {
			where = ` WHERE ` + cond
		} else {
			where += ` AND ` + cond
		}
		for _, v := range vals {
			args = append(args, v)
		}
	}
	add(`kind`, f.Kinds)
	add(`status`, f.Statuses)
	rows, err := s.uncached().QueryContext(ctx, `SELECT `+postColumns+` FROM posts`+where+
		` ORDER BY CASE WHEN sent_at > 0 THEN sent_at ELSE created_at END DESC, id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list posts: %w", err)
	}
	defer rows.Close()
	var out []Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list posts: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func repeatPlaceholder(n int) string {
	b := make([]byte, 0, 3*n)
	for range n {
		b = append(b, ", ?"...)
	}
	return string(b)
}

// SetPostStatus moves a post from one of from to status to; ErrPostLocked
// when it was not in one of from (a scheduled post already taken by the
// scheduler, say). sentAt is recorded when non-zero.
func (s *Store) SetPostStatus(ctx context.Context, id int64, to string, from []string, sentAt int64) error {
	args := []any{to, s.now().Unix(), sentAt, sentAt, id}
	for _, f := range from {
		args = append(args, f)
	}
	res, err := s.q.ExecContext(ctx, `UPDATE posts SET status = ?, updated_at = ?, sent_at = CASE WHEN ? > 0 THEN ? ELSE sent_at END
		WHERE id = ? AND status IN (?`+repeatPlaceholder(len(from)-1)+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: unable to set status of post %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.PostByID(ctx, id); err != nil {
			return err
		}
		return ErrPostLocked
	}
	return nil
}

// isUniqueViolation tells a UNIQUE constraint failure from other errors.
func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}
