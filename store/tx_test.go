package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

func TestInTxRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	boom := errors.New("boom")
	err := s.InTx(ctx, func(tx *Store) error {
		c, err := tx.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
		if err != nil {
			return err
		}
		if err := tx.Subscribe(ctx, c.ID, 1); err != nil { // nested InTx joins
			return err
		}
		if err := tx.SetSetting(ctx, "k", "v"); err != nil {
			return err
		}
		if _, err := tx.CitizenByID(ctx, c.ID); err != nil {
			return fmt.Errorf("a transaction must see its own writes: %w", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want the function's error", err)
	}
	for _, table := range []string{"citizens", "subscriptions", "settings"} {
		if n := countRows(t, s, table); n != 0 {
			t.Errorf("%s has %d rows after a rollback", table, n)
		}
	}
}

func TestInTxCommits(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	err := s.InTx(ctx, func(tx *Store) error {
		c, err := tx.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
		if err != nil {
			return err
		}
		return tx.InTx(ctx, func(inner *Store) error { return inner.Subscribe(ctx, c.ID, 1) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if countRows(t, s, "citizens") != 1 || countRows(t, s, "subscriptions") != 1 {
		t.Error("a committed transaction left no rows")
	}
}

// Many goroutines writing at once must all succeed: the write lock, not
// SQLite's busy handler, serialises them. Readers run alongside.
func TestConcurrentInTx(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	const writers = 32
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	for i := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			errs <- s.InTx(ctx, func(tx *Store) error {
				c, err := tx.CitizenSeen(ctx, int64(1000+i), int64(1000+i), "C", "it", true)
				if err != nil {
					return err
				}
				if err := tx.Subscribe(ctx, c.ID, 1, 2); err != nil {
					return err
				}
				if err := tx.SaveConversation(ctx, Conversation{CitizenID: c.ID, Flow: "f", Step: "s"}); err != nil {
					return err
				}
				return tx.SaveUpdates(ctx, []InboundUpdate{{UpdateID: int64(i + 1), ChatID: c.ChatID}})
			})
		}()
		go func() {
			defer wg.Done()
			_, _, err := s.CountCitizens(ctx)
			if err == nil {
				_, err = s.DueOutbox(ctx, 0, 10)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent access failed: %v", err)
		}
	}
	if total, _, _ := s.CountCitizens(ctx); total != writers {
		t.Errorf("%d citizens after %d concurrent transactions", total, writers)
	}
	if n, _ := s.CountPendingUpdates(ctx); n != writers {
		t.Errorf("%d pending updates, want %d", n, writers)
	}
}

// Two Stores over one file stand for two processes (or a restart): what
// one commits, the other sees.
func TestTwoStoresOnOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, _ := openTestStore(t, path)
	b, _ := openTestStore(t, path)

	c, err := a.CitizenSeen(ctx, 7, 7, "Anna", "de", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Subscribe(ctx, c.ID, 1); err != nil {
		t.Fatal(err)
	}
	got, err := b.CitizenByTelegramID(ctx, 7)
	if err != nil || got != c {
		t.Fatalf("the second store reads %+v, %v; want %+v", got, err, c)
	}
	if subs, _ := b.SubscribedTopicIDs(ctx, c.ID); !subs[1] {
		t.Error("the second store does not see the subscription")
	}

	// Both write at once; busy_timeout makes the loser wait, not fail.
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i, st := range []*Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 10 {
				id := int64(100*(i+1) + j)
				if _, err := st.CitizenSeen(ctx, id, id, "X", "it", true); err != nil {
					t.Errorf("store %d: %v", i, err)
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if total, _, _ := a.CountCitizens(ctx); failed.Load() == 0 && total != 41 {
		t.Errorf("%d citizens, want 41", total)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for i := range int64(20) {
		c, err := s.CitizenSeen(ctx, i+1, i+1, fmt.Sprint("C", i), "it", true)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Subscribe(ctx, c.ID, 1+i%3); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	writerDone := make(chan error)
	go func() {
		for i := int64(1000); ; i++ {
			select {
			case <-stop:
				writerDone <- nil
				return
			default:
			}
			if _, err := s.CitizenSeen(ctx, i, i, "W", "en", true); err != nil {
				writerDone <- err
				return
			}
		}
	}()
	path := filepath.Join(t.TempDir(), "backup.db")
	err := s.Backup(ctx, path)
	close(stop)
	if werr := <-writerDone; werr != nil {
		t.Fatalf("writer during backup: %v", werr)
	}
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	b, err := OpenNoMigrate(ctx, path)
	if err != nil {
		t.Fatalf("opening the backup: %v", err)
	}
	defer b.Close()
	var check string
	if err := b.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	if got := schemaVersion(t, b); got != SchemaVersion() {
		t.Errorf("backup schema_version = %d", got)
	}
	for _, table := range []string{"topics", "subscriptions"} {
		if got, want := countRows(t, b, table), countRows(t, s, table); got != want {
			t.Errorf("backup has %d %s, the source %d", got, table, want)
		}
	}
	// Every citizen in the backup is in the source, unchanged, and every
	// citizen written before the backup began is in the backup.
	rows, err := b.db.Query(`SELECT ` + citizenColumns + ` FROM citizens`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		c, err := scanCitizen(rows)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if orig, err := s.CitizenByID(ctx, c.ID); err != nil || orig != c {
			t.Errorf("backup citizen %+v; source %+v, %v", c, orig, err)
		}
	}
	if n < 20 {
		t.Errorf("backup holds %d citizens, want at least the 20 written before it", n)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("Backup overwrote an existing file")
	}
}

func TestSavepointUndoesOnlyItsOwnWrites(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.Savepoint(ctx, func(sp *Store) error {
			_, err := sp.CitizenSeen(ctx, 1, 1, "Kept", "it", true)
			return err
		}); err != nil {
			return err
		}
		failed := tx.Savepoint(ctx, func(sp *Store) error {
			if _, err := sp.CitizenSeen(ctx, 2, 2, "Undone", "it", true); err != nil {
				return err
			}
			return errors.New("handler failed")
		})
		if failed == nil {
			t.Error("the savepoint's error was lost")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenByTelegramID(ctx, 1); err != nil {
		t.Errorf("the first savepoint's write was lost: %v", err)
	}
	if _, err := s.CitizenByTelegramID(ctx, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("the failed savepoint's write survived: %v", err)
	}
}
