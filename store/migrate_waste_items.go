package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrateWasteItems adds the "Dove lo butto?" dictionary (empty: flows
// seeds it once with its starter items, see SeedWasteItems, because the
// store imports nothing of ours) and the waste types those items need
// beyond the ones collected door to door: they go to shops, pharmacies,
// street containers or the centro di raccolta.
//
// waste_items_version changes with every write to waste_items (triggers
// keep it, whichever road the write takes), so the bot rebuilds its
// prepared dictionary only when the items changed. It starts from a random
// number: two databases never share a version by chance.
func migrateWasteItems(ctx context.Context, tx *sql.Tx) error {
	statements := []string{
		`INSERT INTO waste_types (code, position, name_it, name_en, name_de, bin_it) VALUES
			('raee', 8, 'RAEE (apparecchi elettrici ed elettronici)', 'Electrical and electronic waste', 'Elektro- und Elektronikschrott', 'centro di raccolta o negozio di elettronica'),
			('pile', 9, 'Pile e batterie', 'Batteries', 'Batterien', 'contenitori per pile nei negozi'),
			('farmaci', 10, 'Farmaci scaduti', 'Expired medicines', 'Abgelaufene Medikamente', 'contenitori nelle farmacie'),
			('oli', 11, 'Oli usati', 'Used oil', 'Altöl', 'centro di raccolta'),
			('tessili', 12, 'Abiti e tessili', 'Clothes and textiles', 'Altkleider und Textilien', 'contenitori per abiti usati'),
			('pericolosi', 13, 'Rifiuti pericolosi', 'Hazardous waste', 'Problemstoffe', 'centro di raccolta'),
			('ecocentro', 14, 'Centro di raccolta', 'Recycling centre', 'Wertstoffhof', 'centro di raccolta')
			ON CONFLICT (code) DO NOTHING`,
		`CREATE TABLE waste_items (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL COLLATE NOCASE UNIQUE,
			aliases TEXT NOT NULL DEFAULT '', -- separated by ;
			type_code TEXT NOT NULL REFERENCES waste_types(code),
			note TEXT NOT NULL DEFAULT '',
			position INTEGER NOT NULL DEFAULT 0,
			updated_at INTEGER NOT NULL
		)`,
		`CREATE INDEX waste_items_position ON waste_items(position, id)`,
		`CREATE TABLE waste_items_version (version INTEGER NOT NULL)`,
		`INSERT INTO waste_items_version (version) VALUES (random() & 281474976710655)`,
	}
	for _, event := range []string{"insert", "update", "delete"} {
		statements = append(statements, fmt.Sprintf(
			`CREATE TRIGGER waste_items_changed_%s AFTER %s ON waste_items BEGIN UPDATE waste_items_version SET version = version + 1; END`,
			event, event))
	}
	restoreStamp, err := keepTypesChangeStamp(ctx, tx)
	if err != nil {
		return err
	}
	if err := execAll(ctx, tx, statements...); err != nil {
		return err
	}
	return restoreStamp()
}

// keepTypesChangeStamp remembers when the waste types last changed for
// the calendar feeds (waste_schedule_changes, zone 0) and returns what
// puts that stamp back. The types added here are in no zone's calendar
// yet, so no feed changed and no phone should be told to reload.
func keepTypesChangeStamp(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'waste_schedule_changes')`).Scan(&exists); err != nil {
		return nil, fmt.Errorf("unable to look for waste_schedule_changes: %w", err)
	}
	if !exists {
		return func() error { return nil }, nil
	}
	var at sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT changed_at FROM waste_schedule_changes WHERE zone_id = 0`).Scan(&at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("unable to read when the waste types changed: %w", err)
	}
	return func() error {
		if at.Valid {
			_, err = tx.ExecContext(ctx, `UPDATE waste_schedule_changes SET changed_at = ? WHERE zone_id = 0`, at.Int64)
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM waste_schedule_changes WHERE zone_id = 0`)
		}
		if err != nil {
			return fmt.Errorf("unable to keep when the waste types changed: %w", err)
		}
		return nil
	}, nil
}
