package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Mail outbox statuses. A mail is pending until the mailer reaches a
// verdict; transient SMTP failures keep it pending with a later
// not_before, so it is never lost.
const (
	MailPending = "pending"
	MailSent    = "sent"
	MailFailed  = "failed" // a permanent rejection: retrying cannot help
)

// Mail is one email waiting in, or gone through, the mail outbox. The
// store keeps it as composed; the mailer turns it into MIME.
type Mail struct {
	ID          int64
	To          string
	Subject     string
	Text        string
	HTML        string // "" for a text-only mail
	Attachments []MailAttachment
	ReportID    int64 // 0 when the mail is about no report

	Status      string
	Attempts    int
	NotBeforeMs int64
	CreatedAt   int64
	SentAt      int64 // 0 until sent
	LastError   string
}

// MailAttachment is a file to attach, read by the mailer when it sends.
type MailAttachment struct {
	Name string `json:"name"`
	Path string `json:"path"`
	MIME string `json:"mime,omitempty"`
}

// MailResult is the mailer's verdict on one mail.
type MailResult struct {
	ID     int64
	Status string // MailSent, MailFailed, or MailPending to retry at RetryAt
	Error  string
	// RetryAt, for a retry, is when to try again.
	RetryAt time.Time
}

const mailColumns = `id, to_addr, subject, body_text, COALESCE(body_html, ''), attachments, COALESCE(report_id, 0),
	status, attempts, not_before_ms, created_at, COALESCE(sent_at, 0), last_error`

func scanMail(row interface{ Scan(...any) error }) (Mail, error) {
	var m Mail
	var attachments string
	err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.HTML, &attachments, &m.ReportID,
		&m.Status, &m.Attempts, &m.NotBeforeMs, &m.CreatedAt, &m.SentAt, &m.LastError)
	if err != nil {
		return Mail{}, err
	}
	if err := json.Unmarshal([]byte(attachments), &m.Attachments); err != nil {
		return Mail{}, fmt.Errorf("attachments of mail %d: %w", m.ID, err)
	}
	return m, nil
}

// EnqueueMail adds a mail to the outbox and returns its id. Call it in the
// transaction that decided the mail, so the two stand or fall together.
func (s *Store) EnqueueMail(ctx context.Context, m Mail) (int64, error) {
	if strings.TrimSpace(m.To) == "" {
		return 0, errors.New("store: unable to enqueue mail: no recipient")
	}
	attachments := m.Attachments
	if attachments == nil {
		attachments = []MailAttachment{}
	}
	encoded, err := json.Marshal(attachments)
	if err != nil {
		return 0, fmt.Errorf("store: unable to enqueue mail to %s: %w", m.To, err)
	}
	var html any
	if m.HTML != "" {
		html = m.HTML
	}
	res, err := s.exec(ctx, `INSERT INTO mail_outbox (to_addr, subject, body_text, body_html, attachments, created_at, report_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.To, m.Subject, m.Text, html, string(encoded), s.now().Unix(), nullID(m.ReportID))
	if err != nil {
		return 0, fmt.Errorf("store: unable to enqueue mail to %s: %w", m.To, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: unable to enqueue mail to %s: %w", m.To, err)
	}
	return id, nil
}

// DueMail returns up to limit pending mails whose time has come, oldest
// first.
func (s *Store) DueMail(ctx context.Context, now time.Time, limit int) ([]Mail, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox
		WHERE status = 'pending' AND not_before_ms <= ? ORDER BY not_before_ms, id LIMIT ?`, now.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list due mail: %w", err)
	}
	defer rows.Close()
	var mails []Mail
	for rows.Next() {
		m, err := scanMail(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list due mail: %w", err)
		}
		mails = append(mails, m)
	}
	return mails, rows.Err()
}

// MailByID finds one mail, whatever its status.
func (s *Store) MailByID(ctx context.Context, id int64) (Mail, error) {
	m, err := scanMail(s.q.QueryRowContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Mail{}, ErrNotFound
	}
	if err != nil {
		return Mail{}, fmt.Errorf("store: unable to fetch mail %d: %w", id, err)
	}
	return m, nil
}

// RecordMailResult stores the mailer's verdict on a pending mail. A mail
// that is no longer pending is left alone and reported as ErrNotFound, so
// a late verdict never turns a sent mail back into a pending one.
func (s *Store) RecordMailResult(ctx context.Context, r MailResult) error {
	now := s.now().Unix()
	var res sql.Result
	var err error
	switch r.Status {
	case MailPending:
		res, err = s.exec(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, not_before_ms = ?, last_error = ?
			WHERE id = ? AND status = 'pending'`, r.RetryAt.UnixMilli(), r.Error, r.ID)
	case MailSent:
		// Error, for a sent mail, names the recipients that were refused.
		res, err = s.exec(ctx, `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, finished_at = ?, last_error = ?
			WHERE id = ? AND status = 'pending'`, now, now, r.Error, r.ID)
	case MailFailed:
		res, err = s.exec(ctx, `UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, finished_at = ?, last_error = ?
			WHERE id = ? AND status = 'pending'`, now, r.Error, r.ID)
	default:
		return fmt.Errorf("store: unable to record result of mail %d: unknown status %q", r.ID, r.Status)
	}
	if err != nil {
		return fmt.Errorf("store: unable to record result of mail %d: %w", r.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// MailCounts returns how many mails are in each status, for health checks
// and the admin.
func (s *Store) MailCounts(ctx context.Context) (map[string]int, error) {
	return s.countByStatus(ctx, `SELECT status, COUNT(*) FROM mail_outbox GROUP BY status`, "mail")
}

// NextMailDue returns when the earliest pending mail becomes due; ok is
// false when nothing is pending, so the mailer can sleep until woken.
func (s *Store) NextMailDue(ctx context.Context) (due time.Time, ok bool, err error) {
	var ms sql.NullInt64
	if err := s.q.QueryRowContext(ctx, `SELECT MIN(not_before_ms) FROM mail_outbox WHERE status = 'pending'`).Scan(&ms); err != nil {
		return time.Time{}, false, fmt.Errorf("store: unable to find next due mail: %w", err)
	}
	if !ms.Valid {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(ms.Int64), true, nil
}

// PruneMail deletes finished mails older than the given unix time: their
// bodies carry citizens' names and descriptions, not needed once handled.
func (s *Store) PruneMail(ctx context.Context, finishedBefore int64) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM mail_outbox WHERE status <> 'pending' AND finished_at < ?`, finishedBefore)
	if err != nil {
		return 0, fmt.Errorf("store: unable to prune mail outbox: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
