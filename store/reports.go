package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Report statuses, as stored. Which transitions are allowed is decided in
// flows; the store records whatever it is told.
const (
	ReportNew        = "nuova"
	ReportTaken      = "presa_in_carico"
	ReportInProgress = "in_lavorazione"
	ReportResolved   = "risolta"
	ReportRejected   = "respinta"
	ReportDuplicate  = "duplicata"
)

// ReportStatuses lists every status in lifecycle order.
var ReportStatuses = []string{ReportNew, ReportTaken, ReportInProgress, ReportResolved, ReportRejected, ReportDuplicate}

// ReportClosed tells whether a status ends a report's life (until reopened).
func ReportClosed(status string) bool {
	return status == ReportResolved || status == ReportRejected || status == ReportDuplicate
}

// Report is a citizen's segnalazione.
type Report struct {
	ID             int64
	Number         string // "2026-000123": year and a per-year sequence
	CitizenID      int64  // 0 once the citizen has been forgotten
	ChatID         int64  // 0 once the citizen has been forgotten
	CategoryID     int64
	Status         string
	HasCoords      bool // Lat and Lon are meaningful
	Lat, Lon       float64
	Geolocated     bool   // the citizen shared a location (not a typed address)
	PlaceText      string // the address as typed, if any
	ZoneID         int64  // 0 when outside every zone or not located
	Description    string
	DuplicateOf    int64
	Supporters     int // citizens who added "me too"
	StaffChatID    int64
	StaffMessageID int64
	CreatedAt      int64
	UpdatedAt      int64
	ResolvedAt     int64 // when it was last closed; 0 while open
	// AssignedOfficeID and AssignedStaffID hand the report to an office
	// (instead of its category's) or a clerk; 0 when not assigned.
	AssignedOfficeID int64
	AssignedStaffID  int64
	// PublishText and PublishPhotos are staff's approval to show the
	// report's description and photos publicly; both off by default.
	PublishText   bool
	PublishPhotos bool
}

// ReportPhoto is one photo of a report, kept both as Telegram's file id and
// as a content-addressed file of our own.
type ReportPhoto struct {
	Position     int
	FileID       string
	FileUniqueID string
	SHA256       string
	MediaPath    string
	Width        int
	Height       int
	Bytes        int64
}

// NewReport is what a citizen (or staff) files.
type NewReport struct {
	CitizenID   int64 // 0 for reports filed by staff
	ChatID      int64
	AuthorName  string // for the timeline's "created" event
	CategoryID  int64
	HasCoords   bool
	Lat, Lon    float64
	Geolocated  bool
	PlaceText   string
	ZoneID      int64
	Description string
	Photos      []ReportPhoto
}

const reportColumns = `r.id, r.number, COALESCE(r.citizen_id, 0), r.chat_id, r.category_id, r.status,
	r.lat IS NOT NULL, COALESCE(r.lat, 0), COALESCE(r.lon, 0), r.geolocated, r.place_text, COALESCE(r.zone_id, 0),
	r.description, COALESCE(r.duplicate_of, 0), r.supporters, COALESCE(r.staff_chat_id, 0), COALESCE(r.staff_message_id, 0),
	r.created_at, r.updated_at, COALESCE(r.resolved_at, 0),
	COALESCE(r.assigned_office_id, 0), COALESCE(r.assigned_staff_id, 0), r.publish_text, r.publish_photos`

// scanReport reads reportColumns and then any extra columns into extra.
func scanReport(row interface{ Scan(...any) error }, extra ...any) (Report, error) {
	var r Report
	dest := append([]any{&r.ID, &r.Number, &r.CitizenID, &r.ChatID, &r.CategoryID, &r.Status,
		&r.HasCoords, &r.Lat, &r.Lon, &r.Geolocated, &r.PlaceText, &r.ZoneID,
		&r.Description, &r.DuplicateOf, &r.Supporters, &r.StaffChatID, &r.StaffMessageID,
		&r.CreatedAt, &r.UpdatedAt, &r.ResolvedAt,
		&r.AssignedOfficeID, &r.AssignedStaffID, &r.PublishText, &r.PublishPhotos}, extra...)
	err := row.Scan(dest...)
	return r, err
}

func scanReports(rows *sql.Rows) ([]Report, error) {
	defer rows.Close()
	var reports []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		reports = append(reports, r)
	}
	return reports, rows.Err()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateReport stores a new report with its photos and its "created"
// event, and gives it the next number of the current year.
func (s *Store) CreateReport(ctx context.Context, nr NewReport) (Report, error) {
	now := s.now()
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var seq int64
		if err := tx.q.QueryRowContext(ctx, `
			INSERT INTO report_sequences (year, last) VALUES (?, 1)
			ON CONFLICT (year) DO UPDATE SET last = last + 1
			RETURNING last`, now.Year()).Scan(&seq); err != nil {
			return fmt.Errorf("store: unable to number a report: %w", err)
		}
		var lat, lon any
		if nr.HasCoords {
			lat, lon = nr.Lat, nr.Lon
		}
		res, err := tx.q.ExecContext(ctx, `
			INSERT INTO reports (number, citizen_id, chat_id, category_id, lat, lon, geolocated, place_text, zone_id, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			fmt.Sprintf("%d-%06d", now.Year(), seq), nullID(nr.CitizenID), nr.ChatID, nr.CategoryID, lat, lon,
			nr.Geolocated, nr.PlaceText, nullID(nr.ZoneID), nr.Description, now.Unix(), now.Unix())
		if err != nil {
			return fmt.Errorf("store: unable to create report: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to create report: %w", err)
		}
		for i, p := range nr.Photos {
			if _, err := tx.q.ExecContext(ctx, `
				INSERT INTO report_photos (report_id, position, file_id, file_unique_id, sha256, media_path, width, height, bytes)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i+1, p.FileID, p.FileUniqueID, p.SHA256, p.MediaPath, p.Width, p.Height, p.Bytes); err != nil {
				return fmt.Errorf("store: unable to store photo %d of report %d: %w", i+1, id, err)
			}
		}
		author := Author{Kind: AuthorCitizen, Name: nr.AuthorName, CitizenID: nr.CitizenID}
		if nr.CitizenID == 0 {
			author.Kind = AuthorStaff
		}
		_, err = tx.AddReportEvent(ctx, ReportEvent{ReportID: id, Kind: EventCreated, Author: author, ToStatus: ReportNew})
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return s.ReportByID(ctx, id)
}

// ReportByID finds one report.
func (s *Store) ReportByID(ctx context.Context, id int64) (Report, error) {
	r, err := scanReport(s.q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Report{}, ErrNotFound
	}
	if err != nil {
		return Report{}, fmt.Errorf("store: unable to fetch report %d: %w", id, err)
	}
	return r, nil
}

// ReportByNumber finds a report by its human number, e.g. "2026-000123".
func (s *Store) ReportByNumber(ctx context.Context, number string) (Report, error) {
	r, err := scanReport(s.q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports r WHERE r.number = ?`, number))
	if errors.Is(err, sql.ErrNoRows) {
		return Report{}, ErrNotFound
	}
	if err != nil {
		return Report{}, fmt.Errorf("store: unable to fetch report %s: %w", number, err)
	}
	return r, nil
}

// ReportPhotos returns a report's photos in order.
func (s *Store) ReportPhotos(ctx context.Context, reportID int64) ([]ReportPhoto, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT position, file_id, file_unique_id, sha256, media_path, width, height, bytes
		FROM report_photos WHERE report_id = ? ORDER BY position`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list photos of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var photos []ReportPhoto
	for rows.Next() {
		var p ReportPhoto
		if err := rows.Scan(&p.Position, &p.FileID, &p.FileUniqueID, &p.SHA256, &p.MediaPath, &p.Width, &p.Height, &p.Bytes); err != nil {
			return nil, fmt.Errorf("store: unable to list photos of report %d: %w", reportID, err)
		}
		photos = append(photos, p)
	}
	return photos, rows.Err()
}

// SetReportStaffMessage records the report's main message in the staff
// group (the one whose buttons and status are edited) and makes replies to
// it find the report.
func (s *Store) SetReportStaffMessage(ctx context.Context, reportID, chatID, messageID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE reports SET staff_chat_id = ?, staff_message_id = ? WHERE id = ?`, chatID, messageID, reportID)
		if err != nil {
			return fmt.Errorf("store: unable to set staff message of report %d: %w", reportID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return tx.AddReportStaffMessage(ctx, reportID, chatID, messageID)
	})
}

// AddReportStaffMessage makes replies to one more group message (an album
// photo, a relayed comment) find the report.
func (s *Store) AddReportStaffMessage(ctx context.Context, reportID, chatID, messageID int64) error {
	res, err := s.exec(ctx, `INSERT OR REPLACE INTO report_staff_messages (chat_id, message_id, report_id)
		SELECT ?, ?, id FROM reports WHERE id = ?`, chatID, messageID, reportID)
	if err != nil {
		return fmt.Errorf("store: unable to record staff message %d of report %d: %w", messageID, reportID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ReportByStaffMessage finds the report a group message belongs to, so a
// staff reply reaches its citizen.
func (s *Store) ReportByStaffMessage(ctx context.Context, chatID, messageID int64) (Report, error) {
	r, err := scanReport(s.q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM report_staff_messages m
		JOIN reports r ON r.id = m.report_id WHERE m.chat_id = ? AND m.message_id = ?`, chatID, messageID))
	if errors.Is(err, sql.ErrNoRows) {
		return Report{}, ErrNotFound
	}
	if err != nil {
		return Report{}, fmt.Errorf("store: unable to fetch report of staff message %d/%d: %w", chatID, messageID, err)
	}
	return r, nil
}

// ReportsOfCitizen returns up to limit reports a citizen filed, newest first.
func (s *Store) ReportsOfCitizen(ctx context.Context, citizenID int64, limit int) ([]Report, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports r
		WHERE r.citizen_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`, citizenID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list reports of citizen #%d: %w", citizenID, err)
	}
	reports, err := scanReports(rows)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list reports of citizen #%d: %w", citizenID, err)
	}
	return reports, nil
}

// CountReportsSince counts the reports a citizen filed from the unix time
// since on, for the daily limit.
func (s *Store) CountReportsSince(ctx context.Context, citizenID, since int64) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports WHERE citizen_id = ? AND created_at >= ?`,
		citizenID, since).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count reports of citizen #%d: %w", citizenID, err)
	}
	return n, nil
}
