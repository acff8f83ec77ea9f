package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/store"
)

// Bounds of what a clerk types. A body may be longer than one Telegram
// message (it is split), not longer than anyone reads on a phone.
const (
	maxTitleRunes = 200
	maxBodyRunes  = 20_000
	maxLinkBytes  = 2_000
	maxPlaceRunes = 200
)

// readPostForm reads the form as typed; ids that are not numbers (no form
// of ours sends them) read as an impossible 0, refused by the checks.
func readPostForm(r *http.Request) postForm {
	v := r.PostForm
	trim := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := postForm{Kind: trim("kind"), Title: trim("title"), Body: strings.TrimSpace(v.Get("body")), Link: trim("link"),
		EventAt: trim("event_at"), EventPlace: trim("event_place"), Audience: trim("audience"), AreaMode: trim("area_mode"),
		Polygon: v.Get("polygon"), Lat: trim("lat"), Lon: trim("lon"), Radius: trim("radius"),
		Loudness: trim("loudness"), PublishAt: trim("publish_at"), RemoveMedia: v.Get("remove_media") == "1"}
	var ok bool
	if f.TopicIDs, ok = formIDs(v["topic"]); !ok {
		f.TopicIDs = []int64{0}
	}
	if f.ZoneIDs, ok = formIDs(v["zone"]); !ok {
		f.ZoneIDs = []int64{0}
	}
	return f
}

// checkPostForm turns a form into a post, or says what is wrong with each
// field; removed lists what the sanitizer took out of the body. The view v
// holds the choices that exist (fillPostForm); now is the store's clock.
func checkPostForm(p page, f postForm, v postFormView, now time.Time) (post store.Post, removed cleaning, errs map[string]string) {
	errs = map[string]string{}
	post.Kind = f.Kind
	if !slices.Contains(postKinds, f.Kind) {
		errs["kind"] = p.T("admin.posts.error_kind")
	}
	post.Title = f.Title
	switch n := utf8.RuneCountInString(f.Title); {
	case n == 0:
		errs["title"] = p.T("admin.posts.error_title_empty")
	case n > maxTitleRunes || strings.ContainsAny(f.Title, "\r\n"):
		errs["title"] = p.T("admin.posts.error_title_long", "Max", maxTitleRunes)
	}
	if utf8.RuneCountInString(f.Body) > maxBodyRunes {
		errs["body"] = p.T("admin.posts.error_body_long", "Max", maxBodyRunes)
	} else {
		post.BodyHTML = richtext.Sanitize(f.Body)
		removed = cleaningOf(f.Body, post.BodyHTML)
	}
	if f.Link != "" {
		if !webLink(f.Link) {
			errs["link"] = p.T("admin.posts.error_link")
		}
		post.Link = f.Link
	}
	if f.Kind == store.PostEvent {
		at, err := romeInput(f.EventAt)
		if err != nil {
			errs["event_at"] = p.T(err.Error())
		}
		post.EventAt = at
		if utf8.RuneCountInString(f.EventPlace) > maxPlaceRunes {
			errs["event_place"] = p.T("admin.posts.error_place_long", "Max", maxPlaceRunes)
		}
		post.EventPlace = f.EventPlace
	}
	checkAudience(p, f, v, &post, errs)
	post.Loudness = f.Loudness
	if !slices.Contains(loudnesses, f.Loudness) {
		errs["loudness"] = p.T("admin.posts.error_loudness")
	}
	if f.PublishAt != "" {
		at, err := romeInput(f.PublishAt)
		switch {
		case err != nil:
			errs["publish_at"] = p.T(err.Error())
		case at <= now.Unix():
			errs["publish_at"] = p.T("admin.posts.error_publish_past")
		}
		post.PublishAt = at
	}
	return post, removed, errs
}

// romeInput reads a datetime-local value as the town hall's clock shows
// it. A time the clocks skip (02:30 on the last Sunday of March) is
// refused rather than moved; a time they show twice (02:30 on the last
// Sunday of October) is the first one, still summer time. The errors are
// message ids.
func romeInput(text string) (int64, error) {
	if text == "" {
		return 0, errorID("admin.posts.error_when_empty")
	}
	t, err := time.ParseInLocation(localInput, text, rome)
	if err != nil {
		return 0, errorID("admin.posts.error_when")
	}
	if t.Format(localInput) != text {
		return 0, errorID("admin.posts.error_when_skipped")
	}
	// Go picks either reading of a doubled hour; an hour earlier showing
	// the same on the wall is the first one.
	if earlier := t.Add(-time.Hour); earlier.In(rome).Format(localInput) == text {
		t = earlier
	}
	return t.Unix(), nil
}

// errorID is an error whose text is a message id.
type errorID string

func (e errorID) Error() string { return string(e) }

// webLink accepts absolute http and https addresses only: a citizen taps
// it in Telegram, where javascript: or file: would be refused or worse.
func webLink(s string) bool {
	if len(s) > maxLinkBytes {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
