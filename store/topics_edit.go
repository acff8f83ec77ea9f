package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrTopicParent: a subtopic's parent must be an existing top-level topic.
// Topics have two levels, like the citizen's keyboards.
var ErrTopicParent = errors.New("store: a topic's parent must be a top-level topic")

// TopicRemoval is what deleting a topic takes with it.
type TopicRemoval struct {
	Subtopics     int
	Citizens      int // citizens who lose at least one subscription
	Subscriptions int
}

// AddTopic adds t with a slug derived from its Italian name. A zero
// Position puts it at the end of its level.
func (s *Store) AddTopic(ctx context.Context, t Topic) (Topic, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		if t.ParentID != 0 {
			parent, err := tx.TopicByID(ctx, t.ParentID)
			if errors.Is(err, ErrNotFound) || (err == nil && parent.ParentID != 0) {
				return ErrTopicParent
			}
			if err != nil {
				return err
			}
		}
		slug, err := tx.uniqueSlug(ctx, "topics", t.NameIT, "argomento", 0)
		if err != nil {
			return err
		}
		if t.Position <= 0 {
			if t.Position, err = tx.nextPosition(ctx, "topics", t.ParentID); err != nil {
				return err
			}
		}
		res, err := tx.q.ExecContext(ctx, `
			INSERT INTO topics (parent_id, slug, position, name_it, name_en, name_de, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			nullID(t.ParentID), slug, t.Position, t.NameIT, t.NameEN, t.NameDE, tx.now().Unix())
		if err != nil {
			return fmt.Errorf("store: unable to add topic %q: %w", t.NameIT, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to add topic %q: %w", t.NameIT, err)
		}
		return nil
	})
	if err != nil {
		return Topic{}, err
	}
	return s.TopicByID(ctx, id)
}

// UpdateTopic saves t's names and position. Its place in the tree and its
// slug stay: subscribers chose it where it is.
func (s *Store) UpdateTopic(ctx context.Context, t Topic) (Topic, error) {
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := tx.TopicByID(ctx, t.ID)
		if err != nil {
			return err
		}
		if t.Position <= 0 {
			if t.Position, err = tx.nextPosition(ctx, "topics", old.ParentID); err != nil {
				return err
			}
		}
		_, err = tx.q.ExecContext(ctx, `UPDATE topics SET position = ?, name_it = ?, name_en = ?, name_de = ? WHERE id = ?`,
			t.Position, t.NameIT, t.NameEN, t.NameDE, t.ID)
		if err != nil {
			return fmt.Errorf("store: unable to update topic %d: %w", t.ID, err)
		}
		return nil
	})
	if err != nil {
		return Topic{}, err
	}
	return s.TopicByID(ctx, t.ID)
}

// topicTreeSubscriptions is the subscriptions to a topic and to its
// subtopics; it takes the topic id twice.
const topicTreeSubscriptions = `FROM subscriptions WHERE topic_id = ? OR topic_id IN (SELECT id FROM topics WHERE parent_id = ?)`

// TopicRemovalOf tells what deleting a topic would take with it, for the
// clerk to confirm.
func (s *Store) TopicRemovalOf(ctx context.Context, id int64) (TopicRemoval, error) {
	var r TopicRemoval
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM topics WHERE parent_id = ?),
		(SELECT COUNT(DISTINCT citizen_id) `+topicTreeSubscriptions+`),
		(SELECT COUNT(*) `+topicTreeSubscriptions+`)`, id, id, id, id, id).Scan(&r.Subtopics, &r.Citizens, &r.Subscriptions)
	if err != nil {
		return TopicRemoval{}, fmt.Errorf("store: unable to count what topic %d holds: %w", id, err)
	}
	return r, nil
}

// DeleteTopic removes a topic, its subtopics and every subscription to
// them: the consent was to that topic, and goes with it. It returns what
// it removed.
func (s *Store) DeleteTopic(ctx context.Context, id int64) (TopicRemoval, error) {
	var r TopicRemoval
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.TopicByID(ctx, id); err != nil {
			return err
		}
		var err error
		if r, err = tx.TopicRemovalOf(ctx, id); err != nil {
			return err
		}
		// Explicit rather than left to ON DELETE CASCADE, so the consents
		// go even on a connection opened without foreign keys.
		for _, stmt := range []string{
			`DELETE ` + topicTreeSubscriptions,
			`DELETE FROM topics WHERE parent_id = ? OR id = ?`,
		} {
			if _, err := tx.q.ExecContext(ctx, stmt, id, id); err != nil {
				return fmt.Errorf("store: unable to delete topic %d: %w", id, err)
			}
		}
		return nil
	})
	return r, err
}
