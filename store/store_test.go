package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testEpoch is the fixed time every test store starts at.
var testEpoch = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// testClock is a settable time source shared by a store and the
// transactions bound from it.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newTestStore opens a fully migrated store in a fresh file with its clock
// fixed at testEpoch.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, _ := newTestStoreClock(t)
	return s
}

// newTestStoreClock is newTestStore that also hands back the clock.
func newTestStoreClock(t testing.TB) (*Store, *testClock) {
	t.Helper()
	return openTestStore(t, filepath.Join(t.TempDir(), "campanile.db"))
}

func openTestStore(t testing.TB, path string) (*Store, *testClock) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	clock := &testClock{now: testEpoch}
	s.SetClock(clock.Now)
	return s, clock
}

func schemaVersion(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.db.QueryRow(`SELECT version FROM schema_version`).Scan(&v); err != nil {
		t.Fatalf("reading schema_version: %v", err)
	}
	return v
}

func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("counting %s: %v", table, err)
	}
	return n
}

func TestOpenMigratesAndRecordsVersion(t *testing.T) {
	s := newTestStore(t)
	if got, want := schemaVersion(t, s), SchemaVersion(); got != want {
		t.Errorf("schema_version = %d, want %d", got, want)
	}
	if n := countRows(t, s, "schema_version"); n != 1 {
		t.Errorf("schema_version has %d rows, want 1", n)
	}
	for _, table := range []string{"citizens", "topics", "subscriptions", "conversations", "updates", "outbox", "settings"} {
		countRows(t, s, table) // fails the test if the table is missing
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestReopenIsANoOp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "campanile.db")
	first, _ := openTestStore(t, path)
	topics := countRows(t, first, "topics")
	first.Close()

	again, _ := openTestStore(t, path)
	if got := countRows(t, again, "topics"); got != topics {
		t.Errorf("reopening changed the topics from %d to %d rows: a migration ran twice", topics, got)
	}
	n, err := again.Migrate(ctx)
	if err != nil || n != 0 {
		t.Errorf("Migrate on an up-to-date file applied %d, %v; want 0, nil", n, err)
	}
	if got := schemaVersion(t, again); got != SchemaVersion() {
		t.Errorf("schema_version = %d after reopening, want %d", got, SchemaVersion())
	}
}

// An old file is one written by a version that knew only the first
// migration. OpenNoMigrate must leave it as it is; Migrate brings it up.
func TestOpenNoMigrateLeavesAnOldFileAlone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	all := migrations
	migrations = all[:1]
	old, err := Open(ctx, path)
	migrations = all
	if err != nil {
		t.Fatalf("opening with the first migration only: %v", err)
	}
	old.Close()

	s, err := OpenNoMigrate(ctx, path)
	if err != nil {
		t.Fatalf("OpenNoMigrate: %v", err)
	}
	defer s.Close()
	if got := schemaVersion(t, s); got != 1 {
		t.Fatalf("schema_version = %d, want 1: OpenNoMigrate migrated", got)
	}
	if n := countRows(t, s, "topics"); n != 0 {
		t.Fatalf("an old file has %d topics before migrating, want 0", n)
	}
	n, err := s.Migrate(ctx)
	if err != nil || n != SchemaVersion()-1 {
		t.Fatalf("Migrate applied %d, %v; want %d, nil", n, err, SchemaVersion()-1)
	}
	if n := countRows(t, s, "topics"); n == 0 {
		t.Error("migrating an old file did not seed the starter topics")
	}
}

func TestOpenNoMigrateOnAFreshFileCreatesNoSchema(t *testing.T) {
	s, err := OpenNoMigrate(context.Background(), filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatalf("OpenNoMigrate: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("OpenNoMigrate created %d tables", n)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	s, _ := openTestStore(t, path)
	if _, err := s.db.Exec(`UPDATE schema_version SET version = ?`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(context.Background(), path); err == nil {
		s.Close()
		t.Fatal("Open accepted a database written by a newer program")
	}
}

// The DSN settings are per connection: check several connections at once,
// not only the first one the pool hands out.
func TestPragmasAreOnForEveryConnection(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
	for i := range 3 {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for pragma, value := range want {
			var got string
			if err := conn.QueryRowContext(ctx, `PRAGMA `+pragma).Scan(&got); err != nil {
				t.Fatalf("PRAGMA %s: %v", pragma, err)
			}
			if got != value {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, value)
			}
		}
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.Setting(ctx, "staff_chat_id"); err != ErrNotFound {
		t.Fatalf("Setting of an unknown key = %v, want ErrNotFound", err)
	}
	for _, value := range []string{"-100123", "-100456"} {
		if err := s.SetSetting(ctx, "staff_chat_id", value); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "staff_chat_id"); err != nil || got != value {
			t.Errorf("Setting = %q, %v; want %q", got, err, value)
		}
	}
}

func TestClock(t *testing.T) {
	s, clock := newTestStoreClock(t)
	if !s.Now().Equal(testEpoch) {
		t.Errorf("Now = %v, want %v", s.Now(), testEpoch)
	}
	clock.Advance(time.Hour)
	if !s.Now().Equal(testEpoch.Add(time.Hour)) {
		t.Errorf("Now after an hour = %v", s.Now())
	}
}
