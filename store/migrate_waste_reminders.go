package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrateWasteReminders adds what the evening waste reminders and the
// public calendar feed need.
//
// waste_reminder_runs has one row per evening whose reminders went out,
// written in the same transaction as the messages: an evening is sent
// exactly once, even across a crash or a restart the same evening.
//
// waste_schedule_changes remembers when each zone's calendar (zone_id 0:
// the waste types, their names and bins) last changed, so the calendar
// feed can answer a phone's If-Modified-Since truthfully. Triggers keep it,
// so every road that edits a calendar (an import, the admin, a script on
// the file) is seen without each one having to remember.
func migrateWasteReminders(ctx context.Context, tx *sql.Tx) error {
	const stamp = `INSERT INTO waste_schedule_changes (zone_id, changed_at) VALUES (%s, CAST(strftime('%%s', 'now') AS INTEGER))
		ON CONFLICT (zone_id) DO UPDATE SET changed_at = excluded.changed_at`
	statements := []string{
		`CREATE TABLE waste_reminder_runs (
			evening TEXT PRIMARY KEY, -- YYYY-MM-DD in Europe/Rome; the reminders are for the day after
			started_at INTEGER NOT NULL,
			messages INTEGER NOT NULL DEFAULT 0
		)`,
		`CREATE TABLE waste_schedule_changes (
			zone_id INTEGER PRIMARY KEY, -- 0: the waste types
			changed_at INTEGER NOT NULL
		)`,
	}
	for _, t := range []struct{ table, zone string }{
		{"waste_rules", "zone_id"}, {"waste_exceptions", "zone_id"}, {"waste_types", "0"},
	} {
		for _, event := range []string{"INSERT", "UPDATE", "DELETE"} {
			row := "NEW"
			if event == "DELETE" {
				row = "OLD"
			}
			zone := t.zone
			if zone != "0" {
				zone = row + "." + zone
			}
			statements = append(statements, fmt.Sprintf(`CREATE TRIGGER %s_changed_%s AFTER %s ON %s BEGIN %s; END`,
				t.table, strings.ToLower(event), event, t.table, fmt.Sprintf(stamp, zone)))
		}
	}
	return execAll(ctx, tx, statements...)
}
