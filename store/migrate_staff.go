package store

import (
	"context"
	"database/sql"
)

// migrateStaff adds what the web admin's sign-in needs: staff accounts,
// their sessions, the sign-in attempts that throttle guessing, and the
// audit log of every staff action.
func migrateStaff(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE TABLE staff_accounts (
			id INTEGER PRIMARY KEY,
			username TEXT NOT NULL UNIQUE COLLATE NOCASE,
			display_name TEXT NOT NULL DEFAULT '',
			role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'operator')),
			password_hash TEXT NOT NULL,
			totp_secret TEXT,
			disabled INTEGER NOT NULL DEFAULT 0,
			must_change_password INTEGER NOT NULL DEFAULT 0,
			created_at INTEGER NOT NULL
		)`,
		// id_hash is the SHA-256 of the cookie's value: a copy of the
		// database does not hand out live sessions.
		`CREATE TABLE staff_sessions (
			id_hash TEXT PRIMARY KEY,
			account_id INTEGER NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
			csrf_token TEXT NOT NULL,
			created_at INTEGER NOT NULL,
			last_seen_at INTEGER NOT NULL,
			expires_at INTEGER NOT NULL,
			ip TEXT NOT NULL DEFAULT '',
			user_agent TEXT NOT NULL DEFAULT ''
		) WITHOUT ROWID`,
		`CREATE INDEX staff_sessions_account ON staff_sessions(account_id)`,
		`CREATE TABLE staff_signins (
			id INTEGER PRIMARY KEY,
			username TEXT NOT NULL COLLATE NOCASE,
			account_id INTEGER REFERENCES staff_accounts(id) ON DELETE SET NULL,
			ip TEXT NOT NULL,
			success INTEGER NOT NULL,
			at INTEGER NOT NULL
		)`,
		`CREATE INDEX staff_signins_username ON staff_signins(username, at)`,
		`CREATE INDEX staff_signins_ip ON staff_signins(ip, at)`,
		`CREATE INDEX staff_signins_account ON staff_signins(account_id, at)`,
		`CREATE TABLE staff_audit (
			id INTEGER PRIMARY KEY,
			account_id INTEGER REFERENCES staff_accounts(id) ON DELETE SET NULL,
			actor TEXT NOT NULL,
			action TEXT NOT NULL,
			target TEXT NOT NULL DEFAULT '',
			details TEXT NOT NULL DEFAULT '',
			ip TEXT NOT NULL DEFAULT '',
			at INTEGER NOT NULL
		)`,
		`CREATE INDEX staff_audit_at ON staff_audit(at)`,
	)
}
