package mailer

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/campanile/campanile/store"
)

const (
	// batchSize is how many due mails one look at the outbox takes.
	batchSize = 20
	// idlePoll is how often an idle mailer looks at the outbox even
	// unwoken, so a mail enqueued by another process (or by code that
	// forgot Wake) still leaves within seconds.
	idlePoll = 10 * time.Second
)

// Mailer drains the mail outbox into an SMTP server.
type Mailer struct {
	cfg  Config
	srv  server
	from *mail.Address
	st   *store.Store
	log  *slog.Logger
	wake chan struct{}
	now  func() time.Time
	// unrecorded holds verdicts the store could not take: their mails are
	// not tried again while the store recovers, so none is sent twice.
	unrecorded map[int64]store.MailResult
}

// New checks cfg and builds a mailer. Its errors name what is wrong with
// the URL or the sender, never the password.
func New(cfg Config, st *store.Store, logger *slog.Logger) (*Mailer, error) {
	cfg, srv, from, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Mailer{
		cfg: cfg, srv: srv, from: from, st: st, log: logger,
		wake: make(chan struct{}, 1), now: time.Now,
		unrecorded: map[int64]store.MailResult{},
	}, nil
}

// Server is the SMTP URL with its password hidden, for logs.
func (m *Mailer) Server() string { return m.srv.display }

// Wake tells the mailer there is new mail in the outbox.
func (m *Mailer) Wake() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Run delivers mail until ctx is done. A mail being sent when it stops
// stays pending and is sent by the next run.
func (m *Mailer) Run(ctx context.Context) error {
	m.log.Info("mailer started", "smtp_server", m.srv.display, "starttls", m.srv.startTLS, "from", m.from.Address)
	var pruned time.Time
	for {
		if m.now().Sub(pruned) > time.Hour {
			m.prune(ctx)
			pruned = m.now()
		}
		m.retryRecording(ctx)
		due, err := m.st.DueMail(ctx, m.now(), batchSize)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			m.log.Error("unable to read the mail outbox", "error", err)
			due = nil
		}
		for _, ml := range due {
			if ctx.Err() != nil {
				return nil
			}
			if _, waiting := m.unrecorded[ml.ID]; !waiting {
				m.deliver(ctx, ml)
			}
		}
		if len(due) == batchSize && len(m.unrecorded) == 0 {
			continue
		}
		if !m.sleep(ctx) {
			return nil
		}
	}
}

// keepSentMail is how long sent and failed mail stays: long enough for the
// admin to show what was sent, short enough that citizens' names in the
// bodies do not linger.
const keepSentMail = 30 * 24 * time.Hour

func (m *Mailer) prune(ctx context.Context) {
	n, err := m.st.PruneMail(ctx, m.now().Add(-keepSentMail).Unix())
	if err != nil {
		m.log.Error("unable to prune the mail outbox", "error", err)
		return
	}
	if n > 0 {
		m.log.Info("pruned finished mail", "count", n)
	}
}

// sleep waits until the next mail is due, a wake-up, or the idle poll.
func (m *Mailer) sleep(ctx context.Context) bool {
	wait := idlePoll
	if next, ok, err := m.st.NextMailDue(ctx); err == nil && ok {
		wait = min(wait, max(next.Sub(m.now()), 0))
	}
	if len(m.unrecorded) > 0 {
		wait = min(wait, time.Second)
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-m.wake:
	case <-t.C:
	}
	return true
}

// deliver tries one mail and records the verdict.
func (m *Mailer) deliver(ctx context.Context, ml store.Mail) {
	refused, err := m.attempt(ctx, ml)
	if err != nil && ctx.Err() != nil {
		// Stopped mid-conversation: not the mail's fault, and not an
		// attempt worth counting. It stays pending for the next run.
		return
	}
	log := m.log.With("mail_id", ml.ID, "report_id", ml.ReportID, "to", ml.To, "attempt", ml.Attempts+1)
	res := store.MailResult{ID: ml.ID}
	switch {
	case err == nil:
		res.Status = store.MailSent
		if len(refused) > 0 {
			res.Error = "refused: " + strings.Join(refused, "; ")
			log.Warn("mail sent, but some recipients were refused", "refused", res.Error)
		} else {
			log.Info("mail sent")
		}
	case isPermanent(err):
		res.Status, res.Error = store.MailFailed, err.Error()
		log.Error("mail rejected for good", "error", err)
	default:
		delay := m.backoff(ml.Attempts)
		res.Status, res.Error, res.RetryAt = store.MailPending, err.Error(), m.now().Add(delay)
		log.Warn("mail not delivered, will retry", "error", err, "retry_in", delay.String())
	}
	m.record(ctx, res)
}

// attempt composes the mail and runs the SMTP conversation.
func (m *Mailer) attempt(ctx context.Context, ml store.Mail) (refused []string, err error) {
	to, err := mail.ParseAddressList(ml.To)
	if err != nil || len(to) == 0 {
		return nil, permanent("mailer: invalid recipient %q: %v", ml.To, err)
	}
	rcpts := make([]string, len(to))
	for i, a := range to {
		rcpts[i] = a.Address
	}
	msg, err := buildMessage(ml, m.from, to, m.loadAttachments(ml), m.now())
	if err != nil {
		return nil, permanent("%w", err)
	}
	return m.send(ctx, m.from.Address, rcpts, msg)
}

// loadAttachments reads a mail's files. A file that is gone is left out
// with a warning: the office is better served by the mail without it
// than by no mail at all.
func (m *Mailer) loadAttachments(ml store.Mail) []attachment {
	var files []attachment
	for _, a := range ml.Attachments {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			m.log.Warn("attachment left out of mail", "mail_id", ml.ID, "path", a.Path, "error", err)
			continue
		}
		name := oneLine(a.Name)
		if name == "" {
			name = filepath.Base(a.Path)
		}
		files = append(files, attachment{name: name, mime: attachmentType(a.MIME, name), data: data})
	}
	return files
}

func attachmentType(declared, name string) string {
	for _, t := range []string{declared, mime.TypeByExtension(filepath.Ext(name))} {
		if mt, params, err := mime.ParseMediaType(t); err == nil {
			return mime.FormatMediaType(mt, params)
		}
	}
	return "application/octet-stream"
}

// backoff is the wait before the next try of a mail that failed attempts
// times before: MinBackoff, doubling, at most MaxBackoff.
func (m *Mailer) backoff(attempts int) time.Duration {
	d := m.cfg.MinBackoff
	for range attempts {
		if d >= m.cfg.MaxBackoff/2 {
			return m.cfg.MaxBackoff
		}
		d *= 2
	}
	return min(d, m.cfg.MaxBackoff)
}

// record stores a verdict. It outlives ctx: a mail the server accepted
// just as the mailer stopped must not be sent again by the next run.
func (m *Mailer) record(ctx context.Context, res store.MailResult) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := m.st.RecordMailResult(rctx, res)
	switch {
	case err == nil, errors.Is(err, store.ErrNotFound):
		delete(m.unrecorded, res.ID)
	default:
		m.unrecorded[res.ID] = res
		m.log.Error("unable to record the outcome of a mail", "mail_id", res.ID, "status", res.Status, "error", err)
	}
}

func (m *Mailer) retryRecording(ctx context.Context) {
	for _, res := range m.unrecorded {
		m.record(ctx, res)
	}
}
