package flows

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// The feed parser is written here with encoding/xml rather than taken from
// a library: the one feed parser served to this project (gofeed) is not an
// approved release. It reads the three formats comuni's websites publish
// (RSS 2.0, RSS 1.0/RDF, Atom 1.0) and only what becomes a post: a title,
// a link, an HTML body, an identity and a date.

// FeedItem is one entry of a website's feed.
type FeedItem struct {
	GUID      string // the item's identity: guid, Atom id or rdf:about, else its link
	Title     string
	Link      string
	HTML      string // the body as the site wrote it: sanitize before use
	Published time.Time
}

// ParsedFeed is a feed's title and items, in the feed's order.
type ParsedFeed struct {
	Title string
	Items []FeedItem
}

// maxFeedItems bounds what one poll considers: a feed is a window on the
// latest news, and a hostile one must not make thousands of posts.
const maxFeedItems = 200

// ErrNotAFeed is a document that parses as XML but is none of the three
// formats.
var ErrNotAFeed = errors.New("not an RSS or Atom feed")

type rssText struct {
	Text string `xml:",chardata"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        string  `xml:"guid"`
	About       string  `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
	Description string  `xml:"description"`
	Content     string  `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string  `xml:"pubDate"`
	DCDate      rssText `xml:"http://purl.org/dc/elements/1.1/ date"`
}

// rssDoc is RSS 2.0 (items inside the channel) and RSS 1.0 (items beside
// it) at once.
type rssDoc struct {
	Channel struct {
		Title string    `xml:"title"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	Items []rssItem `xml:"item"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

// html is the text as HTML: Atom's "text" is plain, "html" escaped HTML,
// "xhtml" inline markup.
func (t atomText) html() string {
	switch t.Type {
	case "xhtml":
		return strings.TrimSpace(t.Inner)
	case "html":
		return strings.TrimSpace(t.Text)
	}
	return html.EscapeString(strings.TrimSpace(t.Text))
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	Summary   atomText   `xml:"summary"`
	Content   atomText   `xml:"content"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
}

type atomDoc struct {
	Title   atomText    `xml:"title"`
	Entries []atomEntry `xml:"entry"`
}

// ParseFeed reads an RSS 2.0, RSS 1.0 or Atom 1.0 document. HTML entities
// such as &nbsp; are accepted outside CDATA, as real sites write them;
// anything that is not well-formed XML is an error.
func ParseFeed(data []byte) (ParsedFeed, error) {
	root, err := feedRoot(data)
	if err != nil {
		return ParsedFeed{}, err
	}
	var out ParsedFeed
	switch root.Local {
	case "rss", "RDF":
		var doc rssDoc
		if err := feedDecoder(data).Decode(&doc); err != nil {
			return ParsedFeed{}, fmt.Errorf("malformed feed: %w", err)
		}
		out.Title = strings.TrimSpace(doc.Channel.Title)
		for _, it := range append(doc.Channel.Items, doc.Items...) {
			out.add(rssItemOf(it))
		}
	case "feed":
		var doc atomDoc
		if err := feedDecoder(data).Decode(&doc); err != nil {
			return ParsedFeed{}, fmt.Errorf("malformed feed: %w", err)
		}
		out.Title = strings.TrimSpace(doc.Title.Text)
		for _, e := range doc.Entries {
			out.add(atomItemOf(e))
		}
	default:
		return ParsedFeed{}, fmt.Errorf("%w: the document is <%s>", ErrNotAFeed, root.Local)
	}
	return out, nil
}

// add keeps an item that can be told apart from the others: without a
// guid or a link it could not be recognised at the next poll.
func (f *ParsedFeed) add(it FeedItem) {
	if it.GUID == "" || (it.Title == "" && it.HTML == "") || len(f.Items) >= maxFeedItems {
		return
	}
	f.Items = append(f.Items, it)
}

func rssItemOf(it rssItem) FeedItem {
	out := FeedItem{Title: strings.TrimSpace(it.Title), Link: strings.TrimSpace(it.Link), HTML: strings.TrimSpace(it.Content)}
	if out.HTML == "" {
		out.HTML = strings.TrimSpace(it.Description)
	}
	out.GUID = firstNonEmpty(strings.TrimSpace(it.GUID), strings.TrimSpace(it.About), out.Link)
	out.Published = parseFeedDate(firstNonEmpty(it.PubDate, it.DCDate.Text))
	return out
}

func atomItemOf(e atomEntry) FeedItem {
	out := FeedItem{Title: strings.TrimSpace(e.Title.Text), HTML: e.Content.html()}
	if out.HTML == "" {
		out.HTML = e.Summary.html()
	}
	for _, l := range e.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			out.Link = strings.TrimSpace(l.Href)
			break
		}
	}
	out.GUID = firstNonEmpty(strings.TrimSpace(e.ID), out.Link)
	out.Published = parseFeedDate(firstNonEmpty(e.Published, e.Updated))
	return out
}

func feedDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	// Italian sites still serve ISO-8859-1 and windows-1252.
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return d
}

// feedRoot is the name of the document's first element.
func feedRoot(data []byte) (xml.Name, error) {
	d := feedDecoder(data)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.Name{}, fmt.Errorf("%w: the document is empty", ErrNotAFeed)
		}
		if err != nil {
			return xml.Name{}, fmt.Errorf("malformed feed: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name, nil
		}
	}
}

// feedDateLayouts are the dates feeds write: RFC 822 in its variants for
// RSS, RFC 3339 for Atom and Dublin Core.
var feedDateLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 -0700", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02",
}

// parseFeedDate returns the zero time for a date it cannot read: a post
// takes its own time then, and a wrong date is no reason to lose news.
func parseFeedDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range feedDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
