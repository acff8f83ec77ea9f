package store

import (
	"context"
	"database/sql"
)

// migrateStaffLink adds the one-time codes a clerk creates in the admin
// and sends to the bot to link their Telegram chat, and the failed
// attempts that rate-limit guessing them. Codes are kept hashed: whoever
// reads a backup cannot link a chat with them.
func migrateStaffLink(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE TABLE staff_link_codes (
			code_hash TEXT PRIMARY KEY,
			account_id INTEGER NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
			expires_at INTEGER NOT NULL,
			created_at INTEGER NOT NULL
		) WITHOUT ROWID`,
		`CREATE INDEX staff_link_codes_account ON staff_link_codes(account_id)`,
		`CREATE TABLE staff_link_attempts (
			chat_id INTEGER NOT NULL,
			at INTEGER NOT NULL
		)`,
		`CREATE INDEX staff_link_attempts_chat ON staff_link_attempts(chat_id, at)`,
	)
}
