package store

import (
	"context"
	"database/sql"
)

// migrateOutboxHeads indexes each chat's pending messages in order, so the
// sender can ask for the next message of every chat: a long queue for one
// chat (the staff group, held to 20 messages a minute) must not hide the
// replies waiting for everyone else.
func migrateOutboxHeads(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE INDEX outbox_chat_pending ON outbox(chat_id, id) WHERE status = 'pending'`,
	)
}
