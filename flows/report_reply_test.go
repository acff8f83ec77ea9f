package flows

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

func TestReplyFromTheAdminReachesTheCitizenAndTheGroup(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := locales.MustLoad()
	e := NewEngine(Config{Comune: "Comune di Prova", StaffChatID: -100}, cat, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c, _ := st.CitizenSeen(ctx, 42, 42, "Anna", "de", true)
	cats, _ := st.Categories(ctx, 0, true)
	r, err := st.CreateReport(ctx, store.NewReport{CitizenID: c.ID, ChatID: c.ChatID, CategoryID: cats[0].ID, PlaceText: "Via Roma", Description: "Buca"})
	if err != nil {
		t.Fatal(err)
	}
	author := store.Author{Kind: store.AuthorStaff, Name: "Giulia"}
	msgs, err := e.ReplyToReport(ctx, st, r.ID, author, "  Arriviamo <domani>  ")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].ChatID != 42 || msgs[1].ChatID != -100 {
		t.Fatalf("messages: %+v", msgs)
	}
	if !strings.Contains(msgs[0].Text, "antwortet") || !strings.Contains(msgs[0].Text, "&lt;domani&gt;") {
		t.Errorf("the citizen reads it in German, escaped: %q", msgs[0].Text)
	}
	if _, err := e.ReplyToReport(ctx, st, r.ID, author, "   "); err != ErrEmptyReply {
		t.Errorf("an empty reply: %v", err)
	}
	if err := e.AddInternalNote(ctx, st, r.ID, author, "chiamare il geometra"); err != nil {
		t.Fatal(err)
	}
	events, _ := st.ReportTimeline(ctx, r.ID)
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.Kind)
	}
	if got := strings.Join(kinds, ","); got != "created,reply,note" {
		t.Errorf("timeline %s", got)
	}
	if missing := cat.Missing(); len(missing) > 0 {
		t.Errorf("missing texts %v", missing)
	}
}
