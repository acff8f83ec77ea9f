package flows

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/waste"
)

// Monday 30 March 2026: on Tuesday Centro puts out carta and vetro, and
// Stazione the secco moved there from Wednesday.
var reminderEvening = waste.D(2026, 3, 30)

func TestWasteRemindersReachExactlyTheRightCitizensWithExactlyTheirTypes(t *testing.T) {
	ctx := context.Background()
	tw := newReminderTown(t)
	all := []string{"rifiuti", "rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco"}
	people := map[string]resident{
		"carta and vetro":           {chat: 1, lang: "it", zone: tw.centro, topics: []string{"rifiuti-carta", "rifiuti-vetro"}, active: true},
		"whole topic":               {chat: 2, lang: "en", zone: tw.centro, topics: all, active: true},
		"only carta":                {chat: 3, lang: "it", zone: tw.centro, topics: []string{"rifiuti-carta"}, active: true},
		"only umido, not tomorrow":  {chat: 4, lang: "it", zone: tw.centro, topics: []string{"rifiuti-umido"}, active: true},
		"carta, other zone":         {chat: 5, lang: "it", zone: tw.stazione, topics: []string{"rifiuti-carta"}, active: true},
		"secco, moved":              {chat: 6, lang: "de", zone: tw.stazione, topics: []string{"rifiuti-secco"}, active: true},
		"blocked the bot":           {chat: 7, lang: "it", zone: tw.centro, topics: all, active: false},
		"no saved place":            {chat: 8, lang: "it", topics: all, active: true},
		"other topics, not rifiuti": {chat: 9, lang: "it", zone: tw.centro, topics: []string{"viabilita"}, active: true},
	}
	for _, p := range people {
		tw.add(t, p)
	}
	n, err := newTestEngine().SendWasteReminders(ctx, tw.st, reminderEvening)
	if err != nil {
		t.Fatal(err)
	}
	got := tw.pending(t)
	if want := []int64{1, 2, 3, 6}; n != len(want) || !reflect.DeepEqual(sortedChats(got), want) {
		t.Fatalf("sent %d to chats %v, want %v", n, sortedChats(got), want)
	}
	cases := []struct {
		who      string
		has, not []string
	}{
		{"carta and vetro", []string{"Domani si raccoglie", "Centro", "Carta e cartone</b>: bidone blu", "Vetro</b>: campana verde", "/argomenti"}, []string{"Umido", "Secco", "spostato"}},
		{"whole topic", []string{"Collected tomorrow", "Paper and cardboard</b>: blue bin", "Glass</b>: green bottle bank", "/topics"}, []string{"Food waste", "Domani"}},
		{"only carta", []string{"Carta e cartone"}, []string{"Vetro"}},
		{"secco, moved", []string{"Morgen", "Stazione", "Restmüll</b>: graue Tonne (vom üblichen Tag verschoben)", "/themen"}, []string{"Papier"}},
	}
	for _, c := range cases {
		msgs := got[people[c.who].chat]
		if len(msgs) != 1 {
			t.Errorf("%s: %d messages", c.who, len(msgs))
			continue
		}
		for _, s := range c.has {
			if !strings.Contains(msgs[0].Text, s) {
				t.Errorf("%s: %q lacks %q", c.who, msgs[0].Text, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(msgs[0].Text, s) {
				t.Errorf("%s: %q has %q", c.who, msgs[0].Text, s)
			}
		}
	}
	// The types come in the order of the waste types, whatever the rules'.
	if text := got[1][0].Text; strings.Index(text, "Carta") > strings.Index(text, "Vetro") {
		t.Errorf("out of order: %q", text)
	}
	run, err := tw.st.WasteReminderRunOf(ctx, reminderEvening.String())
	if err != nil || run.Messages != 4 {
		t.Errorf("run record %+v %v", run, err)
	}
}

func TestWasteRemindersOfAnEveningGoOutOnce(t *testing.T) {
	ctx := context.Background()
	tw := newReminderTown(t)
	tw.add(t, resident{chat: 1, lang: "it", zone: tw.centro, topics: []string{"rifiuti-carta"}, active: true})
	e := newTestEngine()
	if n, err := e.SendWasteReminders(ctx, tw.st, reminderEvening); err != nil || n != 1 {
		t.Fatalf("first run: %d %v", n, err)
	}
	if n, err := e.SendWasteReminders(ctx, tw.st, reminderEvening); !errors.Is(err, ErrWasteRemindersSent) || n != 0 {
		t.Fatalf("second run: %d %v", n, err)
	}
	if got := tw.pending(t); len(got[1]) != 1 {
		t.Fatalf("after two runs: %d messages", len(got[1]))
	}
	// The next Monday is another evening.
	if n, err := e.SendWasteReminders(ctx, tw.st, reminderEvening.AddDays(7)); err != nil || n != 1 {
		t.Fatalf("a week later: %d %v", n, err)
	}
}

// A run that dies after writing some messages leaves neither them nor the
// record of the evening: the next try sends every message, once.
func TestWasteRemindersCrashingMidRunLeaveNothingAndTheRetrySendsAll(t *testing.T) {
	ctx := context.Background()
	tw := newReminderTown(t)
	for chat := int64(1); chat <= 3; chat++ {
		tw.add(t, resident{chat: chat, lang: "it", zone: tw.centro, topics: []string{"rifiuti-carta"}, active: true})
	}
	// The disk fails at the second message: a real failure of the real
	// database, in the middle of the transaction.
	db, err := sql.Open("sqlite3", "file:"+tw.path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER crash BEFORE INSERT ON outbox WHEN (SELECT COUNT(*) FROM outbox) >= 1
		BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`); err != nil {
		t.Fatal(err)
	}
	e := newTestEngine()
	if _, err := e.SendWasteReminders(ctx, tw.st, reminderEvening); err == nil || errors.Is(err, ErrWasteRemindersSent) {
		t.Fatalf("the crashing run: %v", err)
	}
	if got := tw.pending(t); len(got) != 0 {
		t.Fatalf("a crashed run left %d chats with messages", len(got))
	}
	if _, err := tw.st.WasteReminderRunOf(ctx, reminderEvening.String()); err == nil {
		t.Fatal("a crashed run left the evening marked as sent")
	}
	if _, err := db.Exec(`DROP TRIGGER crash`); err != nil {
		t.Fatal(err)
	}
	if n, err := e.SendWasteReminders(ctx, tw.st, reminderEvening); err != nil || n != 3 {
		t.Fatalf("the retry: %d %v", n, err)
	}
	for chat, msgs := range tw.pending(t) {
		if len(msgs) != 1 {
			t.Errorf("chat %d has %d messages", chat, len(msgs))
		}
	}
}

func TestWasteRemindersWithNothingCollectedSendNothing(t *testing.T) {
	ctx := context.Background()
	tw := newReminderTown(t)
	tw.add(t, resident{chat: 1, lang: "it", zone: tw.centro, topics: []string{"rifiuti"}, active: true})
	// Saturday evening: nothing in Centro on Sunday.
	n, err := newTestEngine().SendWasteReminders(ctx, tw.st, waste.D(2026, 3, 28))
	if err != nil || n != 0 || len(tw.pending(t)) != 0 {
		t.Fatalf("%d %v", n, err)
	}
	// The evening still counts as done.
	if run, err := tw.st.WasteReminderRunOf(ctx, "2026-03-28"); err != nil || run.Messages != 0 {
		t.Errorf("%+v %v", run, err)
	}
}
