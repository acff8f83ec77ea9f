package store

import (
	"context"
	"database/sql"
)

func migrateReports(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE TABLE offices (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL UNIQUE,
			email TEXT NOT NULL DEFAULT ''
		)`,
		// Categories have two levels like topics. Internal ones
		// (open_to_citizens = 0) are for reports staff file themselves.
		`CREATE TABLE categories (
			id INTEGER PRIMARY KEY,
			parent_id INTEGER REFERENCES categories(id) ON DELETE CASCADE,
			slug TEXT NOT NULL UNIQUE,
			position INTEGER NOT NULL DEFAULT 0,
			name_it TEXT NOT NULL,
			name_en TEXT NOT NULL DEFAULT '',
			name_de TEXT NOT NULL DEFAULT '',
			office_id INTEGER REFERENCES offices(id) ON DELETE SET NULL,
			open_to_citizens INTEGER NOT NULL DEFAULT 1,
			service_days INTEGER NOT NULL DEFAULT 30,
			created_at INTEGER NOT NULL
		)`,
		`CREATE INDEX categories_parent ON categories(parent_id, position)`,
		`CREATE INDEX categories_office ON categories(office_id)`,
		// Zones are kept by (kind, name) so that uploading a new file keeps
		// the ids, and the zone of past reports, of zones that stay.
		`CREATE TABLE zones (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN ('zone', 'boundary')),
			geojson TEXT NOT NULL,
			updated_at INTEGER NOT NULL,
			UNIQUE (kind, name)
		)`,
		// One counter per year: the number is taken in the transaction that
		// inserts the report, so a rollback gives it back (no gaps) and the
		// write lock makes it unique.
		`CREATE TABLE report_sequences (
			year INTEGER PRIMARY KEY,
			last INTEGER NOT NULL
		)`,
		// citizen_id and chat_id are emptied when the citizen asks to be
		// forgotten; the report stays for the town's statistics.
		`CREATE TABLE reports (
			id INTEGER PRIMARY KEY,
			number TEXT NOT NULL UNIQUE,
			citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
			chat_id INTEGER NOT NULL DEFAULT 0,
			category_id INTEGER NOT NULL REFERENCES categories(id),
			status TEXT NOT NULL DEFAULT 'nuova' CHECK (status IN
				('nuova', 'presa_in_carico', 'in_lavorazione', 'risolta', 'respinta', 'duplicata')),
			lat REAL,
			lon REAL,
			geolocated INTEGER NOT NULL DEFAULT 0,
			place_text TEXT NOT NULL DEFAULT '',
			zone_id INTEGER REFERENCES zones(id) ON DELETE SET NULL,
			description TEXT NOT NULL,
			duplicate_of INTEGER REFERENCES reports(id) ON DELETE SET NULL,
			supporters INTEGER NOT NULL DEFAULT 0,
			staff_chat_id INTEGER,
			staff_message_id INTEGER,
			created_at INTEGER NOT NULL,
			updated_at INTEGER NOT NULL,
			resolved_at INTEGER
		)`,
		`CREATE INDEX reports_created ON reports(created_at)`,
		`CREATE INDEX reports_status_created ON reports(status, created_at)`,
		// Serves a category alone, a category with statuses (the inbox) and
		// the prefilter of "same category, open, nearby, recent".
		`CREATE INDEX reports_category_status_created ON reports(category_id, status, created_at)`,
		`CREATE INDEX reports_zone_created ON reports(zone_id, created_at)`,
		`CREATE INDEX reports_citizen_created ON reports(citizen_id, created_at)`,
		// Every group message of a report (the forward, its album, later
		// relays), so that a reply to any of them finds the report.
		`CREATE TABLE report_staff_messages (
			chat_id INTEGER NOT NULL,
			message_id INTEGER NOT NULL,
			report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
			PRIMARY KEY (chat_id, message_id)
		) WITHOUT ROWID`,
		`CREATE INDEX report_staff_messages_report ON report_staff_messages(report_id)`,
		`CREATE TABLE report_photos (
			report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			file_id TEXT NOT NULL,
			file_unique_id TEXT NOT NULL DEFAULT '',
			sha256 TEXT NOT NULL DEFAULT '',
			media_path TEXT NOT NULL DEFAULT '',
			width INTEGER NOT NULL DEFAULT 0,
			height INTEGER NOT NULL DEFAULT 0,
			bytes INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (report_id, position)
		) WITHOUT ROWID`,
		`CREATE INDEX report_photos_sha256 ON report_photos(sha256)`,
		// The timeline. author_citizen_id lets /forget find and blank the
		// citizen's own entries.
		`CREATE TABLE report_events (
			id INTEGER PRIMARY KEY,
			report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
			at INTEGER NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN
				('created', 'status', 'reply', 'comment', 'note', 'reopen', 'duplicate', 'follow')),
			author_kind TEXT NOT NULL CHECK (author_kind IN ('citizen', 'staff', 'system')),
			author_name TEXT NOT NULL DEFAULT '',
			author_citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
			staff_user_id INTEGER,
			from_status TEXT NOT NULL DEFAULT '',
			to_status TEXT NOT NULL DEFAULT '',
			text TEXT NOT NULL DEFAULT '',
			photo_sha256 TEXT
		)`,
		`CREATE INDEX report_events_report ON report_events(report_id, id)`,
		`CREATE INDEX report_events_citizen ON report_events(author_citizen_id) WHERE author_citizen_id IS NOT NULL`,
		`CREATE TABLE report_followers (
			report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
			citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
			since INTEGER NOT NULL,
			PRIMARY KEY (report_id, citizen_id)
		) WITHOUT ROWID`,
		`CREATE INDEX report_followers_citizen ON report_followers(citizen_id)`,
	)
}
