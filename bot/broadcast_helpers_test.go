package bot

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// broadcastFixture is a post about to go out to many citizens, written
// the way the publish flow writes it: one outbox row and one delivery row
// per recipient, the delivery pointing at the row that carries the copy.
type broadcastFixture struct {
	post   store.Post
	users  []*emulator.User
	outbox []int64 // outbox id of each user's copy
	text   string
	db     *sql.DB // the same file, for the rows no store function of the sender's reads
	st     *store.Store
}

// newRecipients creates n citizens who started the bot, in the emulator
// and in the store, with chat ids from base.
func newRecipients(t testing.TB, emu *emulator.Server, st *store.Store, base int64, n int) []*emulator.User {
	t.Helper()
	ctx := context.Background()
	users := make([]*emulator.User, n)
	err := st.InTx(ctx, func(tx *store.Store) error {
		for i := range users {
			id := base + int64(i)
			users[i] = emu.User(id, "Cittadino", "it")
			if _, err := tx.CitizenSeen(ctx, id, id, "Cittadino", "it", true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return users
}

// enqueueBroadcast writes a post and its broadcast to every user: a
// plain alert, which shape, when given, changes.
func enqueueBroadcast(t testing.TB, st *store.Store, dbPath string, users []*emulator.User, priority int, shape func(*flows.Message)) *broadcastFixture {
	t.Helper()
	ctx := context.Background()
	post, err := st.CreatePost(ctx, store.Post{Kind: store.PostAlert, Title: "Allerta meteo", Audience: store.AudienceEveryone, Status: store.PostSending})
	if err != nil {
		t.Fatal(err)
	}
	f := &broadcastFixture{post: post, users: users, db: openRaw(t, dbPath), st: st, text: fmt.Sprintf("Allerta meteo n. %d: restate in casa", post.ID)}
	items := make([]store.OutboxItem, len(users))
	for i, u := range users {
		m := flows.Message{Action: flows.ActionSend, ChatID: u.ID(), Text: f.text, PostID: post.ID}
		if shape != nil {
			shape(&m)
		}
		payload, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		items[i] = store.OutboxItem{ChatID: u.ID(), Priority: priority, Payload: payload, PostID: m.PostID}
	}
	if f.outbox, err = st.EnqueueIDs(ctx, items...); err != nil {
		t.Fatal(err)
	}
	f.writeDeliveries(t)
	return f
}

// writeDeliveries stands in for the publish flow's delivery rows, which
// the sender reads and completes.
func (f *broadcastFixture) writeDeliveries(t testing.TB) {
	t.Helper()
	tx, err := f.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range f.users {
		if _, err := tx.Exec(`INSERT INTO post_deliveries (post_id, chat_id, outbox_id) VALUES (?, ?, ?)`, f.post.ID, u.ID(), f.outbox[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// openRaw opens the database file beside the store.
func openRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// copies counts the bot messages of a chat that carry text.
func copies(u *emulator.User, text string) int {
	n := 0
	for _, m := range u.BotMessages() {
		if m.Text == text || m.Caption == text {
			n++
		}
	}
	return n
}

// delivered counts the users holding at least one copy, and the extra
// copies (duplicates) across all of them.
func (f *broadcastFixture) delivered() (reached, duplicates int) {
	for _, u := range f.users {
		if n := copies(u, f.text); n > 0 {
			reached++
			duplicates += n - 1
		}
	}
	return reached, duplicates
}

// outboxStatuses counts the broadcast's outbox rows by status.
func (f *broadcastFixture) outboxStatuses(t testing.TB) map[string]int {
	t.Helper()
	rows, err := f.db.Query(`SELECT status, COUNT(*) FROM outbox WHERE post_id = ? GROUP BY status`, f.post.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			t.Fatal(err)
		}
		counts[status] = n
	}
	return counts
}

// copiesRecorded counts the deliveries whose copy's message id is known.
func (f *broadcastFixture) copiesRecorded(t testing.TB) int {
	t.Helper()
	var n int
	err := f.db.QueryRow(`SELECT COUNT(*) FROM post_deliveries WHERE post_id = ? AND message_id IS NOT NULL`, f.post.ID).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
