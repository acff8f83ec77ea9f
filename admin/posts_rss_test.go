package admin

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// rssCheck is what RSS 2.0 requires of a channel and what the feed
// promises of each item, read with encoding/xml beside our own parser.
type rssCheck struct {
	Version string `xml:"version,attr"`
	Channel struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Items       []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			PubDate     string `xml:"pubDate"`
			GUID        struct {
				ID        string `xml:",chardata"`
				PermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
		} `xml:"item"`
	} `xml:"channel"`
}

func (h *harness) publishedPost(title, kind, status string, sentAt time.Time) store.Post {
	h.t.Helper()
	ctx := context.Background()
	p, err := h.st.CreatePost(ctx, store.Post{Kind: kind, Title: title, BodyHTML: "<b>Attenzione</b>\nsecondo paragrafo &amp; altro"})
	if err != nil {
		h.t.Fatal(err)
	}
	if status != store.PostDraft {
		if err := h.st.SetPostStatus(ctx, p.ID, status, []string{store.PostDraft}, sentAt.Unix()); err != nil {
			h.t.Fatal(err)
		}
	}
	return p
}

func TestTheRSSFeedCarriesTheLatestPublishedPosts(t *testing.T) {
	h := newHarness(t)
	h.s.opt.Issuer = "Comune di Borgo Fiorito"
	base := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range 55 {
		kind := []string{store.PostNews, store.PostNotice, store.PostEvent, store.PostAlert}[i%4]
		h.publishedPost(fmt.Sprintf("Notizia %02d", i), kind, store.PostSent, base.Add(time.Duration(i)*time.Hour))
	}
	h.publishedPost("Bozza", store.PostNews, store.PostDraft, time.Time{})
	h.publishedPost("Annullata", store.PostNews, store.PostCancelled, time.Time{})
	going := h.publishedPost("In invio", store.PostAlert, store.PostSending, base.Add(100*time.Hour))

	resp, body := h.get(h.client(), "/notizie.xml")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/rss+xml") {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	parsed, err := flows.ParseFeed([]byte(body))
	if err != nil {
		t.Fatalf("our own parser refuses the feed: %v", err)
	}
	if parsed.Title != "Comune di Borgo Fiorito" || len(parsed.Items) != rssItems {
		t.Fatalf("title %q with %d items, want the comune and %d", parsed.Title, len(parsed.Items), rssItems)
	}
	if parsed.Items[0].Title != "In invio" || parsed.Items[1].Title != "Notizia 54" || parsed.Items[49].Title != "Notizia 06" {
		t.Errorf("order: first %q, second %q, last %q", parsed.Items[0].Title, parsed.Items[1].Title, parsed.Items[49].Title)
	}
	for _, it := range parsed.Items {
		if it.Title == "Bozza" || it.Title == "Annullata" {
			t.Errorf("an unpublished post is in the feed: %q", it.Title)
		}
	}
	if !parsed.Items[0].Published.Equal(base.Add(100 * time.Hour)) {
		t.Errorf("pubDate %s", parsed.Items[0].Published)
	}
	if parsed.Items[0].HTML != "<b>Attenzione</b><br>\nsecondo paragrafo &amp; altro" {
		t.Errorf("description %q", parsed.Items[0].HTML)
	}

	var check rssCheck
	if err := xml.Unmarshal([]byte(body), &check); err != nil {
		t.Fatal(err)
	}
	ch := check.Channel
	if check.Version != "2.0" || ch.Title == "" || !strings.HasPrefix(ch.Link, "http://127.0.0.1:") || !strings.Contains(ch.Description, "Comune di Borgo Fiorito") {
		t.Errorf("channel %q %q %q %q", check.Version, ch.Title, ch.Link, ch.Description)
	}
	first := ch.Items[0]
	if first.GUID.ID != ch.Link+"notizie.xml#post-"+strconv.FormatInt(going.ID, 10) || first.GUID.PermaLink != "false" || first.PubDate == "" || first.Link == "" {
		t.Errorf("item %+v", first)
	}
}

func TestTheRSSFeedOfATownWithNoNewsIsStillValid(t *testing.T) {
	h := newHarness(t)
	h.s.opt.Issuer = "Comune di Esempio"
	resp, body := h.get(h.client(), "/notizie.xml")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	parsed, err := flows.ParseFeed([]byte(body))
	if err != nil || parsed.Title != "Comune di Esempio" || len(parsed.Items) != 0 {
		t.Fatalf("%+v %v", parsed, err)
	}
}
