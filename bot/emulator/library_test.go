package emulator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// TestWithClientLibrary drives the emulator with the client library the
// bot uses, to prove that its multipart encoding is understood and that
// the emulator's errors map onto the library's error values.
func TestWithClientLibrary(t *testing.T) {
	h := newHarness(t, Options{Limits: Limits{PerChatBurst: 30}})
	u := h.s.User(42, "Anna", "it")
	ctx := ctxT(t)
	b, err := tgbot.New(h.s.Token(), tgbot.WithServerURL(h.srv.URL), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}

	me, err := b.GetMe(ctx)
	if err != nil || me.Username != "campanile_bot" || !me.IsBot {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}

	msg, err := b.SendMessage(ctx, &tgbot.SendMessageParams{
		ChatID: 42, Text: "<b>Confermi</b> la segnalazione?", ParseMode: models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "Sì", CallbackData: "confirm:yes"}, {Text: "No", CallbackData: "confirm:no"}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg.Text != "Confermi la segnalazione?" || len(msg.Entities) != 1 || msg.From == nil || !msg.From.IsBot || msg.Chat.ID != 42 {
		t.Fatalf("SendMessage = %+v", msg)
	}
	if kb := msg.ReplyMarkup; kb == nil || len(kb.InlineKeyboard) != 1 || kb.InlineKeyboard[0][1].CallbackData != "confirm:no" {
		t.Fatalf("reply_markup = %+v", msg.ReplyMarkup)
	}

	last, _ := u.LastBotMessage()
	qid, err := u.Press(last, "Sì")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: qid, Text: "Grazie"}); err != nil || !ok {
		t.Fatalf("AnswerCallbackQuery = %v, %v", ok, err)
	}
	if a := u.CallbackAnswers(); len(a) != 1 || a[0].Text != "Grazie" {
		t.Fatalf("answers = %+v", a)
	}

	edited, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: 42, MessageID: msg.ID, Text: "Confermata ✅"})
	if err != nil || edited.Text != "Confermata ✅" || edited.EditDate == 0 || edited.ReplyMarkup != nil {
		t.Fatalf("EditMessageText = %+v, %v", edited, err)
	}
	_, err = b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: 42, MessageID: msg.ID, Text: "Confermata ✅"})
	if !errors.Is(err, tgbot.ErrorBadRequest) {
		t.Fatalf("not-modified edit: %v", err)
	}

	img := pngBytes(t, 800, 600)
	photo, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: 42, Caption: "Foto", Photo: &models.InputFileUpload{Filename: "buca.png", Data: bytes.NewReader(img)}})
	if err != nil || len(photo.Photo) != 3 || photo.Photo[2].Width != 800 {
		t.Fatalf("SendPhoto = %+v, %v", photo, err)
	}
	file, err := b.GetFile(ctx, &tgbot.GetFileParams{FileID: photo.Photo[2].FileID})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(b.FileDownloadLink(file))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(body, img) {
		t.Fatalf("download returned %d bytes, want %d", len(body), len(img))
	}

	album, err := b.SendMediaGroup(ctx, &tgbot.SendMediaGroupParams{ChatID: 42, Media: []models.InputMedia{
		&models.InputMediaPhoto{Media: "attach://p1", MediaAttachment: bytes.NewReader(pngBytes(t, 30, 30)), Caption: "Album"},
		&models.InputMediaPhoto{Media: "attach://p2", MediaAttachment: bytes.NewReader(pngBytes(t, 40, 40))},
		&models.InputMediaPhoto{Media: photo.Photo[0].FileID},
	}})
	if err != nil || len(album) != 3 || album[0].MediaGroupID == "" || album[2].Photo[2].FileID != photo.Photo[2].FileID {
		t.Fatalf("SendMediaGroup = %+v, %v", album, err)
	}

	doc, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: 42, Document: &models.InputFileUpload{Filename: "calendario.pdf", Data: bytes.NewReader([]byte("%PDF-1.4"))}})
	if err != nil || doc.Document == nil || doc.Document.FileName != "calendario.pdf" || doc.Document.MimeType != "application/pdf" {
		t.Fatalf("SendDocument = %+v, %v", doc, err)
	}

	ok, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Inizia"}}, LanguageCode: "it"})
	if err != nil || !ok {
		t.Fatalf("SetMyCommands = %v, %v", ok, err)
	}
	cmds, err := b.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{LanguageCode: "it"})
	if err != nil || len(cmds) != 1 || cmds[0].Command != "start" {
		t.Fatalf("GetMyCommands = %+v, %v", cmds, err)
	}
	if _, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
		Commands: []models.BotCommand{{Command: "x", Description: "y"}},
		Scope:    &models.BotCommandScopeChat{ChatID: 42},
	}); err != nil {
		t.Fatalf("SetMyCommands with a chat scope: %v", err)
	}
	if c := u.Commands(""); len(c) != 1 || c[0].Command != "x" {
		t.Fatalf("the chat scope wins for that chat: %+v", c)
	}

	t.Run("errors map to the library's", func(t *testing.T) {
		h.s.InjectError("sendMessage", 1, 429, "Too Many Requests: retry after 3", 3)
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 42, Text: "x"})
		var tooMany *tgbot.TooManyRequestsError
		if !errors.As(err, &tooMany) || tooMany.RetryAfter != 3 {
			t.Fatalf("429: %v", err)
		}

		h.s.User(43, "Bruno", "it").Block()
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 43, Text: "x"}); !errors.Is(err, tgbot.ErrorForbidden) {
			t.Fatalf("403: %v", err)
		}

		g := h.s.Group(-500, "Staff")
		newID := g.MigrateToSupergroup()
		_, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: -500, Text: "x"})
		var migrate *tgbot.MigrateError
		if !errors.As(err, &migrate) || int64(migrate.MigrateToChatID) != newID {
			t.Fatalf("migrate: %v", err)
		}

		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 999, Text: "x"}); !errors.Is(err, tgbot.ErrorBadRequest) {
			t.Fatalf("chat not found: %v", err)
		}

		bad, _ := tgbot.New("1:bad", tgbot.WithServerURL(h.srv.URL), tgbot.WithSkipGetMe())
		if _, err := bad.GetMe(ctx); !errors.Is(err, tgbot.ErrorUnauthorized) {
			t.Fatalf("401: %v", err)
		}
	})

	t.Run("natural flood limits", func(t *testing.T) {
		h2 := newHarness(t, Options{Limits: Limits{PerChatBurst: 2}})
		h2.s.User(42, "Anna", "it")
		b2, _ := tgbot.New(h2.s.Token(), tgbot.WithServerURL(h2.srv.URL), tgbot.WithSkipGetMe())
		var err error
		for i := 0; i < 3 && err == nil; i++ {
			_, err = b2.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 42, Text: "x"})
		}
		var tooMany *tgbot.TooManyRequestsError
		if !errors.As(err, &tooMany) || tooMany.RetryAfter < 1 {
			t.Fatalf("third message: %v", err)
		}
	})
}

// TestLibraryPolling runs the library's own getUpdates loop against the
// emulator.
func TestLibraryPolling(t *testing.T) {
	h := newHarness(t, Options{})
	u := h.s.User(42, "Anna", "it")
	got := make(chan *models.Update, 10)
	b, err := tgbot.New(h.s.Token(), tgbot.WithServerURL(h.srv.URL), tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { got <- upd }))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		b.Start(ctx)
		close(done)
	}()
	defer func() {
		cancel()
		<-done
	}()
	u.Send("/start")
	m := u.Send("ciao")
	if _, err := u.Press(m, "none"); err == nil {
		t.Fatal("pressing a button of a message without keyboard must fail")
	}
	// The library runs handlers in goroutines: order is not guaranteed.
	seen := map[string]bool{}
	for len(seen) < 2 {
		select {
		case upd := <-got:
			if upd.Message == nil || upd.Message.From.ID != 42 {
				t.Fatalf("update = %+v", upd)
			}
			seen[upd.Message.Text] = true
		case <-time.After(3 * time.Second):
			t.Fatalf("updates seen: %v", seen)
		}
	}
	if !seen["/start"] || !seen["ciao"] {
		t.Fatalf("updates seen: %v", seen)
	}
}
