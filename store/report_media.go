package store

import (
	"context"
	"fmt"
)

// PhotoToFetch is a report photo known only by its Telegram file id, that
// the media fetcher should download into our own folder.
type PhotoToFetch struct {
	ReportID int64
	Position int
	FileID   string
	Attempts int // failed attempts so far
}

// StoredMedia is a photo once in our media folder: Path is relative to it.
type StoredMedia struct {
	SHA256        string
	Path          string
	Bytes         int64
	Width, Height int
}

// PhotoFetchState is how fetching one photo went, for the admin and tests.
type PhotoFetchState struct {
	Position int
	Stored   bool // SHA256 and MediaPath of the photo are set
	Failed   bool // given up: the photo will never be stored
	Attempts int
	Error    string // the last failure
}

// PhotosToFetch returns up to limit photos not yet stored nor given up
// whose next try is due at nowMs, oldest reports first.
func (s *Store) PhotosToFetch(ctx context.Context, nowMs int64, limit int) ([]PhotoToFetch, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT report_id, position, file_id, fetch_attempts FROM report_photos
		WHERE sha256 = '' AND fetch_failed = 0 AND fetch_not_before_ms <= ?
		ORDER BY report_id, position LIMIT ?`, nowMs, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list photos to fetch: %w", err)
	}
	defer rows.Close()
	var photos []PhotoToFetch
	for rows.Next() {
		var p PhotoToFetch
		if err := rows.Scan(&p.ReportID, &p.Position, &p.FileID, &p.Attempts); err != nil {
			return nil, fmt.Errorf("store: unable to list photos to fetch: %w", err)
		}
		photos = append(photos, p)
	}
	return photos, rows.Err()
}

// NextPhotoFetchMs is when the next photo waiting for a retry after
// afterMs becomes due (unix ms), or 0 when none waits.
func (s *Store) NextPhotoFetchMs(ctx context.Context, afterMs int64) (int64, error) {
	var next int64
	if err := s.q.QueryRowContext(ctx, `
		SELECT COALESCE(MIN(fetch_not_before_ms), 0) FROM report_photos
		WHERE sha256 = '' AND fetch_failed = 0 AND fetch_not_before_ms > ?`, afterMs).Scan(&next); err != nil {
		return 0, fmt.Errorf("store: unable to read the next photo fetch: %w", err)
	}
	return next, nil
}

// SetPhotoStored records that a photo is in the media folder.
func (s *Store) SetPhotoStored(ctx context.Context, reportID int64, position int, m StoredMedia) error {
	if m.SHA256 == "" {
		return fmt.Errorf("store: photo %d of report %d stored without a hash", position, reportID)
	}
	res, err := s.exec(ctx, `
		UPDATE report_photos SET sha256 = ?, media_path = ?, bytes = ?, width = ?, height = ?,
			fetch_failed = 0, fetch_error = ''
		WHERE report_id = ? AND position = ?`,
		m.SHA256, m.Path, m.Bytes, m.Width, m.Height, reportID, position)
	if err != nil {
		return fmt.Errorf("store: unable to record photo %d of report %d: %w", position, reportID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// RecordPhotoFetchFailure counts a failed attempt: the photo is tried again
// from retryAtMs on, or never again when final.
func (s *Store) RecordPhotoFetchFailure(ctx context.Context, reportID int64, position int, cause string, retryAtMs int64, final bool) error {
	res, err := s.exec(ctx, `
		UPDATE report_photos SET fetch_attempts = fetch_attempts + 1, fetch_not_before_ms = ?,
			fetch_failed = ?, fetch_error = ?
		WHERE report_id = ? AND position = ? AND sha256 = ''`,
		retryAtMs, boolInt(final), cause, reportID, position)
	if err != nil {
		return fmt.Errorf("store: unable to record failed fetch of photo %d of report %d: %w", position, reportID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// PhotoFetchStates tells, for each photo of a report, how fetching it went.
func (s *Store) PhotoFetchStates(ctx context.Context, reportID int64) ([]PhotoFetchState, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT position, sha256 != '', fetch_failed, fetch_attempts, fetch_error
		FROM report_photos WHERE report_id = ? ORDER BY position`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read photo fetches of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var states []PhotoFetchState
	for rows.Next() {
		var st PhotoFetchState
		if err := rows.Scan(&st.Position, &st.Stored, &st.Failed, &st.Attempts, &st.Error); err != nil {
			return nil, fmt.Errorf("store: unable to read photo fetches of report %d: %w", reportID, err)
		}
		states = append(states, st)
	}
	return states, rows.Err()
}
