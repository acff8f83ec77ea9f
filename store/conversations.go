package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Conversation is where a citizen stands in a multi-step flow. Data is the
// flow's own JSON; the store does not look inside.
type Conversation struct {
	CitizenID int64
	Flow      string
	Step      string
	Data      []byte
	UpdatedAt int64
}

// ConversationOf returns the citizen's open conversation or ErrNotFound.
func (s *Store) ConversationOf(ctx context.Context, citizenID int64) (Conversation, error) {
	c := Conversation{CitizenID: citizenID}
	err := s.q.QueryRowContext(ctx, `SELECT flow, step, data, updated_at FROM conversations WHERE citizen_id = ?`, citizenID).
		Scan(&c.Flow, &c.Step, &c.Data, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, ErrNotFound
	}
	if err != nil {
		return Conversation{}, fmt.Errorf("store: unable to fetch conversation of citizen #%d: %w", citizenID, err)
	}
	return c, nil
}

// SaveConversation stores the citizen's position in a flow.
func (s *Store) SaveConversation(ctx context.Context, c Conversation) error {
	if len(c.Data) == 0 {
		c.Data = []byte("{}")
	}
	_, err := s.exec(ctx, `
		INSERT INTO conversations (citizen_id, flow, step, data, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (citizen_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data, updated_at = excluded.updated_at`,
		c.CitizenID, c.Flow, c.Step, c.Data, s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: unable to save conversation of citizen #%d: %w", c.CitizenID, err)
	}
	return nil
}

// EndConversation forgets the citizen's position in any flow.
func (s *Store) EndConversation(ctx context.Context, citizenID int64) error {
	if _, err := s.exec(ctx, `DELETE FROM conversations WHERE citizen_id = ?`, citizenID); err != nil {
		return fmt.Errorf("store: unable to end conversation of citizen #%d: %w", citizenID, err)
	}
	return nil
}
