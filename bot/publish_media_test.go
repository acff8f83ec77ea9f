package bot

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// A post's photo and PDF reach every recipient from the media folder,
// uploaded once: the other copies reuse the file id Telegram gave the
// first, so a big broadcast does not upload the file once per chat.
func TestPostMediaIsUploadedOnceAndReachesEveryone(t *testing.T) {
	h := newHarness(t)
	dir := withMedia(h)
	if err := store.PrepareMediaDir(dir); err != nil {
		t.Fatal(err)
	}
	b := h.start()
	e := flows.NewEngine(h.flows, h.cat, testLogger())
	h.publishAt(10, 0)
	users := []*emulator.User{
		h.waitingCitizen(7001, "Anna", "it", 0, "viabilita"),
		h.waitingCitizen(7002, "Bruno", "it", 0, "viabilita"),
		h.waitingCitizen(7003, "Carla", "en", 0, "viabilita"),
	}
	before := map[*emulator.User]int{}
	for _, u := range users {
		before[u] = len(u.BotMessages())
	}
	_, photoPath, err := store.WriteMedia(dir, tinyPNG(), "png")
	if err != nil {
		t.Fatal(err)
	}
	p, n := h.publish(b, e, store.Post{Kind: store.PostNews, Title: "Lavori in piazza", BodyHTML: "Da lunedì.",
		MediaPath: filepath.ToSlash(photoPath), MediaKind: "photo", Audience: store.AudienceTopics, TopicIDs: []int64{h.topicID("viabilita")}})
	if n != len(users) {
		t.Fatalf("reached %d", n)
	}
	h.drained(p.ID)
	ids := map[string]bool{}
	for _, u := range users {
		msgs := expect(t, u, before[u]+2)[before[u]:]
		photo := msgs[0]
		if len(photo.Photo) == 0 || !strings.Contains(photo.Caption, "Lavori in piazza") {
			t.Fatalf("chat %d: first message %+v, want the photo with the heading", u.ID(), photo)
		}
		ids[photo.Photo[len(photo.Photo)-1].FileID] = true
		if !strings.Contains(msgs[1].Text, "Da lunedì") {
			t.Errorf("chat %d: the body did not follow the photo: %q", u.ID(), msgs[1].Text)
		}
		before[u] += 2
	}
	if len(ids) != 1 {
		t.Errorf("the photo was uploaded %d times, want once and its file id after", len(ids))
	}

	_, pdfPath, err := store.WriteMedia(dir, []byte("%PDF-1.4\n% ordinanza\n"), "pdf")
	if err != nil {
		t.Fatal(err)
	}
	p, _ = h.publish(b, e, store.Post{Kind: store.PostNotice, Title: "Ordinanza", MediaPath: filepath.ToSlash(pdfPath), MediaKind: "document",
		MediaName: "ordinanza-12.pdf", Audience: store.AudienceTopics, TopicIDs: []int64{h.topicID("viabilita")}})
	h.drained(p.ID)
	docs := map[string]bool{}
	for _, u := range users {
		doc := expect(t, u, before[u]+1)[before[u]]
		if doc.Document == nil || doc.Document.FileName != "ordinanza-12.pdf" {
			t.Fatalf("chat %d: %+v, want the PDF by its name", u.ID(), doc)
		}
		docs[doc.Document.FileID] = true
	}
	if len(docs) != 1 {
		t.Errorf("the PDF was uploaded %d times", len(docs))
	}
}
