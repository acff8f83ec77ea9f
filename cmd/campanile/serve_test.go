package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// syncBuffer is written by the server goroutine and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var healthURL = regexp.MustCompile(`health\s+(http://\S+/healthz)`)

// serveInProcess runs `campanile serve` with no token (the offline
// emulator) and returns the health URL it announced.
func serveInProcess(t *testing.T, dbPath string) (string, func() int) {
	t.Helper()
	_, health, stop := serveWith(t, nil, "CAMPANILE_DB", dbPath)
	return health, stop
}

// serveWith runs `campanile serve` with args and the environment kv (on
// top of a free port and quiet logs) until the test ends, and returns
// what it announced on stdout and the health URL.
func serveWith(t *testing.T, args []string, kv ...string) (string, string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	getenv := env(append([]string{"CAMPANILE_HTTP", "127.0.0.1:0", "CAMPANILE_LOG_LEVEL", "warn"}, kv...)...)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), getenv, &stdout, &stderr)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := healthURL.FindStringSubmatch(stdout.String()); m != nil {
			stop := func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(20 * time.Second):
					t.Fatal("serve did not stop within 20s of SIGTERM")
					return -1
				}
			}
			t.Cleanup(func() { cancel() })
			return stdout.String(), m[1], stop
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve announced nothing; stdout %q stderr %q", stdout.String(), stderr.String())
	return "", "", nil
}

func TestServeWithoutTokenRunsOfflineAndStopsCleanly(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "campanile.db")
	health, stop := serveInProcess(t, dbPath)
	resp, err := http.Get(health)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Status string `json:"status"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || rep.Status != "ok" {
		t.Fatalf("health %d %+v", resp.StatusCode, rep)
	}
	if code := stop(); code != exitOK {
		t.Errorf("serve exited %d after shutdown, want 0", code)
	}
}

func TestBackupWhileServingIsAConsistentCopy(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "campanile.db")
	_, stop := serveInProcess(t, dbPath)
	defer stop()

	backup := filepath.Join(dir, "backup.db")
	var stdout, stderr strings.Builder
	if code := run(context.Background(), []string{"backup", "--db", dbPath, backup}, env(), &stdout, &stderr); code != exitOK {
		t.Fatalf("backup exited %d: %s", code, stderr.String())
	}
	st, err := store.OpenNoMigrate(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	topics, err := st.Topics(context.Background(), 0)
	if err != nil || len(topics) == 0 {
		t.Fatalf("backup holds no topics: %v", err)
	}
	// A second backup to the same file is refused rather than overwriting.
	if code := run(context.Background(), []string{"backup", "--db", dbPath, backup}, env(), &stdout, &stderr); code != exitConfig {
		t.Errorf("backup over an existing file exited %d, want %d", code, exitConfig)
	}
}

func TestMigrateReportsAndIsIdempotent(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "campanile.db")
	for i, want := range []string{"migrations applied", "0 migrations applied"} {
		var stdout, stderr strings.Builder
		if code := run(context.Background(), []string{"migrate", "--db", dbPath}, env(), &stdout, &stderr); code != exitOK {
			t.Fatalf("migrate #%d exited %d: %s", i, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("migrate #%d said %q", i, stdout.String())
		}
	}
}
