package flows

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/conversations")

// testCatalog is shared by every test so that Missing() covers them all.
var testCatalog = locales.MustLoad()

var (
	testNow    = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	testConfig = Config{Comune: "Comune di Esempio", PrivacyContact: "urp@comune.esempio.it"}
)

func newTestEngine() *Engine {
	return NewEngine(testConfig, testCatalog, slog.New(slog.DiscardHandler))
}

func newFlowStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "flows.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.SetClock(func() time.Time { return testNow })
	return st
}

// handle runs one input the way the bot does: inside the transaction that
// will also hold its replies.
func handle(ctx context.Context, st *store.Store, e *Engine, in Input) ([]Message, error) {
	var msgs []Message
	err := st.InTx(ctx, func(tx *store.Store) error {
		var err error
		msgs, err = e.Handle(ctx, tx, in)
		return err
	})
	return msgs, err
}

// caseRun is one script played against a fresh store.
type caseRun struct {
	st    *store.Store
	steps []stepResult
	// chats is what each chat holds: message id -> callback data of the
	// inline buttons it currently shows (nil when none).
	chats     map[int64]map[int][]string
	nextMsgID map[int64]int
	users     map[int64]map[string]string // sticky name and lang per user
	lastUser  int64
	updateID  int64
}

type stepResult struct {
	in   Input
	msgs []Message
	ids  []int // the message id each message created or targeted
}

func TestConversations(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "conversations", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conversation cases: %v", err)
	}
	var all []Message
	t.Run("cases", func(t *testing.T) {
		for _, path := range files {
			name := strings.TrimSuffix(filepath.Base(path), ".txt")
			t.Run(name, func(t *testing.T) {
				run := playScript(t, path)
				for _, s := range run.steps {
					all = append(all, s.msgs...)
				}
				if check, ok := caseChecks[name]; ok {
					check(t, run)
				}
			})
		}
	})
	checkAllMessages(t, all)
	t.Run("no missing locale keys", func(t *testing.T) {
		if missing := testCatalog.Missing(); len(missing) > 0 {
			t.Errorf("the flows asked for message ids the catalog lacks: %v", missing)
		}
	})
}

func playScript(t *testing.T, path string) *caseRun {
	sc, err := readScript(path)
	if err != nil {
		t.Fatal(err)
	}
	run := &caseRun{
		st:    newFlowStore(t),
		chats: map[int64]map[int][]string{}, nextMsgID: map[int64]int{},
		users: map[int64]map[string]string{}, lastUser: 1001,
	}
	e := newTestEngine()
	got := make([]string, len(sc.steps))
	for i, step := range sc.steps {
		got[i] = run.play(t, e, step.input)
		if !*update && got[i] != step.want {
			t.Errorf("%s, input %d `> %s`:\n--- want\n%s\n--- got\n%s", path, i+1, step.input, step.want, got[i])
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(sc.format(got)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return run
}

// play runs one input line and renders what came of it.
func (r *caseRun) play(t *testing.T, e *Engine, line string) string {
	t.Helper()
	ctx := context.Background()
	kind, args, err := parseInputLine(line)
	if err != nil {
		t.Fatalf("`> %s`: %v", line, err)
	}
	switch kind {
	case "state":
		return r.state(t, args)
	case "topic":
		return r.createTopic(t, args)
	}
	if own, ok := harnessInputs[kind]; ok {
		return own(t, r, args)
	}
	in, err := r.input(InputKind(kind), args)
	if err != nil {
		t.Fatalf("`> %s`: %v", line, err)
	}
	msgs, err := handle(ctx, r.st, e, in)
	if err != nil {
		t.Errorf("`> %s`: Handle returned an error for citizen input: %v", line, err)
		return "ERROR " + err.Error()
	}
	res := stepResult{in: in, msgs: msgs}
	var out []string
	for _, m := range msgs {
		checkMessage(t, m)
		id := r.deliver(t, in, m)
		res.ids = append(res.ids, id)
		out = append(out, renderMessage(m, id))
	}
	checkCallbackAnswered(t, in, msgs)
	r.steps = append(r.steps, res)
	if len(out) == 0 {
		return "(no reply)"
	}
	return strings.Join(out, "\n")
}

// input builds a flows.Input from a script line. user, name and lang stick
// from one line to the next, as Telegram repeats them on every update.
func (r *caseRun) input(kind InputKind, args map[string]string) (Input, error) {
	num := func(key string, def int64) (int64, error) {
		v, ok := args[key]
		if !ok {
			return def, nil
		}
		delete(args, key)
		return strconv.ParseInt(v, 10, 64)
	}
	take := func(key string) string { v := args[key]; delete(args, key); return v }
	user, err := num("user", r.lastUser)
	if err != nil {
		return Input{}, err
	}
	r.lastUser = user
	sticky := r.users[user]
	if sticky == nil {
		sticky = map[string]string{"name": "Utente", "lang": "it"}
		r.users[user] = sticky
	}
	for _, key := range []string{"name", "lang"} {
		if _, ok := args[key]; ok {
			sticky[key] = take(key)
		}
	}
	chat, err := num("chat", user)
	if err != nil {
		return Input{}, err
	}
	r.updateID++
	in := Input{
		UpdateID: r.updateID, Kind: kind, ChatID: chat, ChatType: ChatPrivate,
		UserID: user, FirstName: sticky["name"], LanguageCode: sticky["lang"],
		Text: take("text"),
	}
	if v, ok := args["chat_type"]; ok {
		in.ChatType = v
		delete(args, "chat_type")
	}
	if v, ok := args["repeat"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Input{}, err
		}
		in.Text = strings.Repeat(in.Text, n)
		delete(args, "repeat")
	}
	switch kind {
	case KindCommand:
		in.Command, in.CommandArgs = take("cmd"), take("args")
		in.Text = strings.TrimSpace("/" + in.Command + " " + in.CommandArgs)
	case KindCallback:
		in.CallbackID = fmt.Sprintf("cb%d", in.UpdateID)
		in.CallbackData = take("data")
		msg, err := num("msg", int64(r.buttonMessage(chat, in.CallbackData)))
		if err != nil {
			return Input{}, err
		}
		in.MessageID = int(msg)
	case KindLocation, KindVenue:
		lat, lon := take("lat"), take("lon")
		var loc Location
		if _, err := fmt.Sscan(lat+" "+lon, &loc.Lat, &loc.Lon); err != nil {
			return Input{}, fmt.Errorf("location needs lat= and lon=: %w", err)
		}
		in.Location = &loc
	}
	if in.Kind != KindCallback && in.Private() {
		r.nextMsgID[chat]++ // the citizen's own message takes an id too
		in.MessageID = r.nextMsgID[chat]
	}
	if len(args) > 0 {
		return Input{}, fmt.Errorf("unknown or misplaced arguments %v for %s", args, kind)
	}
	return in, nil
}
