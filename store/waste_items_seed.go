package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// settingWasteItemsSeeded records that the starter dictionary went in
// once: a comune that later empties its dictionary keeps it empty.
const settingWasteItemsSeeded = "waste.items_seeded"

// SeedWasteItems adds items to the dictionary the first time it is called
// on a database, after whatever staff already wrote (an item of the same
// name is theirs and stays as they wrote it), and does nothing ever after
// (nor after a whole dictionary was imported); it reports whether it
// wrote.
func (s *Store) SeedWasteItems(ctx context.Context, items []WasteItem) (bool, error) {
	seeded := false
	err := s.InTx(ctx, func(tx *Store) error {
		switch _, err := tx.Setting(ctx, settingWasteItemsSeeded); {
		case err == nil:
			return nil // seeded or imported before
		case !errors.Is(err, ErrNotFound):
			return err
		}
		existing, err := tx.WasteItems(ctx)
		if err != nil {
			return err
		}
		taken := make(map[string]bool, len(existing))
		position := 0
		for _, it := range existing {
			taken[foldName(it.Name)] = true
			position = max(position, it.Position)
		}
		now := tx.now().Unix()
		for i, it := range items {
			if taken[foldName(it.Name)] {
				continue
			}
			it.ID = 0
			if err := tx.checkWasteItem(ctx, &it); err != nil {
				return fmt.Errorf("store: starter waste item %d: %w", i+1, err)
			}
			position++
			if _, err := insertWasteItem(ctx, tx.q, it, position, now); err != nil {
				return err
			}
		}
		seeded = true
		return tx.SetSetting(ctx, settingWasteItemsSeeded, "1")
	})
	if err != nil {
		return false, fmt.Errorf("store: unable to seed the waste dictionary: %w", err)
	}
	return seeded, nil
}

// foldName compares names as the table's NOCASE does, near enough.
func foldName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }
