package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrations are applied in order, each in its own transaction; the number
// of applied ones is the schema version kept in the database. Never edit a
// migration that has shipped: append a new one.
var migrations = []func(ctx context.Context, tx *sql.Tx) error{
	migrateCitizensTopicsInboxOutbox,
	seedStarterTopics,
	migrateReports,
	seedDemoCategories,
	migratePhotoFetch,
	migrateMailOutbox,
	migrateOutboxHeads,
	migrateStaff,
	migrateWaste,
	migrateAssignment,
	migrateReportSearch,
	migrateWasteReminders,
	migrateWasteItems,
	migratePosts,
	migrateStaffLink,
	migrateWasteBins,
}

// SchemaVersion is the version a fully migrated database has.
func SchemaVersion() int { return len(migrations) }

// Migrate applies the migrations the database lacks and returns how many
// it applied. Each migration reads the version and applies the next step
// in one write transaction, so two processes migrating the same file at
// once (serve starting while an operator runs migrate) never apply a step
// twice.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return 0, fmt.Errorf("store: unable to create schema_version: %w", err)
	}
	applied := 0
	for {
		done, err := s.migrateOneStep(ctx)
		if err != nil || done {
			return applied, err
		}
		applied++
	}
}

// migrateOneStep applies the next missing migration, reporting done when
// there is none.
func (s *Store) migrateOneStep(ctx context.Context) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: unable to begin migration: %w", err)
	}
	defer func() {
		if err != nil || done {
			_ = tx.Rollback()
		}
	}()
	var version int
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version); {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return false, fmt.Errorf("store: unable to initialise schema_version: %w", err)
		}
	case err != nil:
		return false, fmt.Errorf("store: unable to read schema version: %w", err)
	}
	if version > len(migrations) {
		return false, fmt.Errorf("store: database schema version %d is newer than this program (%d): upgrade campanile", version, len(migrations))
	}
	if version == len(migrations) {
		return true, nil
	}
	if err := migrations[version](ctx, tx); err != nil {
		return false, fmt.Errorf("store: migration %d failed: %w", version+1, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, version+1); err != nil {
		return false, fmt.Errorf("store: unable to record migration %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: unable to commit migration %d: %w", version+1, err)
	}
	return false, nil
}

func execAll(ctx context.Context, tx *sql.Tx, statements ...string) error {
	for _, stmt := range statements {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w in %.60q", err, stmt)
		}
	}
	return nil
}

func migrateCitizensTopicsInboxOutbox(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		// A citizen is a Telegram user who wrote to the bot. We keep only
		// what the conversation needs: the chat, a first name to greet them,
		// the language. language_chosen tells whether they picked it with
		// /language (then it wins over Telegram's language_code).
		`CREATE TABLE citizens (
			id INTEGER PRIMARY KEY,
			telegram_user_id INTEGER NOT NULL UNIQUE,
			chat_id INTEGER NOT NULL UNIQUE,
			first_name TEXT NOT NULL DEFAULT '',
			language TEXT NOT NULL DEFAULT 'it',
			language_chosen INTEGER NOT NULL DEFAULT 0,
			active INTEGER NOT NULL DEFAULT 1,
			inactive_reason TEXT NOT NULL DEFAULT '',
			created_at INTEGER NOT NULL,
			last_seen_at INTEGER NOT NULL
		)`,
		`CREATE TABLE topics (
			id INTEGER PRIMARY KEY,
			parent_id INTEGER REFERENCES topics(id) ON DELETE CASCADE,
			slug TEXT NOT NULL UNIQUE,
			position INTEGER NOT NULL DEFAULT 0,
			name_it TEXT NOT NULL,
			name_en TEXT NOT NULL DEFAULT '',
			name_de TEXT NOT NULL DEFAULT '',
			created_at INTEGER NOT NULL
		)`,
		`CREATE INDEX topics_parent ON topics(parent_id, position)`,
		// One row per consent given: created_at is when the citizen opted in.
		`CREATE TABLE subscriptions (
			citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
			topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
			created_at INTEGER NOT NULL,
			PRIMARY KEY (citizen_id, topic_id)
		) WITHOUT ROWID`,
		`CREATE INDEX subscriptions_topic ON subscriptions(topic_id)`,
		`CREATE TABLE conversations (
			citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
			flow TEXT NOT NULL,
			step TEXT NOT NULL,
			data TEXT NOT NULL DEFAULT '{}',
			updated_at INTEGER NOT NULL
		)`,
		// The inbox makes update handling exactly-once: an update is written
		// here before Telegram is told we have it, and marked handled in the
		// same transaction as its effects. The payload is cleared once
		// handled; the id stays a while to recognise redeliveries.
		`CREATE TABLE updates (
			update_id INTEGER PRIMARY KEY,
			chat_id INTEGER NOT NULL,
			payload BLOB,
			received_at INTEGER NOT NULL,
			handled_at INTEGER
		)`,
		`CREATE INDEX updates_pending ON updates(update_id) WHERE handled_at IS NULL`,
		// The outbox is the one road out: every message, reply or broadcast,
		// is a row here until the sender has delivered it.
		`CREATE TABLE outbox (
			id INTEGER PRIMARY KEY,
			chat_id INTEGER NOT NULL,
			priority INTEGER NOT NULL,
			payload BLOB NOT NULL,
			status TEXT NOT NULL DEFAULT 'pending',
			attempts INTEGER NOT NULL DEFAULT 0,
			not_before_ms INTEGER NOT NULL DEFAULT 0,
			created_at INTEGER NOT NULL,
			finished_at INTEGER,
			message_id INTEGER,
			last_error TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX outbox_pending ON outbox(priority, id) WHERE status = 'pending'`,
		`CREATE INDEX outbox_chat ON outbox(chat_id)`,
		`CREATE TABLE settings (
			key TEXT PRIMARY KEY,
			value TEXT NOT NULL
		)`,
	)
}
