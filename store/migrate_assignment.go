package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrateAssignment lets a report be handed to an office or a clerk other
// than its category's, records what of it staff approved for publication
// (text and photos apart: a photo may show a face or a plate), and which
// offices and categories an operator serves, so that operators see their
// reports only.
func migrateAssignment(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range []string{
		`ALTER TABLE reports ADD COLUMN assigned_office_id INTEGER REFERENCES offices(id) ON DELETE SET NULL`,
		`ALTER TABLE reports ADD COLUMN assigned_staff_id INTEGER REFERENCES staff_accounts(id) ON DELETE SET NULL`,
		`ALTER TABLE reports ADD COLUMN publish_text INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE reports ADD COLUMN publish_photos INTEGER NOT NULL DEFAULT 0`,
		`CREATE INDEX reports_assigned_office ON reports(assigned_office_id, created_at) WHERE assigned_office_id IS NOT NULL`,
		`CREATE INDEX reports_assigned_staff ON reports(assigned_staff_id, created_at) WHERE assigned_staff_id IS NOT NULL`,
		`CREATE TABLE staff_offices (
			account_id INTEGER NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
			office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
			PRIMARY KEY (account_id, office_id)
		) WITHOUT ROWID`,
		`CREATE TABLE staff_categories (
			account_id INTEGER NOT NULL REFERENCES staff_accounts(id) ON DELETE CASCADE,
			category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
			PRIMARY KEY (account_id, category_id)
		) WITHOUT ROWID`,
		// SQLite cannot alter a CHECK: the timeline is copied into a table
		// that knows the two new kinds of event.
		`CREATE TABLE report_events_new (
			id INTEGER PRIMARY KEY,
			report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
			at INTEGER NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN
				('created', 'status', 'reply', 'comment', 'note', 'reopen', 'duplicate', 'follow', 'assigned', 'publication')),
			author_kind TEXT NOT NULL CHECK (author_kind IN ('citizen', 'staff', 'system')),
			author_name TEXT NOT NULL DEFAULT '',
			author_citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
			staff_user_id INTEGER,
			from_status TEXT NOT NULL DEFAULT '',
			to_status TEXT NOT NULL DEFAULT '',
			text TEXT NOT NULL DEFAULT '',
			photo_sha256 TEXT
		)`,
		`INSERT INTO report_events_new SELECT id, report_id, at, kind, author_kind, author_name, author_citizen_id,
			staff_user_id, from_status, to_status, text, photo_sha256 FROM report_events`,
		`DROP TABLE report_events`,
		`ALTER TABLE report_events_new RENAME TO report_events`,
		`CREATE INDEX report_events_report ON report_events(report_id, id)`,
		`CREATE INDEX report_events_citizen ON report_events(author_citizen_id) WHERE author_citizen_id IS NOT NULL`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("assignment schema: %w", err)
		}
	}
	return nil
}
