package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrateReportSearch indexes the reports' words (number, description,
// place) for the inbox's text search: a LIKE reads every report, three
// times per page, which on 100 000 reports is most of a page's time. FTS4
// ships in the SQLite that go-sqlite3 builds; FTS5 would need a build tag
// on every build. The index keeps no copy of the text (content=reports)
// and follows the table through triggers, so /forget's anonymisation and
// any edit reach it in the same transaction.
func migrateReportSearch(ctx context.Context, tx *sql.Tx) error {
	for _, stmt := range []string{
		`CREATE VIRTUAL TABLE reports_fts USING fts4(content="reports", number, description, place_text, tokenize=unicode61 "remove_diacritics=1")`,
		`INSERT INTO reports_fts (docid, number, description, place_text) SELECT id, number, description, place_text FROM reports`,
		`CREATE TRIGGER reports_fts_before_update BEFORE UPDATE OF number, description, place_text ON reports BEGIN
			DELETE FROM reports_fts WHERE docid = old.id;
		END`,
		`CREATE TRIGGER reports_fts_after_update AFTER UPDATE OF number, description, place_text ON reports BEGIN
			INSERT INTO reports_fts (docid, number, description, place_text) VALUES (new.id, new.number, new.description, new.place_text);
		END`,
		`CREATE TRIGGER reports_fts_before_delete BEFORE DELETE ON reports BEGIN
			DELETE FROM reports_fts WHERE docid = old.id;
		END`,
		`CREATE TRIGGER reports_fts_after_insert AFTER INSERT ON reports BEGIN
			INSERT INTO reports_fts (docid, number, description, place_text) VALUES (new.id, new.number, new.description, new.place_text);
		END`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("report search index: %w", err)
		}
	}
	return nil
}
