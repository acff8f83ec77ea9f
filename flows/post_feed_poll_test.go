package flows

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/campanile/campanile/store"
)

// siteFeed is a comune's website serving its RSS feed, with an ETag that
// changes when an item is added, and a record of the requests it got.
type siteFeed struct {
	mu       sync.Mutex
	items    []string // RSS <item> elements, newest first
	version  int
	requests []*http.Request
	srv      *httptest.Server
}

func newSiteFeed(t *testing.T, items ...string) *siteFeed {
	t.Helper()
	s := &siteFeed{items: items, version: 1}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *siteFeed) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Clone(context.Background()))
	etag := `"v` + strings.Repeat("1", s.version) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT")
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Comune</title>` +
		strings.Join(s.items, "") + `</channel></rss>`))
}

func (s *siteFeed) publish(item string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append([]string{item}, s.items...)
	s.version++
}

func (s *siteFeed) lastRequest() *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[len(s.requests)-1]
}

func itemXML(guid, title string) string {
	return `<item><title>` + title + `</title><link>https://www.comune.example.it/` + guid + `</link><guid>` + guid +
		`</guid><description><![CDATA[<p>Testo di <b>` + title + `</b></p><script>x()</script>]]></description></item>`
}

func (tw *postTown) feed(t *testing.T, url string, auto bool) store.Feed {
	t.Helper()
	f, err := tw.st.CreateFeed(context.Background(), store.Feed{Name: "Sito", URL: url, TopicID: tw.topic["eventi"], AutoPublish: auto, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (tw *postTown) reload(t *testing.T, id int64) store.Feed {
	t.Helper()
	f, err := tw.st.FeedByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// feedPosts are the posts made from feed f, by guid.
func (tw *postTown) feedPosts(t *testing.T, f store.Feed) map[string]store.Post {
	t.Helper()
	all, err := tw.st.ListPosts(context.Background(), store.PostFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Post{}
	for _, p := range all {
		if p.FeedID == f.ID {
			full, _ := tw.st.PostByID(context.Background(), p.ID)
			out[p.FeedGUID] = full
		}
	}
	return out
}

// testPoller reads the test's own servers, on 127.0.0.1.
func testPoller() *FeedPoller {
	p := NewFeedPoller(slog.New(slog.DiscardHandler))
	p.AllowPrivate = true
	return p
}

func TestTheFirstPollMarksTheHistoryAsSeenAndANewItemBecomesOnePost(t *testing.T) {
	tw := newPostTown(t)
	site := newSiteFeed(t, itemXML("n2", "Mercatino"), itemXML("n1", "Concerto"))
	f := tw.feed(t, site.srv.URL, true)
	ctx := context.Background()

	res, err := testPoller().Poll(ctx, tw.st, f)
	if err != nil || res.Seen != 2 || res.New != 0 {
		t.Fatalf("first poll %+v %v, want 2 seen and none new", res, err)
	}
	for guid, p := range tw.feedPosts(t, f) {
		if p.Status != store.PostCancelled {
			t.Errorf("history item %s is %s: citizens would get the site's past", guid, p.Status)
		}
	}

	site.publish(itemXML("n3", "Chiusura anagrafe"))
	f = tw.reload(t, f.ID)
	res, err = testPoller().Poll(ctx, tw.st, f)
	if err != nil || res.New != 1 {
		t.Fatalf("second poll %+v %v, want one new", res, err)
	}
	p := tw.feedPosts(t, f)["n3"]
	if p.Status != store.PostScheduled || p.PublishAt != 0 || p.Kind != store.PostNews || p.Title != "Chiusura anagrafe" ||
		len(p.TopicIDs) != 1 || p.TopicIDs[0] != tw.topic["eventi"] || p.Link != "https://www.comune.example.it/n3" {
		t.Fatalf("the new item became %+v", p)
	}
	if strings.Contains(p.BodyHTML, "script") || !strings.Contains(p.BodyHTML, "<b>Chiusura anagrafe</b>") {
		t.Errorf("body not sanitized to Telegram's HTML: %q", p.BodyHTML)
	}
}

func TestAFeedItemIsImportedOnceAcrossARestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	site := newSiteFeed(t, itemXML("n1", "Concerto"))
	open := func() *store.Store {
		st, err := store.Open(ctx, filepath.Join(dir, "town.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	topics, err := st.AllTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := st.CreateFeed(ctx, store.Feed{Name: "Sito", URL: site.srv.URL, TopicID: topics[0].ID, AutoPublish: true, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := testPoller().Poll(ctx, st, f); err != nil {
		t.Fatal(err)
	}
	site.publish(itemXML("n2", "Mercatino"))
	f, _ = st.FeedByID(ctx, f.ID)
	if res, err := testPoller().Poll(ctx, st, f); err != nil || res.New != 1 {
		t.Fatalf("before the restart: %+v %v", res, err)
	}
	st.Close()

	// After a restart the validators are lost on purpose (an unconditional
	// GET), and the site answers in full: the guid alone keeps it once.
	st = open()
	defer st.Close()
	f, _ = st.FeedByID(ctx, f.ID)
	f.ETag, f.LastModified = "", ""
	res, err := testPoller().Poll(ctx, st, f)
	if err != nil || res.New != 0 || res.Seen != 0 {
		t.Fatalf("after the restart: %+v %v, want nothing new", res, err)
	}
	posts, _ := st.ListPosts(ctx, store.PostFilter{Statuses: []string{store.PostScheduled}})
	if len(posts) != 1 || posts[0].FeedGUID != "n2" {
		t.Fatalf("scheduled posts %+v, want only n2 once", posts)
	}
}

func TestAFeedWithoutAutoPublishWaitsForAnEditor(t *testing.T) {
	tw := newPostTown(t)
	site := newSiteFeed(t, itemXML("n1", "Concerto"))
	f := tw.feed(t, site.srv.URL, false)
	ctx := context.Background()
	if _, err := testPoller().Poll(ctx, tw.st, f); err != nil {
		t.Fatal(err)
	}
	site.publish(itemXML("n2", "Mercatino"))
	if _, err := testPoller().Poll(ctx, tw.st, tw.reload(t, f.ID)); err != nil {
		t.Fatal(err)
	}
	pending, err := tw.st.PendingFeedPosts(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].FeedGUID != "n2" || pending[0].Status != store.PostPendingApproval {
		t.Fatalf("pending %+v, want n2 waiting", pending)
	}
}

func TestConditionalGetIsHonoured(t *testing.T) {
	tw := newPostTown(t)
	site := newSiteFeed(t, itemXML("n1", "Concerto"))
	f := tw.feed(t, site.srv.URL, true)
	ctx := context.Background()
	if _, err := testPoller().Poll(ctx, tw.st, f); err != nil {
		t.Fatal(err)
	}
	first := site.lastRequest()
	if first.Header.Get("If-None-Match") != "" || !strings.HasPrefix(first.Header.Get("User-Agent"), "Campanile/") {
		t.Errorf("first request headers %v", first.Header)
	}
	f = tw.reload(t, f.ID)
	if f.ETag != `"v1"` || f.LastModified != "Mon, 02 Mar 2026 09:00:00 GMT" {
		t.Fatalf("validators not kept: %+v", f)
	}
	res, err := testPoller().Poll(ctx, tw.st, f)
	if err != nil || !res.Unchanged {
		t.Fatalf("%+v %v, want unchanged", res, err)
	}
	second := site.lastRequest()
	if second.Header.Get("If-None-Match") != `"v1"` || second.Header.Get("If-Modified-Since") != "Mon, 02 Mar 2026 09:00:00 GMT" {
		t.Errorf("second request not conditional: %v", second.Header)
	}
	if after := tw.reload(t, f.ID); after.ETag != `"v1"` || after.LastError != "" || after.LastOKAt == 0 {
		t.Errorf("after a 304: %+v", after)
	}
}

func TestADisabledFeedIsNotPolled(t *testing.T) {
	tw := newPostTown(t)
	site := newSiteFeed(t, itemXML("n1", "Concerto"))
	f := tw.feed(t, site.srv.URL, true)
	f.Enabled = false
	if err := tw.st.UpdateFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if _, err := testPoller().PollAll(context.Background(), tw.st); err != nil {
		t.Fatal(err)
	}
	if len(site.requests) != 0 {
		t.Fatalf("a disabled feed was fetched %d times", len(site.requests))
	}
}

func TestAFeedWhoseTopicWasDeletedSendsItsItemsToTheQueue(t *testing.T) {
	tw := newPostTown(t)
	site := newSiteFeed(t, itemXML("n1", "Concerto"))
	f := tw.feed(t, site.srv.URL, true)
	ctx := context.Background()
	if _, err := testPoller().Poll(ctx, tw.st, f); err != nil {
		t.Fatal(err)
	}
	f = tw.reload(t, f.ID)
	f.TopicID = 0 // as after the topic's deletion (ON DELETE SET NULL)
	if err := tw.st.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	site.publish(itemXML("n2", "Mercatino"))
	if _, err := testPoller().Poll(ctx, tw.st, tw.reload(t, f.ID)); err != nil {
		t.Fatal(err)
	}
	if p := tw.feedPosts(t, f)["n2"]; p.Status != store.PostPendingApproval {
		t.Fatalf("an item with no topic is %s, want waiting for an editor", p.Status)
	}
}
