package store

import (
	"context"
	"fmt"
)

// WasteScheduleChangedAt is when a zone's calendar or the waste types
// (their names and bins) last changed, in Unix seconds; 0 when neither
// changed since the change log began. Triggers keep the log
// (migrate_waste_reminders.go), so the public calendar feed can tell a
// phone that nothing changed without trusting every editor to say so.
func (s *Store) WasteScheduleChangedAt(ctx context.Context, zoneID int64) (int64, error) {
	var at int64
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(changed_at), 0) FROM waste_schedule_changes WHERE zone_id IN (?, 0)`, zoneID).Scan(&at)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read when the calendar of zone %d changed: %w", zoneID, err)
	}
	return at, nil
}
