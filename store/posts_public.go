package store

import (
	"context"
	"fmt"
)

// What citizens may read back in the bot (/news, /events): every post the
// comune has sent or is sending, whatever its audience. A post to a topic
// or an area is still public news of the comune, as on its website; only
// drafts, posts waiting for approval or their time, and cancelled ones
// stay private.
const publicPostStatuses = `status IN ('sending', 'sent')`

// publicNewsKinds are the kinds /news lists; events have /events.
const publicNewsKinds = `kind IN ('notizia', 'avviso', 'allerta')`

// PublicNews returns a page of public news, notices and alerts, newest
// first, with the total for the page count.
func (s *Store) PublicNews(ctx context.Context, limit, offset int) ([]Post, int, error) {
	where := ` WHERE ` + publicPostStatuses + ` AND ` + publicNewsKinds
	total, err := s.countPublic(ctx, where)
	if err != nil {
		return nil, 0, err
	}
	posts, err := s.listPublic(ctx, where+
		` ORDER BY CASE WHEN sent_at > 0 THEN sent_at ELSE updated_at END DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	return posts, total, err
}

// PublicEvents returns a page of public events: those from the start of
// the day `from` onwards first, soonest first, then past ones, latest
// first, so /events opens on what is coming and still shows what was.
func (s *Store) PublicEvents(ctx context.Context, from int64, limit, offset int) ([]Post, int, error) {
	where := ` WHERE ` + publicPostStatuses + ` AND kind = 'evento'`
	total, err := s.countPublic(ctx, where)
	if err != nil {
		return nil, 0, err
	}
	posts, err := s.listPublic(ctx, where+
		` ORDER BY event_at < ? , CASE WHEN event_at >= ? THEN event_at ELSE -event_at END, id DESC LIMIT ? OFFSET ?`,
		from, from, limit, offset)
	return posts, total, err
}

// PublicPost returns a post a citizen may open, or ErrNotFound for one
// that does not exist or is not public (a draft, a forged button).
func (s *Store) PublicPost(ctx context.Context, id int64) (Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return Post{}, err
	}
	if p.Status != PostSending && p.Status != PostSent {
		return Post{}, ErrNotFound
	}
	return p, nil
}

func (s *Store) countPublic(ctx context.Context, where string) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM posts`+where).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count public posts: %w", err)
	}
	return n, nil
}

func (s *Store) listPublic(ctx context.Context, tail string, args ...any) ([]Post, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+postColumns+` FROM posts`+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list public posts: %w", err)
	}
	defer rows.Close()
	var out []Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read a public post: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list public posts: %w", err)
	}
	return out, nil
}
