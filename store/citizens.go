package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Citizen is a person who talks to the bot in a private chat.
type Citizen struct {
	ID             int64
	TelegramUserID int64
	ChatID         int64
	FirstName      string
	Language       string
	LanguageChosen bool
	Active         bool
	InactiveReason string
	CreatedAt      int64
	LastSeenAt     int64
}

const citizenColumns = `id, telegram_user_id, chat_id, first_name, language, language_chosen, active, inactive_reason, created_at, last_seen_at`

func scanCitizen(row interface{ Scan(...any) error }) (Citizen, error) {
	var c Citizen
	err := row.Scan(&c.ID, &c.TelegramUserID, &c.ChatID, &c.FirstName, &c.Language, &c.LanguageChosen, &c.Active, &c.InactiveReason, &c.CreatedAt, &c.LastSeenAt)
	return c, err
}

// CitizenSeen records that a Telegram user wrote to the bot and returns
// their record, creating it on first contact. Writing again makes an
// inactive citizen (one who had blocked the bot) active again. The language
// follows Telegram's setting until the citizen picks one with /language;
// an update that carries no language (languageKnown false) keeps the one
// stored.
func (s *Store) CitizenSeen(ctx context.Context, telegramUserID, chatID int64, firstName, language string, languageKnown bool) (Citizen, error) {
	now := s.now().Unix()
	_, err := s.exec(ctx, `
		INSERT INTO citizens (telegram_user_id, chat_id, first_name, language, created_at, last_seen_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (telegram_user_id) DO UPDATE SET
			chat_id = excluded.chat_id,
			first_name = excluded.first_name,
			language = CASE WHEN citizens.language_chosen = 1 OR ? = 0 THEN citizens.language ELSE excluded.language END,
			active = 1,
			inactive_reason = '',
			last_seen_at = excluded.last_seen_at`,
		telegramUserID, chatID, firstName, language, now, now, languageKnown)
	if err != nil {
		return Citizen{}, fmt.Errorf("store: unable to record citizen %d: %w", telegramUserID, err)
	}
	return s.CitizenByTelegramID(ctx, telegramUserID)
}

// CitizenByTelegramID finds a citizen by their Telegram user id.
func (s *Store) CitizenByTelegramID(ctx context.Context, telegramUserID int64) (Citizen, error) {
	c, err := scanCitizen(s.q.QueryRowContext(ctx, `SELECT `+citizenColumns+` FROM citizens WHERE telegram_user_id = ?`, telegramUserID))
	if errors.Is(err, sql.ErrNoRows) {
		return Citizen{}, ErrNotFound
	}
	if err != nil {
		return Citizen{}, fmt.Errorf("store: unable to fetch citizen %d: %w", telegramUserID, err)
	}
	return c, nil
}

// CitizenByChatID finds the citizen who talks to the bot in chatID.
func (s *Store) CitizenByChatID(ctx context.Context, chatID int64) (Citizen, error) {
	c, err := scanCitizen(s.q.QueryRowContext(ctx, `SELECT `+citizenColumns+` FROM citizens WHERE chat_id = ?`, chatID))
	if errors.Is(err, sql.ErrNoRows) {
		return Citizen{}, ErrNotFound
	}
	if err != nil {
		return Citizen{}, fmt.Errorf("store: unable to fetch citizen of chat %d: %w", chatID, err)
	}
	return c, nil
}

// CitizenByID finds a citizen by our id.
func (s *Store) CitizenByID(ctx context.Context, id int64) (Citizen, error) {
	c, err := scanCitizen(s.q.QueryRowContext(ctx, `SELECT `+citizenColumns+` FROM citizens WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Citizen{}, ErrNotFound
	}
	if err != nil {
		return Citizen{}, fmt.Errorf("store: unable to fetch citizen #%d: %w", id, err)
	}
	return c, nil
}

// SetCitizenLanguage stores the language a citizen chose explicitly.
func (s *Store) SetCitizenLanguage(ctx context.Context, citizenID int64, language string) error {
	if _, err := s.exec(ctx, `UPDATE citizens SET language = ?, language_chosen = 1 WHERE id = ?`, language, citizenID); err != nil {
		return fmt.Errorf("store: unable to set language of citizen #%d: %w", citizenID, err)
	}
	return nil
}

// DeactivateChat marks the citizen of a chat as unreachable (they blocked
// the bot or deleted their account): nothing more is sent until they write.
// It reports whether a citizen was affected.
func (s *Store) DeactivateChat(ctx context.Context, chatID int64, reason string) (bool, error) {
	res, err := s.exec(ctx, `UPDATE citizens SET active = 0, inactive_reason = ? WHERE chat_id = ? AND active = 1`, reason, chatID)
	if err != nil {
		return false, fmt.Errorf("store: unable to deactivate chat %d: %w", chatID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteCitizen erases a citizen and, by cascade, their subscriptions and
// conversation state. Messages still waiting for them are dropped too.
// Their reports stay, anonymised, for the town's statistics.
func (s *Store) DeleteCitizen(ctx context.Context, citizenID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		c, err := tx.CitizenByID(ctx, citizenID)
		if err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM outbox WHERE chat_id = ? AND status = 'pending'`, c.ChatID); err != nil {
			return fmt.Errorf("store: unable to drop pending messages of citizen #%d: %w", citizenID, err)
		}
		if err := tx.AnonymiseCitizenReports(ctx, citizenID); err != nil {
			return err
		}
		if err := tx.forgetCitizenPosts(ctx, citizenID, c.ChatID); err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM citizens WHERE id = ?`, citizenID); err != nil {
			return fmt.Errorf("store: unable to delete citizen #%d: %w", citizenID, err)
		}
		return nil
	})
}

// CountCitizens returns how many citizens there are and how many are active.
func (s *Store) CountCitizens(ctx context.Context) (total, active int, err error) {
	err = s.q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(active), 0) FROM citizens`).Scan(&total, &active)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to count citizens: %w", err)
	}
	return total, active, nil
}
