package store

import (
	"context"
	"database/sql"
)

func migrateMailOutbox(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		// Email leaves through an outbox of its own, like Telegram
		// messages: the row is written in the transaction that decides the
		// mail, so a report never exists without its email, and an SMTP
		// failure only moves not_before_ms forward. Attachments are a JSON
		// list of file paths: the files already live in the media folder
		// and copying them into the database would only double them.
		// report_id survives the report's deletion as NULL: the mail was
		// sent all the same.
		`CREATE TABLE mail_outbox (
			id INTEGER PRIMARY KEY,
			to_addr TEXT NOT NULL,
			subject TEXT NOT NULL,
			body_text TEXT NOT NULL,
			body_html TEXT,
			attachments TEXT NOT NULL DEFAULT '[]',
			status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
			attempts INTEGER NOT NULL DEFAULT 0,
			not_before_ms INTEGER NOT NULL DEFAULT 0,
			created_at INTEGER NOT NULL,
			sent_at INTEGER,
			finished_at INTEGER,
			last_error TEXT NOT NULL DEFAULT '',
			report_id INTEGER REFERENCES reports(id) ON DELETE SET NULL
		)`,
		`CREATE INDEX mail_outbox_pending ON mail_outbox(not_before_ms, id) WHERE status = 'pending'`,
		`CREATE INDEX mail_outbox_report ON mail_outbox(report_id) WHERE report_id IS NOT NULL`,
	)
}
