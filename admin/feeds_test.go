package admin

import (
	"context"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// feedDesk is an editor at the admin with a comune website serving a
// feed whose items the test sets.
type feedDesk struct {
	*harness
	c      *http.Client
	csrf   string
	items  atomic.Pointer[string]
	site   *httptest.Server
	eventi int64
}

func newFeedDesk(t *testing.T) *feedDesk {
	t.Helper()
	d := &feedDesk{harness: newHarness(t)}
	d.s.opt.FeedsAllowPrivate = true // the tests' feeds are on 127.0.0.1
	d.c, d.csrf = d.signedInClient(d.account("redazione", store.RoleEditor, "a long enough password", false))
	d.setItems(`<item><title>Concerto</title><guid>n1</guid><link>https://www.comune.example.it/n1</link></item>`)
	d.site = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<rss version="2.0"><channel><title>Sito</title>` + *d.items.Load() + `</channel></rss>`))
	}))
	t.Cleanup(d.site.Close)
	topics, err := d.st.AllTopics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics {
		if tp.Slug == "eventi" {
			d.eventi = tp.ID
		}
	}
	return d
}

func (d *feedDesk) setItems(items string) { d.items.Store(&items) }

func (d *feedDesk) send(path string, form url.Values) (*http.Response, string) {
	d.t.Helper()
	form.Set("csrf", d.csrf)
	return d.post(d.c, path, form)
}

func (d *feedDesk) text(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[args[i].(string)] = args[i+1]
	}
	return html.EscapeString(locales.MustLoad().T("it", id, data))
}

func (d *feedDesk) feeds() []store.Feed {
	d.t.Helper()
	all, err := d.st.Feeds(context.Background(), false)
	if err != nil {
		d.t.Fatal(err)
	}
	return all
}

func (d *feedDesk) addFeed(u string, auto bool) store.Feed {
	d.t.Helper()
	form := url.Values{"name": {"Notizie dal sito"}, "url": {u}, "topic": {idStr(d.eventi)}}
	if auto {
		form.Set("auto_publish", "on")
	}
	resp, body := d.send("/admin/feeds", form)
	redirectedTo(d.t, resp, body, "/admin/feeds?done=feed_added")
	all := d.feeds()
	return all[len(all)-1]
}

func TestAddingAFeedPollsItOnceAndMarksItsHistoryAsSeen(t *testing.T) {
	d := newFeedDesk(t)
	f := d.addFeed(d.site.URL, true)
	if f.Name != "Notizie dal sito" || f.TopicID != d.eventi || !f.AutoPublish || !f.Enabled || f.LastOKAt == 0 || f.LastError != "" {
		t.Fatalf("registered %+v", f)
	}
	posts, _ := d.st.ListPosts(context.Background(), store.PostFilter{})
	if len(posts) != 1 || posts[0].Status != store.PostCancelled || posts[0].FeedGUID != "n1" {
		t.Fatalf("posts %+v, want n1 marked as seen", posts)
	}
	_, body := d.get(d.c, "/admin/feeds?done=feed_added")
	for _, want := range []string{d.text("admin.feeds.done_feed_added"), "Notizie dal sito", d.site.URL, d.text("admin.feeds.auto")} {
		if !strings.Contains(body, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if got := d.auditActions(); !slices.Equal(got, []string{"feeds.create"}) {
		t.Errorf("audit %v", got)
	}
}

func TestAnUnreachableFeedShowsItsErrorAtOnce(t *testing.T) {
	d := newFeedDesk(t)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	f := d.addFeed(gone.URL+"/feed", false)
	if f.LastError == "" || f.LastOKAt != 0 {
		t.Fatalf("registered %+v, want its error recorded", f)
	}
	kind, detail := flows.ParseFeedError(f.LastError)
	if kind != flows.FeedFailUnreachable {
		t.Fatalf("recorded %q, want an unreachable site", f.LastError)
	}
	for _, path := range []string{"/admin/feeds", "/admin/feeds/" + idStr(f.ID)} {
		_, body := d.get(d.c, path)
		if want := d.text("admin.feeds.fail_unreachable", "Detail", detail); !strings.Contains(body, want) {
			t.Errorf("%s does not show %q", path, want)
		}
	}
}

func TestTheFeedFormRefusesWrongValuesAndChangesNothing(t *testing.T) {
	d := newFeedDesk(t)
	d.addFeed(d.site.URL, false)
	before := d.feeds()
	for _, c := range []struct {
		label string
		form  url.Values
		msg   string
	}{
		{"no name", url.Values{"name": {" "}, "url": {"https://e.it/feed"}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_name_required")},
		{"a name too long", url.Values{"name": {strings.Repeat("n", feedNameMax+1)}, "url": {"https://e.it/feed"}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_name_long", "Max", feedNameMax)},
		{"not a web address", url.Values{"name": {"Sito"}, "url": {"ftp://e.it/feed"}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_url")},
		{"no host", url.Values{"name": {"Sito"}, "url": {"https:///feed"}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_url")},
		{"credentials in the address", url.Values{"name": {"Sito"}, "url": {"https://u:p@e.it/feed"}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_url")},
		{"no topic", url.Values{"name": {"Sito"}, "url": {"https://e.it/feed"}}, d.text("admin.feeds.error_topic")},
		{"a topic that does not exist", url.Values{"name": {"Sito"}, "url": {"https://e.it/feed"}, "topic": {"99999"}}, d.text("admin.feeds.error_topic")},
		{"a feed already registered", url.Values{"name": {"Ancora"}, "url": {d.site.URL}, "topic": {idStr(d.eventi)}}, d.text("admin.feeds.error_url_taken")},
	} {
		t.Run(c.label, func(t *testing.T) {
			resp, body := d.send("/admin/feeds", c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			for _, want := range []string{c.msg, d.text("admin.feeds.form_errors")} {
				if !strings.Contains(body, want) {
					t.Errorf("the form lacks %q", want)
				}
			}
			if after := d.feeds(); !slices.Equal(after, before) {
				t.Errorf("feeds changed: %+v", after)
			}
		})
	}
	if got := d.auditActions(); len(got) != 1 {
		t.Errorf("refused forms were audited: %v", got)
	}
}

func TestEditingAndDeletingAFeed(t *testing.T) {
	d := newFeedDesk(t)
	ctx := context.Background()
	f := d.addFeed(d.site.URL, true)
	path := "/admin/feeds/" + idStr(f.ID)
	resp, body := d.send(path, url.Values{"name": {"Albo"}, "topic": {idStr(d.eventi)}, "enabled": {"on"}})
	redirectedTo(t, resp, body, "/admin/feeds?done=feed_saved")
	got, _ := d.st.FeedByID(ctx, f.ID)
	if got.Name != "Albo" || got.AutoPublish || !got.Enabled || got.URL != f.URL {
		t.Fatalf("saved %+v", got)
	}

	resp, body = d.send(path, url.Values{"name": {""}, "topic": {idStr(d.eventi)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.text("admin.feeds.error_name_required")) {
		t.Fatalf("an empty name: %d", resp.StatusCode)
	}
	if again, _ := d.st.FeedByID(ctx, f.ID); again != got {
		t.Fatalf("a refused edit changed the feed: %+v", again)
	}
	if resp, _ := d.get(d.c, "/admin/feeds/99999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown feed: %d", resp.StatusCode)
	}

	// An item waits for approval; deleting the feed discards it.
	d.setItems(`<item><title>Mercatino</title><guid>n2</guid></item>` + *d.items.Load())
	pending := d.pollAndPending(got, 1)
	resp, body = d.send(path+"/delete", url.Values{})
	redirectedTo(t, resp, body, "/admin/feeds?done=feed_deleted")
	if _, err := d.st.FeedByID(ctx, f.ID); err != store.ErrNotFound {
		t.Fatalf("the feed is still there: %v", err)
	}
	if p, _ := d.st.PostByID(ctx, pending[0].ID); p.Status != store.PostCancelled {
		t.Errorf("the pending item is %s, want cancelled", p.Status)
	}
	if got := d.auditActions(); !slices.Equal(got, []string{"feeds.delete", "feeds.update", "feeds.create"}) {
		t.Errorf("audit %v", got)
	}
}

// pollAndPending polls f as the scheduler would and returns the queue,
// which must hold want items.
func (d *feedDesk) pollAndPending(f store.Feed, want int) []store.Post {
	d.t.Helper()
	ctx := context.Background()
	f, _ = d.st.FeedByID(ctx, f.ID)
	f.ETag, f.LastModified = "", ""
	if _, err := newTestPoller().Poll(ctx, d.st, f); err != nil {
		d.t.Fatal(err)
	}
	pending, err := d.st.PendingFeedPosts(ctx, 10)
	if err != nil || len(pending) != want {
		d.t.Fatalf("pending %+v %v, want %d", pending, err, want)
	}
	return pending
}

func TestTheQueueApprovesOrDiscardsEachItemOnce(t *testing.T) {
	d := newFeedDesk(t)
	ctx := context.Background()
	f := d.addFeed(d.site.URL, false)
	d.setItems(`<item><title>Mercatino</title><guid>n2</guid><description>&lt;p&gt;Bancarelle &lt;b&gt;in piazza&lt;/b&gt;&lt;/p&gt;</description></item>` +
		`<item><title>Sagra</title><guid>n3</guid></item>` + *d.items.Load())
	pending := d.pollAndPending(f, 2)
	_, body := d.get(d.c, "/admin/feeds/queue")
	for _, want := range []string{"Mercatino", "Sagra", "<b>in piazza</b>", "Notizie dal sito"} {
		if !strings.Contains(body, want) {
			t.Errorf("the queue lacks %q", want)
		}
	}
	byTitle := map[string]int64{}
	for _, p := range pending {
		byTitle[p.Title] = p.ID
	}
	approve := "/admin/feeds/queue/" + idStr(byTitle["Mercatino"]) + "/approve"
	resp, body := d.send(approve, url.Values{})
	redirectedTo(t, resp, body, "/admin/feeds/queue?done=item_approved")
	if p, _ := d.st.PostByID(ctx, byTitle["Mercatino"]); p.Status != store.PostScheduled || p.PublishAt != 0 {
		t.Fatalf("approved item %+v, want scheduled for now", p)
	}
	// A colleague's second click changes nothing and says so.
	resp, body = d.send("/admin/feeds/queue/"+idStr(byTitle["Mercatino"])+"/discard", url.Values{})
	redirectedTo(t, resp, body, "/admin/feeds/queue?done=item_gone")
	if p, _ := d.st.PostByID(ctx, byTitle["Mercatino"]); p.Status != store.PostScheduled {
		t.Fatalf("a late discard changed the approved item to %s", p.Status)
	}
	resp, body = d.send("/admin/feeds/queue/"+idStr(byTitle["Sagra"])+"/discard", url.Values{})
	redirectedTo(t, resp, body, "/admin/feeds/queue?done=item_discarded")
	if p, _ := d.st.PostByID(ctx, byTitle["Sagra"]); p.Status != store.PostCancelled {
		t.Fatalf("discarded item is %s", p.Status)
	}
	// A discarded item does not come back at the next poll.
	d.pollAndPending(f, 0)

	// Only feed items are the queue's; unknown ids are 404.
	own, err := d.st.CreatePost(ctx, store.Post{Kind: store.PostNews, Title: "Scritto in redazione", Status: store.PostPendingApproval})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{own.ID, 99999} {
		if resp, _ := d.send("/admin/feeds/queue/"+idStr(id)+"/approve", url.Values{}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("approving post %d: %d, want 404", id, resp.StatusCode)
		}
	}
	if p, _ := d.st.PostByID(ctx, own.ID); p.Status != store.PostPendingApproval {
		t.Errorf("the staff's own post became %s", p.Status)
	}
	if got := d.auditActions(); !slices.Equal(got, []string{"feeds.item.discard", "feeds.item.approve", "feeds.create"}) {
		t.Errorf("audit %v", got)
	}
}

func TestOperatorsCannotReachTheFeeds(t *testing.T) {
	d := newFeedDesk(t)
	c, _ := d.signedInClient(d.account("sportello", store.RoleOperator, "a long enough password", false))
	if resp, _ := d.get(c, "/admin/feeds"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an operator got %d", resp.StatusCode)
	}
}

// newTestPoller reads the test's own servers, on 127.0.0.1.
func newTestPoller() *flows.FeedPoller {
	p := flows.NewFeedPoller(slog.New(slog.DiscardHandler))
	p.AllowPrivate = true
	return p
}

func TestTheHomePageLinksTheFeedsForEditors(t *testing.T) {
	d := newFeedDesk(t)
	_, body := d.get(d.c, "/admin/")
	if !strings.Contains(body, `href="/admin/feeds"`) {
		t.Error("an editor's home page does not link the feeds")
	}
	c, _ := d.signedInClient(d.account("sportello", store.RoleOperator, "a long enough password", false))
	if _, body := d.get(c, "/admin/"); strings.Contains(body, `href="/admin/feeds"`) {
		t.Error("an operator's home page links the feeds")
	}
}
