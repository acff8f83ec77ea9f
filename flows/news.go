package flows

import (
	"strconv"
	"time"

	"github.com/campanile/campanile/store"
)

// /news and /events: what the comune has published, five items a page,
// newest news first and upcoming events first. Every sent post is listed
// whatever its audience: a post to a topic or a zone is public news of the
// comune, as on its website; being addressed decides who is notified, not
// who may read.
const (
	cbNewsPage   = "nl" // nl:<page>: a page of /news, in place
	cbEventsPage = "el" // el:<page>: a page of /events, in place
	cbPostOpen   = "np" // np:<post id>: send the whole post
)

const newsPageSize = 5

func isNewsVerb(verb string) bool {
	switch verb {
	case cbNewsPage, cbEventsPage, cbPostOpen:
		return true
	}
	return false
}

func (s *session) handleNewsCallback(cb callback) error {
	n, ok := cb.id()
	if !ok {
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbNewsPage:
		s.answer("", false)
		return s.showPostList(false, int(min(n, 1<<20)), true)
	case cbEventsPage:
		s.answer("", false)
		return s.showPostList(true, int(min(n, 1<<20)), true)
	}
	return s.openPost(n)
}

// showPostList sends (or, from a page button, edits in place) one page of
// news or events. A page past the end, from an old button after posts
// were withdrawn, shows the last one.
func (s *session) showPostList(events bool, page int, edit bool) error {
	posts, total, err := s.postPage(events, page)
	if err != nil {
		return err
	}
	pages := max(1, (total+newsPageSize-1)/newsPageSize)
	if page > pages {
		page = pages
		if posts, total, err = s.postPage(events, page); err != nil {
			return err
		}
	}
	if total == 0 {
		key := "news.empty"
		if events {
			key = "news.events_empty"
		}
		if edit {
			s.editText(s.t(key, nil), nil)
		} else {
			s.sendWithMenu(s.t(key, nil))
		}
		return nil
	}
	text, buttons := s.postListView(events, posts, page, pages)
	if edit {
		s.editText(text, buttons)
	} else {
		s.send(text, buttons)
	}
	return nil
}

func (s *session) postPage(events bool, page int) ([]store.Post, int, error) {
	offset := (page - 1) * newsPageSize
	if events {
		return s.st.PublicEvents(s.ctx, s.startOfToday().Unix(), newsPageSize, offset)
	}
	return s.st.PublicNews(s.ctx, newsPageSize, offset)
}

// postListView is the page's text, one short line per item, and its
// buttons: one per item to open it, then the way to the next pages.
func (s *session) postListView(events bool, posts []store.Post, page, pages int) (string, [][]Button) {
	titleKey, prevKey, nextKey, verb := "news.title", "news.btn_prev", "news.btn_next", cbNewsPage
	if events {
		titleKey, prevKey, nextKey, verb = "news.events_title", "news.btn_prev_events", "news.btn_next_events", cbEventsPage
	}
	text := s.t(titleKey, nil)
	if pages > 1 {
		text += "\n" + s.t("news.page", map[string]any{"Page": page, "Pages": pages})
	}
	text += "\n"
	var buttons [][]Button
	today := s.startOfToday().Unix()
	for i, p := range posts {
		n := (page-1)*newsPageSize + i + 1
		key, when := "news.item", s.postDate(p.SentAt, false)
		if events {
			when = s.postDate(p.EventAt, true)
			if p.EventAt < today {
				key = "news.item_past"
			}
		} else if p.SentAt == 0 {
			when = s.postDate(p.UpdatedAt, false)
		}
		text += "\n" + s.t(key, map[string]any{"N": n, "Date": safeHTML(when), "Title": p.Title})
		buttons = append(buttons, []Button{{Text: s.plain("news.btn_item", map[string]any{"N": n, "Title": truncate(p.Title, 40)}), Data: cbData(cbPostOpen, p.ID)}})
	}
	text += "\n\n" + s.t("news.open_hint", nil)
	var nav []Button
	if page > 1 {
		nav = append(nav, Button{Text: s.plain(prevKey, nil), Data: verb + ":" + strconv.Itoa(page-1)})
	}
	if page < pages {
		nav = append(nav, Button{Text: s.plain(nextKey, nil), Data: verb + ":" + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		buttons = append(buttons, nav)
	}
	return text, buttons
}

// postDate writes a unix time as the comune's calendar shows it: day and
// month, the year only when it is not this one, and the time of day for
// events that have one.
func (s *session) postDate(unix int64, withTime bool) string {
	return s.e.formatPostDate(s.lang, s.st.Now(), unix, withTime)
}

func (e *Engine) formatPostDate(lang string, now time.Time, unix int64, withTime bool) string {
	rome := romeTime()
	t := time.Unix(unix, 0).In(rome)
	data := map[string]any{"Day": t.Format("02"), "Month": t.Format("01"), "Year": t.Format("2006")}
	date := e.t(lang, "news.date", data)
	if t.Year() != now.In(rome).Year() {
		date = e.t(lang, "news.date_year", data)
	}
	if withTime && (t.Hour() != 0 || t.Minute() != 0) {
		return e.t(lang, "news.date_time", map[string]any{"Date": safeHTML(date), "Time": t.Format("15:04")})
	}
	return date
}

// startOfToday is midnight in Rome: an event of this morning is still
// listed among those of today, not among the past ones.
func (s *session) startOfToday() time.Time {
	return time.Unix(startOfRomeDay(s.st.Now()), 0)
}

// startOfRomeDay is the unix time of the midnight, in Rome, that began
// the day of t.
func startOfRomeDay(t time.Time) int64 {
	r := t.In(romeTime())
	return time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, r.Location()).Unix()
}
