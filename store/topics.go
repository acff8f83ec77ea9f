package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Topic is something citizens may choose to hear about. Topics have two
// levels: a top-level topic (ParentID 0) and its subtopics.
type Topic struct {
	ID       int64
	ParentID int64
	Slug     string
	Position int
	NameIT   string
	NameEN   string
	NameDE   string
}

// Name returns the topic's name in lang, falling back to Italian, the
// language staff always fill in.
func (t Topic) Name(lang string) string {
	switch {
	case lang == "en" && t.NameEN != "":
		return t.NameEN
	case lang == "de" && t.NameDE != "":
		return t.NameDE
	}
	return t.NameIT
}

const topicColumns = `id, COALESCE(parent_id, 0), slug, position, name_it, name_en, name_de`

func scanTopics(rows *sql.Rows) ([]Topic, error) {
	defer rows.Close()
	var topics []Topic
	for rows.Next() {
		var t Topic
		if err := rows.Scan(&t.ID, &t.ParentID, &t.Slug, &t.Position, &t.NameIT, &t.NameEN, &t.NameDE); err != nil {
			return nil, err
		}
		topics = append(topics, t)
	}
	return topics, rows.Err()
}

// Topics returns the children of parentID (0 for the top level) in order.
func (s *Store) Topics(ctx context.Context, parentID int64) ([]Topic, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+topicColumns+` FROM topics WHERE COALESCE(parent_id, 0) = ? ORDER BY position, id`, parentID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list topics under %d: %w", parentID, err)
	}
	topics, err := scanTopics(rows)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list topics under %d: %w", parentID, err)
	}
	return topics, nil
}

// AllTopics returns every topic, parents before their children.
func (s *Store) AllTopics(ctx context.Context) ([]Topic, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+topicColumns+` FROM topics ORDER BY COALESCE(parent_id, 0) <> 0, position, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list topics: %w", err)
	}
	topics, err := scanTopics(rows)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list topics: %w", err)
	}
	return topics, nil
}

// TopicByID finds one topic.
func (s *Store) TopicByID(ctx context.Context, id int64) (Topic, error) {
	var t Topic
	err := s.q.QueryRowContext(ctx, `SELECT `+topicColumns+` FROM topics WHERE id = ?`, id).
		Scan(&t.ID, &t.ParentID, &t.Slug, &t.Position, &t.NameIT, &t.NameEN, &t.NameDE)
	if errors.Is(err, sql.ErrNoRows) {
		return Topic{}, ErrNotFound
	}
	if err != nil {
		return Topic{}, fmt.Errorf("store: unable to fetch topic %d: %w", id, err)
	}
	return t, nil
}

// CreateTopic adds a topic at the end of its level.
func (s *Store) CreateTopic(ctx context.Context, t Topic) (Topic, error) {
	var parent any
	if t.ParentID != 0 {
		parent = t.ParentID
	}
	res, err := s.exec(ctx, `
		INSERT INTO topics (parent_id, slug, position, name_it, name_en, name_de, created_at)
		VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM topics WHERE COALESCE(parent_id, 0) = ?), ?, ?, ?, ?)`,
		parent, t.Slug, t.ParentID, t.NameIT, t.NameEN, t.NameDE, s.now().Unix())
	if err != nil {
		return Topic{}, fmt.Errorf("store: unable to create topic %q: %w", t.Slug, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Topic{}, fmt.Errorf("store: unable to create topic %q: %w", t.Slug, err)
	}
	return s.TopicByID(ctx, id)
}
