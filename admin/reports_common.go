package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// The report pages are parsed with the others at start-up.
func init() { pages = append(pages, "reports", "report") }

// rome is the comune's clock: clerks read times as the town hall's wall
// shows them, whatever zone the server runs in.
var rome = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic("admin: " + err.Error()) // embedded by time/tzdata
	}
	return loc
}()

func romeTime(unix int64) string {
	if unix == 0 {
		return ""
	}
	return time.Unix(unix, 0).In(rome).Format("02/01/2006 15:04")
}

// reportNames resolves the ids a report row carries. It is loaded once per
// request (a few dozen rows at most) so that a page of 50 reports, or an
// export of 100 000, never asks the database once per row.
type reportNames struct {
	lang       string
	categories map[int64]store.Category
	zones      map[int64]string
	offices    map[int64]string
	// Ordered lists for the filter form's selects.
	catList    []store.Category
	zoneList   []store.Zone
	officeList []store.Office
}

func (s *Server) loadReportNames(ctx context.Context, lang string) (*reportNames, error) {
	n := &reportNames{lang: lang, categories: map[int64]store.Category{}, zones: map[int64]string{}, offices: map[int64]string{}}
	tops, err := s.st.Categories(ctx, 0, false)
	if err != nil {
		return nil, err
	}
	for _, top := range tops {
		n.catList = append(n.catList, top)
		n.categories[top.ID] = top
		subs, err := s.st.Categories(ctx, top.ID, false)
		if err != nil {
			return nil, err
		}
		for _, c := range subs {
			n.catList = append(n.catList, c)
			n.categories[c.ID] = c
		}
	}
	if n.zoneList, err = s.st.Zones(ctx, store.ZoneKindZone); err != nil {
		return nil, err
	}
	for _, z := range n.zoneList {
		n.zones[z.ID] = z.Name
	}
	if n.officeList, err = s.st.Offices(ctx); err != nil {
		return nil, err
	}
	for _, o := range n.officeList {
		n.offices[o.ID] = o.Name
	}
	return n, nil
}

// category names a category with its parent, "Strade › Buche", as clerks
// tell subcategories apart.
func (n *reportNames) category(id int64) string {
	c, ok := n.categories[id]
	if !ok {
		return ""
	}
	if p, ok := n.categories[c.ParentID]; ok {
		return p.Name(n.lang) + " › " + c.Name(n.lang)
	}
	return c.Name(n.lang)
}

func (n *reportNames) zone(id int64) string { return n.zones[id] }

// office is the office of a category, or of its parent when it has none.
func (n *reportNames) office(categoryID int64) string {
	c := n.categories[categoryID]
	if c.OfficeID == 0 {
		c = n.categories[c.ParentID]
	}
	return n.offices[c.OfficeID]
}

// reportIDOf reads {id}; a malformed one is as unknown as a missing one.
func reportIDOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	return id, err == nil && id > 0
}

// staffAuthor is the clerk as the report's timeline names them.
func staffAuthor(r *http.Request) store.Author {
	return store.Author{Kind: store.AuthorStaff, Name: clerkName(stateFrom(r).acct)}
}

// clerkName is a clerk as colleagues call them: the full name when there
// is one, else the username.
func clerkName(a store.StaffAccount) string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Username
}

// backToReport ends an action with a redirect to the report (POST,
// redirect, GET), naming what was done so that the page can say so and a
// reload does not post twice.
func backToReport(w http.ResponseWriter, r *http.Request, id int64, done string) {
	http.Redirect(w, r, fmt.Sprintf("/admin/reports/%d?done=%s", id, url.QueryEscape(done)), http.StatusSeeOther)
}

// notify wakes the sender after a commit that enqueued messages.
func (s *Server) notify(n int) {
	if n > 0 && s.opt.Notify != nil {
		s.opt.Notify()
	}
}

// errNoEngine is a server built without flows: it can show reports but
// not act on them.
var errNoEngine = errors.New("admin: no flows engine configured")

// act runs fn in one transaction with the enqueueing of the messages it
// returns: the change and its messages exist together or not at all.
// The sender is woken once the transaction has committed.
func (s *Server) act(ctx context.Context, priority int, fn func(tx *store.Store, e *flows.Engine) ([]flows.Message, error)) error {
	if s.opt.Engine == nil {
		return errNoEngine
	}
	n := 0
	err := s.st.InTx(ctx, func(tx *store.Store) error {
		msgs, err := fn(tx, s.opt.Engine)
		if err != nil {
			return err
		}
		n = len(msgs)
		if n == 0 {
			return nil
		}
		return flows.Enqueue(ctx, tx, priority, msgs...)
	})
	if err != nil {
		return err
	}
	s.notify(n)
	return nil
}

// refusal is the message for an action the clerk can fix (an illegal
// transition, an unknown number, an empty text), or "" for a fault of
// ours.
func refusal(p page, err error) string {
	var te flows.TransitionError
	switch {
	case errors.As(err, &te):
		return p.T("admin.report.error_transition", "From", p.T("status."+te.From), "To", p.T("status."+te.To))
	case errors.Is(err, flows.ErrEmptyReply):
		return p.T("admin.report.error_empty")
	}
	return ""
}

// actionFailed answers an action that changed nothing: the report page
// with the reason and what the clerk typed, or a 500 for our own fault.
func (s *Server) actionFailed(w http.ResponseWriter, r *http.Request, id int64, err error, v reportView) {
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
		return
	}
	msg := refusal(s.newPage(r, "admin.report.title", nil), err)
	if msg == "" {
		s.serverError(w, r, err)
		return
	}
	v.Error = msg
	s.showReport(w, r, id, http.StatusUnprocessableEntity, v)
}
