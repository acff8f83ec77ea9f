package store

import (
	"context"
	"fmt"
)

// forgetCitizenPosts erases what the publishing side keeps about a citizen
// who asked to be forgotten: their delivery rows (which chat received
// which post, when they acknowledged an alert) and the chat's attempts at
// linking a staff account. The rows are deleted rather than anonymised:
// the chat id is part of a delivery's key. A post keeps its recipient
// count, which names nobody.
func (s *Store) forgetCitizenPosts(ctx context.Context, citizenID, chatID int64) error {
	if _, err := s.exec(ctx, `DELETE FROM post_deliveries WHERE citizen_id = ?`, citizenID); err != nil {
		return fmt.Errorf("store: unable to erase the deliveries of citizen #%d: %w", citizenID, err)
	}
	if _, err := s.exec(ctx, `DELETE FROM staff_link_attempts WHERE chat_id = ?`, chatID); err != nil {
		return fmt.Errorf("store: unable to erase the link attempts of citizen #%d: %w", citizenID, err)
	}
	return nil
}
