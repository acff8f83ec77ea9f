package store

import (
	"context"
	"database/sql"
)

// migratePosts adds what the comune publishes: posts (news, notices,
// events, alerts) with their audience, one delivery row per recipient
// (the copy's message id, to edit an emergency in place; the citizen's
// "Ricevuto"), the website feeds that bring posts in, and the
// civil-protection capability of staff accounts. A capability rather
// than a fourth role: SQLite cannot change the role's CHECK without
// rebuilding staff_accounts, whose rebuild would cascade into every
// session; and a protezione-civile clerk is an editor who may also alert
// everyone.
func migratePosts(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`ALTER TABLE staff_accounts ADD COLUMN civil_protection INTEGER NOT NULL DEFAULT 0`,
		// The chat a clerk linked from Telegram, for "send to me".
		`ALTER TABLE staff_accounts ADD COLUMN telegram_chat_id INTEGER`,
		`CREATE TABLE feeds (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			url TEXT NOT NULL UNIQUE,
			topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
			auto_publish INTEGER NOT NULL DEFAULT 0,
			enabled INTEGER NOT NULL DEFAULT 1,
			last_polled_at INTEGER NOT NULL DEFAULT 0,
			last_ok_at INTEGER NOT NULL DEFAULT 0,
			last_error TEXT NOT NULL DEFAULT '',
			etag TEXT NOT NULL DEFAULT '',
			last_modified TEXT NOT NULL DEFAULT '',
			created_at INTEGER NOT NULL
		)`,
		`CREATE TABLE posts (
			id INTEGER PRIMARY KEY,
			kind TEXT NOT NULL CHECK (kind IN ('notizia', 'avviso', 'evento', 'allerta')),
			title TEXT NOT NULL,
			body_html TEXT NOT NULL DEFAULT '', -- sanitized to Telegram's HTML
			link TEXT NOT NULL DEFAULT '',
			media_path TEXT NOT NULL DEFAULT '', -- content-addressed, in the media folder
			media_kind TEXT NOT NULL DEFAULT '' CHECK (media_kind IN ('', 'photo', 'document')),
			media_name TEXT NOT NULL DEFAULT '',
			event_at INTEGER NOT NULL DEFAULT 0,
			event_place TEXT NOT NULL DEFAULT '',
			audience TEXT NOT NULL DEFAULT 'topics' CHECK (audience IN ('topics', 'area', 'everyone')),
			area_geojson TEXT NOT NULL DEFAULT '', -- a drawn polygon, or a circle: a Point feature with radius_m
			loudness TEXT NOT NULL DEFAULT 'auto' CHECK (loudness IN ('auto', 'loud', 'silent')),
			status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_approval', 'scheduled', 'sending', 'sent', 'cancelled')),
			publish_at INTEGER NOT NULL DEFAULT 0,
			sent_at INTEGER NOT NULL DEFAULT 0,
			update_of INTEGER REFERENCES posts(id) ON DELETE SET NULL, -- an emergency's update
			feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
			feed_guid TEXT NOT NULL DEFAULT '',
			recipients INTEGER NOT NULL DEFAULT 0,
			created_by INTEGER REFERENCES staff_accounts(id) ON DELETE SET NULL,
			created_at INTEGER NOT NULL,
			updated_at INTEGER NOT NULL
		)`,
		`CREATE INDEX posts_status_publish ON posts(status, publish_at)`,
		`CREATE INDEX posts_kind_sent ON posts(kind, sent_at)`,
		// A feed item is published once, whatever happens: the guid (or the
		// link, when a feed has none) is unique per feed.
		`CREATE UNIQUE INDEX posts_feed_item ON posts(feed_id, feed_guid) WHERE feed_id IS NOT NULL`,
		`CREATE TABLE post_topics (
			post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
			topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
			PRIMARY KEY (post_id, topic_id)
		) WITHOUT ROWID`,
		`CREATE TABLE post_zones (
			post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
			zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
			PRIMARY KEY (post_id, zone_id)
		) WITHOUT ROWID`,
		// One row per recipient, written with the outbox rows in the same
		// transaction: outbox_id follows the delivery, message_id is the
		// copy in the citizen's chat once sent.
		`CREATE TABLE post_deliveries (
			post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
			chat_id INTEGER NOT NULL,
			citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
			zone_id INTEGER REFERENCES zones(id) ON DELETE SET NULL,
			outbox_id INTEGER,
			message_id INTEGER,
			acked_at INTEGER,
			PRIMARY KEY (post_id, chat_id)
		) WITHOUT ROWID`,
		`CREATE INDEX post_deliveries_outbox ON post_deliveries(outbox_id) WHERE outbox_id IS NOT NULL`,
		`CREATE INDEX post_deliveries_citizen ON post_deliveries(citizen_id) WHERE citizen_id IS NOT NULL`,
		// Outbox rows of a post, to count and cancel a broadcast.
		`ALTER TABLE outbox ADD COLUMN post_id INTEGER`,
		`CREATE INDEX outbox_post ON outbox(post_id, status) WHERE post_id IS NOT NULL`,
	)
}
