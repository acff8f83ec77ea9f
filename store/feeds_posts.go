package store

import (
	"context"
	"fmt"
)

// DuePostIDs are the scheduled posts whose time has come (publish_at at or
// before now), oldest first, at most limit of them.
func (s *Store) DuePostIDs(ctx context.Context, now int64, limit int) ([]int64, error) {
	ids, err := s.ids(ctx, `SELECT id FROM posts WHERE status = 'scheduled' AND publish_at <= ? ORDER BY publish_at, id LIMIT ?`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list due posts: %w", err)
	}
	return ids, nil
}

// PendingFeedPosts are the feed items waiting for an editor, oldest first.
func (s *Store) PendingFeedPosts(ctx context.Context, limit int) ([]Post, error) {
	rows, err := s.uncached().QueryContext(ctx, `SELECT `+postColumns+` FROM posts
		WHERE status = 'pending_approval' AND feed_id IS NOT NULL ORDER BY created_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list pending feed items: %w", err)
	}
	defer rows.Close()
	var out []Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list pending feed items: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
