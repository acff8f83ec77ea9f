package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// BroadcastMessage is one message of a post as rendered for one language;
// Seq orders a recipient's messages (a photo, then the text pieces).
// Payload is the flows' message with no chat: the outbox row's chat_id is
// authoritative, so one payload serves every recipient of a language.
type BroadcastMessage struct {
	Lang    string `json:"l"`
	Seq     int    `json:"s"`
	Payload string `json:"p"`
}

// EnqueuePostBroadcast writes, in one transaction, every recipient's
// messages into the outbox (with post_id, in the recipient's language) and
// one post_deliveries row per recipient whose outbox_id is their last
// message: the copy that carries the buttons, gets pinned and edited, and
// whose verdict the delivery figures count. Rows are numbered message by
// message (every first message, then every second, ...), so a chat's
// messages keep their order and the sender finds a different chat at each
// head of the queue. It returns the number of recipients.
func (s *Store) EnqueuePostBroadcast(ctx context.Context, postID int64, a Audience, priority int, msgs []BroadcastMessage) (int, error) {
	args, err := a.args()
	if err != nil {
		return 0, err
	}
	encoded, err := json.Marshal(msgs)
	if err != nil {
		return 0, fmt.Errorf("store: unable to encode the messages of post %d: %w", postID, err)
	}
	var n int
	err = s.InTx(ctx, func(tx *Store) error {
		var before int64
		if err := tx.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM outbox`).Scan(&before); err != nil {
			return fmt.Errorf("store: unable to enqueue post %d: %w", postID, err)
		}
		_, err := tx.q.ExecContext(ctx, recipientsCTE+`,
			m AS (SELECT value->>'$.l' AS lang, value->>'$.s' AS seq, value->>'$.p' AS payload FROM json_each(?5))
			INSERT INTO outbox (chat_id, priority, payload, created_at, post_id)
			SELECT r.chat_id, ?6, CAST(m.payload AS BLOB), ?7, ?8 FROM r JOIN m ON m.lang = r.lang
			ORDER BY m.seq, r.chat_id`,
			append(args, string(encoded), priority, tx.now().Unix(), postID)...)
		if err != nil {
			return fmt.Errorf("store: unable to enqueue post %d: %w", postID, err)
		}
		res, err := tx.q.ExecContext(ctx, `INSERT INTO post_deliveries (post_id, chat_id, citizen_id, zone_id, outbox_id)
			SELECT ?1, o.chat_id, c.id, pl.zone_id, MAX(o.id)
			FROM outbox o JOIN citizens c ON c.chat_id = o.chat_id LEFT JOIN citizen_places pl ON pl.citizen_id = c.id
			WHERE o.post_id = ?1 AND o.id > ?2
			GROUP BY o.chat_id`, postID, before)
		if err != nil {
			return fmt.Errorf("store: unable to record the deliveries of post %d: %w", postID, err)
		}
		affected, _ := res.RowsAffected()
		n = int(affected)
		return nil
	})
	return n, err
}

// AlertUpdateMessages is an emergency's update in one language: the edit
// of the copy (its button drawn as the citizen left it: acknowledged or
// not) and the short notice sent after it.
type AlertUpdateMessages struct {
	Lang        string `json:"l"`
	EditUnacked string `json:"u"`
	EditAcked   string `json:"a"`
	Notice      string `json:"n"`
}

// EnqueueAlertUpdate sends an emergency's update to everyone who has or
// will have a copy of alert: still active, their copy not cancelled,
// failed or blocked. Each gets the edit of their copy then the notice,
// both rows of post updateID, and a delivery row of updateID pointing at
// the notice. It returns the number of recipients.
func (s *Store) EnqueueAlertUpdate(ctx context.Context, alertID, updateID int64, priority int, msgs []AlertUpdateMessages) (int, error) {
	encoded, err := json.Marshal(msgs)
	if err != nil {
		return 0, fmt.Errorf("store: unable to encode the update of alert %d: %w", alertID, err)
	}
	var n int
	err = s.InTx(ctx, func(tx *Store) error {
		var before int64
		if err := tx.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM outbox`).Scan(&before); err != nil {
			return fmt.Errorf("store: unable to enqueue the update of alert %d: %w", alertID, err)
		}
		_, err := tx.q.ExecContext(ctx, `WITH
			m AS (SELECT value->>'$.l' AS lang, value->>'$.u' AS unacked, value->>'$.a' AS acked, value->>'$.n' AS notice FROM json_each(?1)),
			r AS (SELECT pd.chat_id, pd.acked_at IS NOT NULL AS acked,
					CASE WHEN c.language IN ('en', 'de') THEN c.language ELSE 'it' END AS lang
				FROM post_deliveries pd JOIN citizens c ON c.id = pd.citizen_id
				LEFT JOIN outbox o ON o.id = pd.outbox_id
				WHERE pd.post_id = ?2 AND c.active = 1 AND (o.id IS NULL OR o.status IN ('pending', 'sent'))),
			rows(seq, chat_id, payload) AS (
				SELECT 0, r.chat_id, CASE WHEN r.acked THEN m.acked ELSE m.unacked END FROM r JOIN m ON m.lang = r.lang
				UNION ALL SELECT 1, r.chat_id, m.notice FROM r JOIN m ON m.lang = r.lang)
			INSERT INTO outbox (chat_id, priority, payload, created_at, post_id)
			SELECT chat_id, ?3, CAST(payload AS BLOB), ?4, ?5 FROM rows ORDER BY seq, chat_id`,
			string(encoded), alertID, priority, tx.now().Unix(), updateID)
		if err != nil {
			return fmt.Errorf("store: unable to enqueue the update of alert %d: %w", alertID, err)
		}
		res, err := tx.q.ExecContext(ctx, `INSERT INTO post_deliveries (post_id, chat_id, citizen_id, zone_id, outbox_id)
			SELECT ?1, o.chat_id, pd.citizen_id, pd.zone_id, MAX(o.id)
			FROM outbox o JOIN post_deliveries pd ON pd.post_id = ?3 AND pd.chat_id = o.chat_id
			WHERE o.post_id = ?1 AND o.id > ?2
			GROUP BY o.chat_id`, updateID, before, alertID)
		if err != nil {
			return fmt.Errorf("store: unable to record the deliveries of update %d: %w", updateID, err)
		}
		affected, _ := res.RowsAffected()
		n = int(affected)
		return nil
	})
	return n, err
}

// CancelPostOutbox ends every pending message of a post's broadcast with
// status cancelled and says how many; what already went out stays.
func (s *Store) CancelPostOutbox(ctx context.Context, postID int64) (int, error) {
	res, err := s.exec(ctx, `UPDATE outbox SET status = 'cancelled', finished_at = ? WHERE post_id = ? AND status = 'pending'`,
		s.now().Unix(), postID)
	if err != nil {
		return 0, fmt.Errorf("store: unable to cancel the broadcast of post %d: %w", postID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// RecordPostBroadcast notes how many recipients a post's broadcast was
// enqueued for.
func (s *Store) RecordPostBroadcast(ctx context.Context, postID int64, recipients int) error {
	if _, err := s.exec(ctx, `UPDATE posts SET recipients = ? WHERE id = ?`, recipients, postID); err != nil {
		return fmt.Errorf("store: unable to record the recipients of post %d: %w", postID, err)
	}
	return nil
}

// FinishDrainedPosts marks sent every post still "sending" none of whose
// messages is pending any more, and says how many.
func (s *Store) FinishDrainedPosts(ctx context.Context) (int, error) {
	res, err := s.exec(ctx, `UPDATE posts SET status = 'sent', updated_at = ?
		WHERE status = 'sending' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.post_id = posts.id AND o.status = 'pending')`,
		s.now().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: unable to finish drained posts: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
