package store

import (
	"context"
	"fmt"
)

// Subscription is one consent: a citizen opted in to a topic at a time.
type Subscription struct {
	TopicID   int64
	CreatedAt int64
}

// Subscriptions returns the topics a citizen opted in to.
func (s *Store) Subscriptions(ctx context.Context, citizenID int64) ([]Subscription, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT topic_id, created_at FROM subscriptions WHERE citizen_id = ? ORDER BY topic_id`, citizenID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list subscriptions of citizen #%d: %w", citizenID, err)
	}
	defer rows.Close()
	var subs []Subscription
	for rows.Next() {
		var sub Subscription
		if err := rows.Scan(&sub.TopicID, &sub.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: unable to list subscriptions of citizen #%d: %w", citizenID, err)
		}
		subs = append(subs, sub)
	}
	return subs, rows.Err()
}

// SubscribedTopicIDs returns the set of topic ids a citizen opted in to.
func (s *Store) SubscribedTopicIDs(ctx context.Context, citizenID int64) (map[int64]bool, error) {
	subs, err := s.Subscriptions(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	set := make(map[int64]bool, len(subs))
	for _, sub := range subs {
		set[sub.TopicID] = true
	}
	return set, nil
}

// Subscribe records consent to the given topics; existing consents keep
// their original date.
func (s *Store) Subscribe(ctx context.Context, citizenID int64, topicIDs ...int64) error {
	now := s.now().Unix()
	return s.InTx(ctx, func(tx *Store) error {
		for _, id := range topicIDs {
			if _, err := tx.q.ExecContext(ctx, `INSERT OR IGNORE INTO subscriptions (citizen_id, topic_id, created_at) VALUES (?, ?, ?)`, citizenID, id, now); err != nil {
				return fmt.Errorf("store: unable to subscribe citizen #%d to topic %d: %w", citizenID, id, err)
			}
		}
		return nil
	})
}

// Unsubscribe withdraws consent to the given topics.
func (s *Store) Unsubscribe(ctx context.Context, citizenID int64, topicIDs ...int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		for _, id := range topicIDs {
			if _, err := tx.q.ExecContext(ctx, `DELETE FROM subscriptions WHERE citizen_id = ? AND topic_id = ?`, citizenID, id); err != nil {
				return fmt.Errorf("store: unable to unsubscribe citizen #%d from topic %d: %w", citizenID, id, err)
			}
		}
		return nil
	})
}

// UnsubscribeAll withdraws every consent of a citizen and says how many.
func (s *Store) UnsubscribeAll(ctx context.Context, citizenID int64) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM subscriptions WHERE citizen_id = ?`, citizenID)
	if err != nil {
		return 0, fmt.Errorf("store: unable to unsubscribe citizen #%d: %w", citizenID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// TopicSubscriberCounts returns, per topic id, how many citizens opted in.
func (s *Store) TopicSubscriberCounts(ctx context.Context) (map[int64]int, error) {
	counts, err := s.countMap(ctx, `SELECT topic_id, COUNT(*) FROM subscriptions GROUP BY topic_id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count subscribers: %w", err)
	}
	return counts, nil
}
