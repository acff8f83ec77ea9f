package store

import (
	"context"
	"fmt"
)

// More kinds of timeline events.
const (
	EventAssigned    = "assigned"    // handed to an office or a clerk
	EventPublication = "publication" // text or photos approved for publishing
)

// AssignReport hands a report to an office and/or a clerk (0 clears
// either) and records it in the timeline, with text saying to whom as the
// caller words it.
func (s *Store) AssignReport(ctx context.Context, id, officeID, staffID int64, author Author, text string) (Report, error) {
	var changed Report
	err := s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE reports SET assigned_office_id = ?, assigned_staff_id = ? WHERE id = ?`,
			nullID(officeID), nullID(staffID), id)
		if err != nil {
			return fmt.Errorf("store: unable to assign report %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.AddReportEvent(ctx, ReportEvent{ReportID: id, Kind: EventAssigned, Author: author, Text: text}); err != nil {
			return err
		}
		changed, err = tx.ReportByID(ctx, id)
		return err
	})
	return changed, err
}

// SetReportPublication records staff's approval of a report's text and of
// its photos for publication, each on its own, in the timeline.
func (s *Store) SetReportPublication(ctx context.Context, id int64, text, photos bool, author Author, note string) (Report, error) {
	var changed Report
	err := s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE reports SET publish_text = ?, publish_photos = ? WHERE id = ?`, text, photos, id)
		if err != nil {
			return fmt.Errorf("store: unable to set publication of report %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.AddReportEvent(ctx, ReportEvent{ReportID: id, Kind: EventPublication, Author: author, Text: note}); err != nil {
			return err
		}
		changed, err = tx.ReportByID(ctx, id)
		return err
	})
	return changed, err
}
