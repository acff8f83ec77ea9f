package store

import (
	"context"
	"fmt"
)

// Kinds of timeline events.
const (
	EventCreated   = "created"
	EventStatus    = "status"
	EventReply     = "reply"   // staff to citizen, delivered
	EventComment   = "comment" // citizen to staff
	EventNote      = "note"    // internal, never sent
	EventReopen    = "reopen"
	EventDuplicate = "duplicate"
	EventFollow    = "follow" // another citizen added "me too"
)

// Kinds of authors.
const (
	AuthorCitizen = "citizen"
	AuthorStaff   = "staff"
	AuthorSystem  = "system"
)

// Author is who did something to a report. CitizenID is set for citizens
// (so /forget finds their entries), StaffUserID for staff acting from
// Telegram.
type Author struct {
	Kind        string
	Name        string
	CitizenID   int64
	StaffUserID int64
}

// ReportEvent is one entry of a report's timeline.
type ReportEvent struct {
	ID          int64
	ReportID    int64
	At          int64 // unix time; AddReportEvent fills it when 0
	Kind        string
	Author      Author
	FromStatus  string
	ToStatus    string
	Text        string
	PhotoSHA256 string
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// AddReportEvent appends an event to a report's timeline and marks the
// report as updated.
func (s *Store) AddReportEvent(ctx context.Context, e ReportEvent) (ReportEvent, error) {
	if e.At == 0 {
		e.At = s.now().Unix()
	}
	err := s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `
			INSERT INTO report_events (report_id, at, kind, author_kind, author_name, author_citizen_id, staff_user_id, from_status, to_status, text, photo_sha256)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ReportID, e.At, e.Kind, e.Author.Kind, e.Author.Name, nullID(e.Author.CitizenID), nullID(e.Author.StaffUserID),
			e.FromStatus, e.ToStatus, e.Text, nullString(e.PhotoSHA256))
		if err != nil {
			return fmt.Errorf("store: unable to add %s event to report %d: %w", e.Kind, e.ReportID, err)
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to add %s event to report %d: %w", e.Kind, e.ReportID, err)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET updated_at = ? WHERE id = ?`, e.At, e.ReportID); err != nil {
			return fmt.Errorf("store: unable to touch report %d: %w", e.ReportID, err)
		}
		return nil
	})
	return e, err
}

// ReportTimeline returns a report's events, oldest first.
func (s *Store) ReportTimeline(ctx context.Context, reportID int64) ([]ReportEvent, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT id, report_id, at, kind, author_kind, author_name, COALESCE(author_citizen_id, 0), COALESCE(staff_user_id, 0),
			from_status, to_status, text, COALESCE(photo_sha256, '')
		FROM report_events WHERE report_id = ? ORDER BY id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read timeline of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var events []ReportEvent
	for rows.Next() {
		var e ReportEvent
		if err := rows.Scan(&e.ID, &e.ReportID, &e.At, &e.Kind, &e.Author.Kind, &e.Author.Name, &e.Author.CitizenID,
			&e.Author.StaffUserID, &e.FromStatus, &e.ToStatus, &e.Text, &e.PhotoSHA256); err != nil {
			return nil, fmt.Errorf("store: unable to read timeline of report %d: %w", reportID, err)
		}
		events = append(events, e)
	}
	return events, rows.Err()
}

// ChangeReportStatus sets a report's status and records who did it and
// why. A closed report going back to an open status is recorded as a
// reopening. Whether the change is allowed is for flows to decide.
func (s *Store) ChangeReportStatus(ctx context.Context, id int64, to string, author Author, text string) (Report, error) {
	return s.changeReportStatus(ctx, id, to, 0, author, text)
}

// MarkReportDuplicate closes a report as a duplicate of another one.
func (s *Store) MarkReportDuplicate(ctx context.Context, id, of int64, author Author, text string) (Report, error) {
	return s.changeReportStatus(ctx, id, ReportDuplicate, of, author, text)
}

func (s *Store) changeReportStatus(ctx context.Context, id int64, to string, duplicateOf int64, author Author, text string) (Report, error) {
	var changed Report
	err := s.InTx(ctx, func(tx *Store) error {
		r, err := tx.ReportByID(ctx, id)
		if err != nil {
			return err
		}
		now := s.now().Unix()
		var resolvedAt any
		if ReportClosed(to) {
			resolvedAt = now
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET status = ?, duplicate_of = ?, resolved_at = ?, updated_at = ? WHERE id = ?`,
			to, nullID(duplicateOf), resolvedAt, now, id); err != nil {
			return fmt.Errorf("store: unable to change status of report %d: %w", id, err)
		}
		kind := EventStatus
		switch {
		case duplicateOf != 0:
			kind = EventDuplicate
		case ReportClosed(r.Status) && !ReportClosed(to):
			kind = EventReopen
		}
		if _, err := tx.AddReportEvent(ctx, ReportEvent{ReportID: id, At: now, Kind: kind, Author: author,
			FromStatus: r.Status, ToStatus: to, Text: text}); err != nil {
			return err
		}
		changed, err = tx.ReportByID(ctx, id)
		return err
	})
	return changed, err
}

// FollowReport adds a citizen to a report's followers ("me too"): they
// hear of its updates and it counts one more supporter. Following twice,
// or following one's own report, changes nothing; followed tells whether
// this call added the citizen.
func (s *Store) FollowReport(ctx context.Context, reportID, citizenID int64) (followed bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		r, err := tx.ReportByID(ctx, reportID)
		if err != nil {
			return err
		}
		c, err := tx.CitizenByID(ctx, citizenID)
		if err != nil {
			return err
		}
		if r.CitizenID == citizenID {
			return nil
		}
		now := s.now().Unix()
		res, err := tx.q.ExecContext(ctx, `INSERT OR IGNORE INTO report_followers (report_id, citizen_id, since) VALUES (?, ?, ?)`,
			reportID, citizenID, now)
		if err != nil {
			return fmt.Errorf("store: unable to add follower to report %d: %w", reportID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE reports SET supporters = supporters + 1 WHERE id = ?`, reportID); err != nil {
			return fmt.Errorf("store: unable to count supporter of report %d: %w", reportID, err)
		}
		followed = true
		_, err = tx.AddReportEvent(ctx, ReportEvent{ReportID: reportID, At: now, Kind: EventFollow,
			Author: Author{Kind: AuthorCitizen, Name: c.FirstName, CitizenID: citizenID}})
		return err
	})
	return followed, err
}

// ReportFollowers returns the chats of the followers of a report who can
// still be reached, in the order they joined. The author's own chat is
// Report.ChatID, not among them.
func (s *Store) ReportFollowers(ctx context.Context, reportID int64) ([]int64, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT c.chat_id FROM report_followers f JOIN citizens c ON c.id = f.citizen_id
		WHERE f.report_id = ? AND c.active = 1 ORDER BY f.since, c.id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list followers of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var chats []int64
	for rows.Next() {
		var chat int64
		if err := rows.Scan(&chat); err != nil {
			return nil, fmt.Errorf("store: unable to list followers of report %d: %w", reportID, err)
		}
		chats = append(chats, chat)
	}
	return chats, rows.Err()
}

// AnonymiseCitizenReports detaches a citizen from everything they said
// about reports: their reports lose the citizen and the chat, their
// timeline entries lose their name, and they stop following others'
// reports (the supporters counts stay). The reports themselves stay, for
// the town's statistics.
func (s *Store) AnonymiseCitizenReports(ctx context.Context, citizenID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		for _, stmt := range []string{
			`UPDATE reports SET citizen_id = NULL, chat_id = 0 WHERE citizen_id = ?`,
			`UPDATE report_events SET author_name = '', author_citizen_id = NULL WHERE author_citizen_id = ?`,
			`DELETE FROM report_followers WHERE citizen_id = ?`,
		} {
			if _, err := tx.q.ExecContext(ctx, stmt, citizenID); err != nil {
				return fmt.Errorf("store: unable to anonymise reports of citizen #%d: %w", citizenID, err)
			}
		}
		return nil
	})
}
