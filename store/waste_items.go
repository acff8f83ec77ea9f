package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// WasteItem is an entry of the "Dove lo butto?" dictionary as stored;
// flows/waste does the matching.
type WasteItem struct {
	ID        int64
	Name      string
	Aliases   []string
	TypeCode  string
	Note      string
	Position  int
	UpdatedAt int64
}

// Limits of what a clerk may write: a name and its aliases are what a
// citizen types, a note fits in a chat message with room to spare.
const (
	maxWasteItemName = 100
	maxWasteItemNote = 500
)

var (
	// ErrWasteItemName: a name is needed, of at most 100 characters.
	ErrWasteItemName = errors.New("store: a waste item needs a name of at most 100 characters")
	// ErrWasteItemNameTaken: names are unique, letters' case aside.
	ErrWasteItemNameTaken = errors.New("store: another waste item has this name")
	// ErrWasteItemAlias: aliases are kept separated by ";", so none may
	// contain one, and each is at most 100 characters.
	ErrWasteItemAlias = errors.New("store: an alias is longer than 100 characters or contains ;")
	// ErrWasteItemNote: a note is at most 500 characters.
	ErrWasteItemNote = errors.New("store: the note is longer than 500 characters")
	// ErrUnknownWasteType: the type code is not one of waste_types.
	ErrUnknownWasteType = errors.New("store: no such waste type")
)

// WasteItems lists the dictionary in its order.
func (s *Store) WasteItems(ctx context.Context) ([]WasteItem, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, aliases, type_code, note, position, updated_at
		FROM waste_items ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list waste items: %w", err)
	}
	defer rows.Close()
	var out []WasteItem
	for rows.Next() {
		it, err := scanWasteItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list waste items: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// WasteItemByID returns one item, or ErrNotFound.
func (s *Store) WasteItemByID(ctx context.Context, id int64) (WasteItem, error) {
	row := s.q.QueryRowContext(ctx, `SELECT id, name, aliases, type_code, note, position, updated_at
		FROM waste_items WHERE id = ?`, id)
	it, err := scanWasteItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return WasteItem{}, ErrNotFound
	}
	if err != nil {
		return WasteItem{}, fmt.Errorf("store: unable to read waste item %d: %w", id, err)
	}
	return it, nil
}

// WasteItemsVersion changes whenever any item is added, changed or
// deleted: a cheap question that tells whether a prepared copy of the
// dictionary is still good.
func (s *Store) WasteItemsVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.q.QueryRowContext(ctx, `SELECT version FROM waste_items_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: unable to read the waste dictionary's version: %w", err)
	}
	return v, nil
}

// SaveWasteItem adds it (ID 0) or changes the item of its ID (ErrNotFound
// when there is none). A zero Position puts a new item at the end and
// leaves an existing one where it is.
func (s *Store) SaveWasteItem(ctx context.Context, it WasteItem) (WasteItem, error) {
	id := it.ID
	err := s.InTx(ctx, func(tx *Store) error {
		var old WasteItem
		if it.ID != 0 {
			var err error
			if old, err = tx.WasteItemByID(ctx, it.ID); err != nil {
				return err
			}
		}
		if err := tx.checkWasteItem(ctx, &it); err != nil {
			return err
		}
		if it.ID == 0 {
			if it.Position <= 0 {
				if err := tx.q.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM waste_items`).Scan(&it.Position); err != nil {
					return fmt.Errorf("store: unable to place waste item %q: %w", it.Name, err)
				}
			}
			var err error
			id, err = insertWasteItem(ctx, tx.q, it, it.Position, tx.now().Unix())
			return err
		}
		if it.Position <= 0 {
			it.Position = old.Position
		}
		_, err := tx.q.ExecContext(ctx, `UPDATE waste_items SET name = ?, aliases = ?, type_code = ?, note = ?, position = ?, updated_at = ?
			WHERE id = ?`, it.Name, strings.Join(it.Aliases, ";"), it.TypeCode, it.Note, it.Position, tx.now().Unix(), it.ID)
		if err != nil {
			return fmt.Errorf("store: unable to save waste item %d: %w", it.ID, err)
		}
		return nil
	})
	if err != nil {
		return WasteItem{}, err
	}
	return s.WasteItemByID(ctx, id)
}

// DeleteWasteItem removes an item, or says ErrNotFound.
func (s *Store) DeleteWasteItem(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM waste_items WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: unable to delete waste item %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: unable to delete waste item %d: %w", id, err)
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// ReplaceWasteItems swaps the whole dictionary for items, in their order,
// as an import does: on any error, the old one stays. The starter
// dictionary is not seeded after it (SeedWasteItems).
func (s *Store) ReplaceWasteItems(ctx context.Context, items []WasteItem) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM waste_items`); err != nil {
			return fmt.Errorf("store: unable to clear the waste dictionary: %w", err)
		}
		now := tx.now().Unix()
		for i, it := range items {
			it.ID = 0
			if err := tx.checkWasteItem(ctx, &it); err != nil {
				return fmt.Errorf("item %d: %w", i+1, err)
			}
			if _, err := insertWasteItem(ctx, tx.q, it, i+1, now); err != nil {
				return fmt.Errorf("item %d: %w", i+1, err)
			}
		}
		// A dictionary staff chose is never overwritten by the starter one.
		return tx.SetSetting(ctx, settingWasteItemsSeeded, "1")
	})
}

// checkWasteItem tidies it (spaces, empty and repeated aliases) and says
// what a clerk must fix, if anything.
func (s *Store) checkWasteItem(ctx context.Context, it *WasteItem) error {
	it.Name, it.TypeCode, it.Note = strings.TrimSpace(it.Name), strings.TrimSpace(it.TypeCode), strings.TrimSpace(it.Note)
	if it.Name == "" || utf8.RuneCountInString(it.Name) > maxWasteItemName {
		return fmt.Errorf("%w: %q", ErrWasteItemName, it.Name)
	}
	var aliases []string
	for _, a := range it.Aliases {
		a = strings.TrimSpace(a)
		if strings.Contains(a, ";") || utf8.RuneCountInString(a) > maxWasteItemName {
			return fmt.Errorf("%w: %q", ErrWasteItemAlias, a)
		}
		if a != "" && !containsFold(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	it.Aliases = aliases
	if utf8.RuneCountInString(it.Note) > maxWasteItemNote {
		return fmt.Errorf("%w: %q", ErrWasteItemNote, it.Name)
	}
	var typeKnown, nameTaken bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM waste_types WHERE code = ?),
		EXISTS (SELECT 1 FROM waste_items WHERE name = ? AND id <> ?)`, it.TypeCode, it.Name, it.ID).Scan(&typeKnown, &nameTaken)
	if err != nil {
		return fmt.Errorf("store: unable to check waste item %q: %w", it.Name, err)
	}
	if !typeKnown {
		return fmt.Errorf("%w: %q", ErrUnknownWasteType, it.TypeCode)
	}
	if nameTaken {
		return fmt.Errorf("%w: %q", ErrWasteItemNameTaken, it.Name)
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// insertWasteItem is shared by the editor and the migration that seeds
// the starter dictionary.
func insertWasteItem(ctx context.Context, q querier, it WasteItem, position int, now int64) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO waste_items (name, aliases, type_code, note, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		it.Name, strings.Join(it.Aliases, ";"), it.TypeCode, it.Note, position, now)
	if err != nil {
		return 0, fmt.Errorf("store: unable to add waste item %q: %w", it.Name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: unable to add waste item %q: %w", it.Name, err)
	}
	return id, nil
}

func scanWasteItem(row interface{ Scan(...any) error }) (WasteItem, error) {
	var it WasteItem
	var aliases string
	if err := row.Scan(&it.ID, &it.Name, &aliases, &it.TypeCode, &it.Note, &it.Position, &it.UpdatedAt); err != nil {
		return WasteItem{}, err
	}
	if aliases != "" {
		it.Aliases = strings.Split(aliases, ";")
	}
	return it, nil
}
