package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrWasteRemindersSent is returned when an evening's reminders were
// already sent: by an earlier run, or by another process that got there
// first.
var ErrWasteRemindersSent = errors.New("store: the waste reminders of this evening were already sent")

// WasteTopicSlug is the topic of waste collection; its subtopics named
// WasteTopicSlug + "-" + a waste type's code ("rifiuti-carta") choose that
// type. Consent to the topic itself means every type (flows/topics.go
// keeps it on exactly when every subtopic is).
const WasteTopicSlug = "rifiuti"

// WasteReminderRun is the record of one evening's reminders.
type WasteReminderRun struct {
	Evening   string // YYYY-MM-DD in the comune's time zone
	StartedAt int64
	Messages  int
}

// ClaimWasteReminderRun records that the reminders of evening are being
// sent, or returns ErrWasteRemindersSent. Call it in the transaction that
// enqueues the messages, so the record exists exactly when they do.
func (s *Store) ClaimWasteReminderRun(ctx context.Context, evening string) error {
	res, err := s.exec(ctx, `INSERT INTO waste_reminder_runs (evening, started_at) VALUES (?, ?) ON CONFLICT (evening) DO NOTHING`,
		evening, s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: unable to record the waste reminders of %s: %w", evening, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: unable to record the waste reminders of %s: %w", evening, err)
	}
	if n == 0 {
		return ErrWasteRemindersSent
	}
	return nil
}

// SetWasteReminderCount records how many messages an evening's run
// enqueued, for the log and the statistics.
func (s *Store) SetWasteReminderCount(ctx context.Context, evening string, messages int) error {
	if _, err := s.exec(ctx, `UPDATE waste_reminder_runs SET messages = ? WHERE evening = ?`, messages, evening); err != nil {
		return fmt.Errorf("store: unable to count the waste reminders of %s: %w", evening, err)
	}
	return nil
}

// WasteReminderRunOf returns the record of an evening, or ErrNotFound.
func (s *Store) WasteReminderRunOf(ctx context.Context, evening string) (WasteReminderRun, error) {
	r := WasteReminderRun{Evening: evening}
	err := s.q.QueryRowContext(ctx, `SELECT started_at, messages FROM waste_reminder_runs WHERE evening = ?`, evening).
		Scan(&r.StartedAt, &r.Messages)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("store: unable to read the waste reminders of %s: %w", evening, err)
	}
	return r, nil
}

// WasteReminderTarget is a citizen who may get an evening's reminder:
// reachable, with a saved zone, and consenting to waste news.
type WasteReminderTarget struct {
	CitizenID int64
	ChatID    int64
	Language  string
	ZoneID    int64
	// AllTypes is consent to the whole waste topic; otherwise Types lists
	// the codes of the subtopics chosen.
	AllTypes bool
	Types    []string
}

// WasteReminderTargets lists, in one query, every active citizen with a
// saved zone and consent to the waste topic or any of its subtopics.
// Citizens who blocked the bot, saved no zone (or whose zone was deleted)
// or chose nothing about waste are not in it.
func (s *Store) WasteReminderTargets(ctx context.Context) ([]WasteReminderTarget, error) {
	// Grouping by citizen_places' primary key walks it in order, so SQLite
	// needs no sort; each citizen's consents come from the subscriptions'
	// primary key (citizen_id, topic_id).
	rows, err := s.q.QueryContext(ctx, `
		SELECT p.citizen_id, c.chat_id, c.language, p.zone_id,
			MAX(t.slug = ?1),
			COALESCE(GROUP_CONCAT(CASE WHEN t.slug <> ?1 THEN substr(t.slug, length(?1) + 2) END, ','), '')
		FROM citizen_places p
		JOIN citizens c ON c.id = p.citizen_id
		JOIN subscriptions s ON s.citizen_id = p.citizen_id
		JOIN topics t ON t.id = s.topic_id
		WHERE c.active = 1 AND p.zone_id IS NOT NULL
			AND (t.slug = ?1 OR substr(t.slug, 1, length(?1) + 1) = ?1 || '-')
		GROUP BY p.citizen_id`, WasteTopicSlug)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the citizens to remind of waste collection: %w", err)
	}
	defer rows.Close()
	var out []WasteReminderTarget
	for rows.Next() {
		var t WasteReminderTarget
		var codes string
		if err := rows.Scan(&t.CitizenID, &t.ChatID, &t.Language, &t.ZoneID, &t.AllTypes, &codes); err != nil {
			return nil, fmt.Errorf("store: unable to list the citizens to remind of waste collection: %w", err)
		}
		if codes != "" {
			t.Types = strings.Split(codes, ",")
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
