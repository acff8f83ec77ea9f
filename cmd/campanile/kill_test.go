package main

import (
	"context"
	"database/sql"
	"fmt"
	_ "github.com/mattn/go-sqlite3"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/bot/emulator/emutest"
	"github.com/campanile/campanile/store"
)

// buildBinary compiles campanile once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "campanile")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledProcessLosesNoUpdateAndHandlesNoneTwice runs the real binary
// against the emulator and kills it with SIGKILL, mid-work, several times.
// Each citizen presses the same topic three times: on, off, on. An update
// lost or handled twice flips the final state, so every citizen ending up
// subscribed exactly once is the proof.
func TestKilledProcessLosesNoUpdateAndHandlesNoneTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	bin := buildBinary(t)
	emu, api := emutest.New(t, emulator.Options{NoLimits: true})
	dbPath := filepath.Join(t.TempDir(), "campanile.db")
	env := append(os.Environ(),
		"CAMPANILE_TELEGRAM_TOKEN="+emu.Token(),
		"CAMPANILE_TELEGRAM_API_URL="+api.URL,
		"CAMPANILE_DB="+dbPath,
		"CAMPANILE_HTTP=127.0.0.1:0",
		"CAMPANILE_LOG_LEVEL=warn",
	)
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "serve")
		cmd.Env = env
		if testing.Verbose() {
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	kill := func(cmd *exec.Cmd) {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	const citizens = 30
	users := make([]*emulator.User, citizens)
	proc := start()
	defer func() { kill(proc) }()
	for i := range users {
		users[i] = emu.User(int64(900000+i), fmt.Sprintf("Cittadino %d", i), "it")
		users[i].Send("/argomenti")
	}
	pickers := make([]emulator.Message, citizens)
	for i, u := range users {
		msgs, err := u.WaitBotMessages(ctx, 1)
		if err != nil {
			t.Fatalf("citizen %d got no picker: %v", i, err)
		}
		pickers[i] = msgs[0]
	}
	eventi := ""
	for _, row := range pickers[0].InlineKeyboard {
		if strings.Contains(row[0].Text, "Eventi") {
			eventi = row[0].CallbackData
		}
	}
	answers := func() int {
		n := 0
		for _, u := range users {
			n += len(u.CallbackAnswers())
		}
		return n
	}
	for round := range 3 {
		for i, u := range users {
			u.PressData(pickers[i], eventi)
		}
		// Kill once some, but not all, of this round's presses are answered.
		target := round*citizens + citizens/3
		if err := emu.WaitFor(ctx, func() bool { return answers() >= target }); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		kill(proc)
		proc = start()
	}
	if err := emu.WaitFor(ctx, func() bool { return answers() >= 3*citizens }); err != nil {
		t.Fatalf("presses answered %d of %d: %v", answers(), 3*citizens, err)
	}
	kill(proc)

	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.CountPendingUpdates(context.Background()); n != 0 {
		t.Errorf("%d updates left unhandled", n)
	}
	for i, u := range users {
		c, err := st.CitizenByTelegramID(context.Background(), u.ID())
		if err != nil {
			t.Fatalf("citizen %d: %v", i, err)
		}
		subs, _ := st.SubscribedTopicIDs(context.Background(), c.ID)
		if len(subs) != 1 {
			t.Errorf("citizen %d pressed on, off, on but has %d subscriptions: an update was lost or handled twice", i, len(subs))
			dumpInbox(t, dbPath, u.ID())
			for _, a := range u.CallbackAnswers() {
				t.Logf("  answer %q", a.Text)
			}
		}
	}
}

// dumpInbox shows a failing citizen's updates, to tell a lost update from
// one handled twice.
func dumpInbox(t *testing.T, dbPath string, chat int64) {
	db, err := sql.Open("sqlite3", dbPath)
	if err != nil {
		return
	}
	defer db.Close()
	rows, err := db.Query(`SELECT update_id, handled_at FROM updates WHERE chat_id = ? ORDER BY update_id`, chat)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id, handled sql.NullInt64
		_ = rows.Scan(&id, &handled)
		t.Logf("  update %d handled at %d", id.Int64, handled.Int64)
	}
}
