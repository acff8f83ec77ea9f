// Package store keeps everything Campanile knows in one SQLite file.
//
// One concrete type, Store, wraps the database; each aggregate (citizens,
// topics, the update inbox, the outbox, ...) lives in its own file with
// plain structs and raw SQL. Writes are serialised in Go rather than left to
// SQLite's busy handler, whose sleeps would cap throughput far below what a
// single writer achieves.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")

// querier is what both *sql.DB and *sql.Tx offer, so that every method of
// Store works the same inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Store is the database. The zero value is not usable; call Open.
type Store struct {
	db      *sql.DB
	q       querier
	stmts   *stmtCache
	writeMu *sync.Mutex
	inTx    bool
	now     func() time.Time
}

// Open opens (creating if needed) the SQLite file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := OpenNoMigrate(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenNoMigrate opens the database without touching its schema, for
// commands such as backup that must not change the file they copy.
func OpenNoMigrate(ctx context.Context, path string) (*Store, error) {
	params := url.Values{}
	params.Set("_journal_mode", "WAL")
	params.Set("_busy_timeout", "10000")
	params.Set("_foreign_keys", "on")
	params.Set("_synchronous", "NORMAL")
	params.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + params.Encode()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	stmts := newStmtCache(db)
	return &Store{db: db, q: cachedDB{stmts}, stmts: stmts, writeMu: &sync.Mutex{}, now: time.Now}, nil
}

// Close releases the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Ping checks that the database answers, for health checks.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// SetClock replaces the time source, for tests of time-dependent rules.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now is the store's idea of the current time.
func (s *Store) Now() time.Time { return s.now() }

// InTx runs fn with a Store bound to one transaction: everything fn does is
// committed together or not at all. Nested calls join the outer transaction.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx {
		return fn(s)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin transaction: %w", err)
	}
	bound := *s
	bound.q = cachedTx{c: s.stmts, tx: tx}
	bound.inTx = true
	if err := fn(&bound); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	return nil
}

// exec runs one writing statement under the write lock.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.inTx {
		return s.q.ExecContext(ctx, query, args...)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.q.ExecContext(ctx, query, args...)
}

// Backup writes a consistent copy of the database to path while others keep
// using it. VACUUM INTO reads one snapshot, so writers are never blocked.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: unable to back up to %s: %w", path, err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Savepoint runs fn inside the current transaction so that fn's writes can
// be undone alone: on error they roll back and the transaction goes on.
// Batches of updates share one commit this way, each keeping its own
// all-or-nothing. Outside a transaction it is InTx.
func (s *Store) Savepoint(ctx context.Context, fn func(sp *Store) error) error {
	if !s.inTx {
		return s.InTx(ctx, fn)
	}
	if _, err := s.q.ExecContext(ctx, `SAVEPOINT campanile_sp`); err != nil {
		return fmt.Errorf("store: unable to open savepoint: %w", err)
	}
	if err := fn(s); err != nil {
		if _, rerr := s.q.ExecContext(ctx, `ROLLBACK TO campanile_sp`); rerr != nil {
			return fmt.Errorf("store: unable to roll back savepoint after %v: %w", err, rerr)
		}
		if _, rerr := s.q.ExecContext(ctx, `RELEASE campanile_sp`); rerr != nil {
			return fmt.Errorf("store: unable to release savepoint after %v: %w", err, rerr)
		}
		return err
	}
	if _, err := s.q.ExecContext(ctx, `RELEASE campanile_sp`); err != nil {
		return fmt.Errorf("store: unable to release savepoint: %w", err)
	}
	return nil
}
