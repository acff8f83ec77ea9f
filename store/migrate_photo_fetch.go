package store

import (
	"context"
	"database/sql"
)

// migratePhotoFetch adds what the media fetcher needs to download report
// photos from Telegram into our own folder: attempts and a next try for
// backoff, and a failed mark so that a photo Telegram no longer has (or
// that is not an image) stops being tried.
func migratePhotoFetch(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`ALTER TABLE report_photos ADD COLUMN fetch_attempts INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE report_photos ADD COLUMN fetch_not_before_ms INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE report_photos ADD COLUMN fetch_failed INTEGER NOT NULL DEFAULT 0`,
		// No index of its own: report_photos_sha256 finds the photos with
		// no hash yet, the few still to fetch or given up.
		`ALTER TABLE report_photos ADD COLUMN fetch_error TEXT NOT NULL DEFAULT ''`,
	)
}
