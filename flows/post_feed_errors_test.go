package flows

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

func TestABrokenOrUnreachableFeedRecordsItsErrorAndTheOthersStillGo(t *testing.T) {
	tw := newPostTown(t)
	ctx := context.Background()
	good := newSiteFeed(t, itemXML("n1", "Concerto"))
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(readFeedSample(t, "broken_unclosed.xml"))
	}))
	defer broken.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer failing.Close()
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<rss><channel>` + strings.Repeat("<!-- padding -->", 200) + `</channel></rss>`))
	}))
	defer huge.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL
	gone.Close() // nothing listens there any more

	feeds := map[string]store.Feed{}
	for name, u := range map[string]string{"a-broken": broken.URL, "b-failing": failing.URL, "c-huge": huge.URL, "d-gone": goneURL, "e-good": good.srv.URL} {
		f, err := tw.st.CreateFeed(ctx, store.Feed{Name: name, URL: u, TopicID: tw.topic["eventi"], AutoPublish: true, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		feeds[name] = f
	}
	poller := testPoller()
	poller.MaxBytes = 1000
	if _, err := poller.PollAll(ctx, tw.st); err != nil {
		t.Fatal(err)
	}
	good.publish(itemXML("n2", "Mercatino"))
	n, err := poller.PollAll(ctx, tw.st)
	if err != nil || n != 1 {
		t.Fatalf("second round made %d posts (%v), want the good feed's one", n, err)
	}
	for name, want := range map[string]string{"a-broken": FeedFailMalformed, "b-failing": FeedFailStatus, "c-huge": FeedFailTooLarge, "d-gone": FeedFailUnreachable} {
		f := tw.reload(t, feeds[name].ID)
		kind, detail := ParseFeedError(f.LastError)
		if kind != want || detail == "" || f.LastOKAt != 0 || f.LastPolledAt == 0 {
			t.Errorf("%s: %+v, want a %q error", name, f, want)
		}
	}
	if f := tw.reload(t, feeds["e-good"].ID); f.LastError != "" || f.LastOKAt == 0 {
		t.Errorf("the good feed: %+v", f)
	}

	// Fixed, the feed's error goes and its history is only marked as seen.
	fixed := tw.reload(t, feeds["a-broken"].ID)
	broken.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(readFeedSample(t, "comune_rss.xml")) })
	res, err := testPoller().Poll(ctx, tw.st, fixed)
	if err != nil || res.Seen != 3 || res.New != 0 {
		t.Fatalf("fixed feed: %+v %v", res, err)
	}
	if f := tw.reload(t, fixed.ID); f.LastError != "" || f.LastOKAt == 0 {
		t.Errorf("fixed feed still shows %+v", f)
	}
}

func TestASlowSiteTimesOutAndIsRecorded(t *testing.T) {
	tw := newPostTown(t)
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	f := tw.feed(t, slow.URL, true)
	poller := testPoller()
	poller.Timeout = 50 * time.Millisecond
	if _, err := poller.Poll(context.Background(), tw.st, f); err == nil {
		t.Fatal("a site that never answers was read")
	}
	if got := tw.reload(t, f.ID); !strings.Contains(got.LastError, "unreachable") || got.LastOKAt != 0 {
		t.Fatalf("recorded %+v", got)
	}
}

// A feed on a private or local address is refused, unless the IT office
// allowed such feeds: an editor cannot make the server read the town
// hall's own network.
func TestAFeedOnAPrivateAddressIsRefused(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "10.1.2.3:443", "192.168.0.10:80", "169.254.169.254:80", "[::1]:80", "[fd00::1]:80", "100.64.0.1:80"} {
		if err := refusePrivate("tcp", addr, nil); !errors.Is(err, errPrivateAddress) {
			t.Errorf("%s: %v", addr, err)
		}
	}
	for _, addr := range []string{"93.184.216.34:443", "[2a00:1450:4002:402::200e]:443"} {
		if err := refusePrivate("tcp", addr, nil); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the poller reached a private address")
	}))
	defer site.Close()
	ctx := context.Background()
	tw := newPostTown(t)
	f, err := tw.st.CreateFeed(ctx, store.Feed{Name: "intranet", URL: site.URL + "/rss", TopicID: tw.topic["eventi"], AutoPublish: true, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewFeedPoller(slog.New(slog.DiscardHandler)).Poll(ctx, tw.st, f)
	var fe *FeedError
	if !errors.As(err, &fe) || fe.Kind != FeedFailAddress {
		t.Fatalf("poll of %s: %v", site.URL, err)
	}
	if kind, _ := ParseFeedError(tw.reload(t, f.ID).LastError); kind != FeedFailAddress {
		t.Errorf("recorded error %q", tw.reload(t, f.ID).LastError)
	}
}
