package store

import (
	"context"
	"database/sql"
)

// migrateWaste adds the waste-collection calendar: the types of waste, the
// rules and exceptions of each zone, and the place a citizen chose to
// save (with the time of their consent) for the calendar and area alerts.
// Dates are stored as text YYYY-MM-DD: they are calendar days, not
// instants, and must not move with time zones.
func migrateWaste(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE TABLE waste_types (
			code TEXT PRIMARY KEY,
			position INTEGER NOT NULL DEFAULT 0,
			name_it TEXT NOT NULL,
			name_en TEXT NOT NULL DEFAULT '',
			name_de TEXT NOT NULL DEFAULT '',
			bin_it TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE TABLE waste_rules (
			id INTEGER PRIMARY KEY,
			zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
			type_code TEXT NOT NULL REFERENCES waste_types(code),
			weekdays INTEGER NOT NULL DEFAULT 0, -- bit d set: collected on time.Weekday d
			every_weeks INTEGER NOT NULL DEFAULT 1,
			start_date TEXT NOT NULL DEFAULT '',
			from_date TEXT NOT NULL DEFAULT '',
			until_date TEXT NOT NULL DEFAULT '',
			dates TEXT NOT NULL DEFAULT '' -- YYYY-MM-DD separated by ;
		)`,
		`CREATE INDEX waste_rules_zone ON waste_rules(zone_id)`,
		`CREATE TABLE waste_exceptions (
			id INTEGER PRIMARY KEY,
			zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
			type_code TEXT NOT NULL DEFAULT '', -- empty: every type that day
			date TEXT NOT NULL,
			to_date TEXT NOT NULL DEFAULT '' -- empty: cancelled
		)`,
		`CREATE INDEX waste_exceptions_zone ON waste_exceptions(zone_id, date)`,
		`CREATE TABLE citizen_places (
			citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
			zone_id INTEGER REFERENCES zones(id) ON DELETE SET NULL,
			lat REAL,
			lon REAL,
			consented_at INTEGER NOT NULL
		)`,
		`CREATE INDEX citizen_places_zone ON citizen_places(zone_id)`,
		`INSERT INTO waste_types (code, position, name_it, name_en, name_de, bin_it) VALUES
			('carta', 1, 'Carta e cartone', 'Paper and cardboard', 'Papier und Karton', 'bidone blu'),
			('plastica', 2, 'Plastica e metalli', 'Plastic and metal', 'Kunststoff und Metall', 'sacco giallo'),
			('vetro', 3, 'Vetro', 'Glass', 'Glas', 'campana verde'),
			('umido', 4, 'Umido', 'Food waste', 'Biomüll', 'bidoncino marrone'),
			('secco', 5, 'Secco indifferenziato', 'Residual waste', 'Restmüll', 'bidone grigio'),
			('verde', 6, 'Verde e sfalci', 'Garden waste', 'Grünschnitt', 'sacchi o fascine'),
			('ingombranti', 7, 'Ingombranti', 'Bulky waste', 'Sperrmüll', 'su prenotazione')`,
	)
}
