package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DeliveryCounts are a broadcast's figures: each recipient counted once,
// by the verdict on their copy (their last message of the post).
type DeliveryCounts struct {
	Recipients   int
	Sent         int
	Pending      int
	Failed       int
	Blocked      int
	Cancelled    int
	Acknowledged int // pressed "Ricevuto"
}

// ZoneDelivery is the figures of the recipients whose saved place is in
// one zone; ZoneID 0 gathers those with no zone.
type ZoneDelivery struct {
	ZoneID   int64
	ZoneName string
	DeliveryCounts
}

// DeliveryStats is a post's delivery, in total and by zone.
type DeliveryStats struct {
	DeliveryCounts
	Zones []ZoneDelivery // by zone name, no zone last
}

func (c *DeliveryCounts) add(status string, n, acked int) {
	c.Recipients += n
	c.Acknowledged += acked
	switch status {
	case OutboxSent:
		c.Sent += n
	case OutboxPending:
		c.Pending += n
	case OutboxBlocked:
		c.Blocked += n
	case OutboxCancelled:
		c.Cancelled += n
	default:
		c.Failed += n
	}
}

// PostDeliveryStats counts a post's deliveries by the status of their
// outbox row. A row pruned from the outbox after it finished counts as
// sent when the copy's message id was recorded, failed otherwise: it
// was not pending any more.
func (s *Store) PostDeliveryStats(ctx context.Context, postID int64) (DeliveryStats, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT COALESCE(pd.zone_id, 0), COALESCE(z.name, ''),
			COALESCE(o.status, CASE WHEN pd.message_id IS NOT NULL THEN 'sent' ELSE 'failed' END),
			COUNT(*), COUNT(pd.acked_at)
		FROM post_deliveries pd
		LEFT JOIN outbox o ON o.id = pd.outbox_id
		LEFT JOIN zones z ON z.id = pd.zone_id
		WHERE pd.post_id = ?
		GROUP BY 1, 2, 3
		ORDER BY COALESCE(pd.zone_id, 0) = 0, 2, 1`, postID)
	if err != nil {
		return DeliveryStats{}, fmt.Errorf("store: unable to count the deliveries of post %d: %w", postID, err)
	}
	defer rows.Close()
	var st DeliveryStats
	for rows.Next() {
		var zoneID int64
		var zoneName, status string
		var n, acked int
		if err := rows.Scan(&zoneID, &zoneName, &status, &n, &acked); err != nil {
			return DeliveryStats{}, fmt.Errorf("store: unable to count the deliveries of post %d: %w", postID, err)
		}
		st.add(status, n, acked)
		if len(st.Zones) == 0 || st.Zones[len(st.Zones)-1].ZoneID != zoneID {
			st.Zones = append(st.Zones, ZoneDelivery{ZoneID: zoneID, ZoneName: zoneName})
		}
		st.Zones[len(st.Zones)-1].add(status, n, acked)
	}
	if err := rows.Err(); err != nil {
		return DeliveryStats{}, fmt.Errorf("store: unable to count the deliveries of post %d: %w", postID, err)
	}
	return st, nil
}

// AckPostDelivery records that the citizen in chatID acknowledged post
// postID. first is false when they had already; ErrNotFound when the
// post never reached that chat (a forged or foreign button).
func (s *Store) AckPostDelivery(ctx context.Context, postID, chatID int64) (first bool, err error) {
	res, err := s.exec(ctx, `UPDATE post_deliveries SET acked_at = ? WHERE post_id = ? AND chat_id = ? AND acked_at IS NULL`,
		s.now().Unix(), postID, chatID)
	if err != nil {
		return false, fmt.Errorf("store: unable to acknowledge post %d in chat %d: %w", postID, chatID, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return true, nil
	}
	var one int
	err = s.q.QueryRowContext(ctx, `SELECT 1 FROM post_deliveries WHERE post_id = ? AND chat_id = ?`, postID, chatID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to acknowledge post %d in chat %d: %w", postID, chatID, err)
	}
	return false, nil
}

// PostDelivery is one recipient's copy of a post.
type PostDelivery struct {
	PostID    int64
	ChatID    int64
	CitizenID int64
	ZoneID    int64
	OutboxID  int64
	MessageID int64
	AckedAt   int64
}

// PostDeliveryOf returns the copy of post postID in chatID, or ErrNotFound.
func (s *Store) PostDeliveryOf(ctx context.Context, postID, chatID int64) (PostDelivery, error) {
	d := PostDelivery{PostID: postID, ChatID: chatID}
	var citizen, zone, outbox, message, acked sql.NullInt64
	err := s.q.QueryRowContext(ctx, `SELECT citizen_id, zone_id, outbox_id, message_id, acked_at
		FROM post_deliveries WHERE post_id = ? AND chat_id = ?`, postID, chatID).Scan(&citizen, &zone, &outbox, &message, &acked)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("store: unable to read the copy of post %d in chat %d: %w", postID, chatID, err)
	}
	d.CitizenID, d.ZoneID, d.OutboxID, d.MessageID, d.AckedAt = citizen.Int64, zone.Int64, outbox.Int64, message.Int64, acked.Int64
	return d, nil
}
