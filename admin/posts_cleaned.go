package admin

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

var (
	tagName  = regexp.MustCompile(`<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)`)
	hrefAttr = regexp.MustCompile(`(?i)\shref\s*=`)
	// tagList is what a redirect may carry back as the removed tags.
	tagList = regexp.MustCompile(`^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$`)
)

// lineBreakTags become line breaks and list markers in Telegram's text: the clerk's
// paragraphs and lists are kept, so they are not reported as removed.
var lineBreakTags = []string{"p", "br", "div", "ul", "ol", "li"}

// cleaning is what the sanitizer took out of a body, for the clerk: the
// tags Telegram cannot show (their text stays) and the links whose
// address was not a web, mail or Telegram one.
type cleaning struct {
	Tags  []string
	Links int
}

func (c cleaning) empty() bool { return len(c.Tags) == 0 && c.Links == 0 }

// cleaningOf compares what the clerk wrote with what was kept.
func cleaningOf(raw, clean string) cleaning {
	kept := map[string]bool{}
	for _, m := range tagName.FindAllStringSubmatch(clean, -1) {
		kept[strings.ToLower(m[1])] = true
	}
	var c cleaning
	for _, m := range tagName.FindAllStringSubmatch(raw, -1) {
		name := strings.ToLower(m[1])
		if !kept[name] && !slices.Contains(lineBreakTags, name) && !slices.Contains(c.Tags, name) {
			c.Tags = append(c.Tags, name)
		}
	}
	c.Links = max(0, len(hrefAttr.FindAllString(raw, -1))-len(hrefAttr.FindAllString(clean, -1)))
	return c
}

// query adds the cleaning to a redirect's query string.
func (c cleaning) query(v url.Values) {
	if len(c.Tags) > 0 {
		v.Set("removed", strings.Join(c.Tags, ","))
	}
	if c.Links > 0 {
		v.Set("links", "1")
	}
}

// cleaningFrom reads it back; anything but a list of tag names is
// ignored, since the page shows it.
func cleaningFrom(v url.Values) cleaning {
	var c cleaning
	if s := v.Get("removed"); len(s) <= 200 && tagList.MatchString(s) {
		c.Tags = strings.Split(s, ",")
	}
	if v.Get("links") == "1" {
		c.Links = 1
	}
	return c
}
