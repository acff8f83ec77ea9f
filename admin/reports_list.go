package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/campanile/campanile/store"
)

const reportsPageSize = 50

// inboxQuery is the inbox's filter as the query string carries it, so that
// a filtered, sorted page is a URL a clerk can share.
type inboxQuery struct {
	Statuses                     []string
	CategoryID, OfficeID, ZoneID int64
	From, To, Q, Sort            string
	Overdue                      bool
	Mine                         bool // handed to the signed-in clerk by name
	Page                         int
}

func parseInboxQuery(v url.Values) inboxQuery {
	q := inboxQuery{From: v.Get("from"), To: v.Get("to"), Q: strings.TrimSpace(v.Get("q")), Sort: v.Get("sort"),
		Overdue: v.Get("overdue") == "1", Mine: v.Get("mine") == "1"}
	for _, st := range v["status"] {
		if slices.Contains(store.ReportStatuses, st) && !slices.Contains(q.Statuses, st) {
			q.Statuses = append(q.Statuses, st)
		}
	}
	q.CategoryID, _ = strconv.ParseInt(v.Get("category"), 10, 64)
	q.OfficeID, _ = strconv.ParseInt(v.Get("office"), 10, 64)
	q.ZoneID, _ = strconv.ParseInt(v.Get("zone"), 10, 64)
	switch q.Sort {
	case store.SortOldest, store.SortUpdated, store.SortSupporters:
	default:
		q.Sort = store.SortNewest
	}
	q.Page, _ = strconv.Atoi(v.Get("page"))
	q.Page = max(q.Page, 1)
	if len(q.Q) > 200 {
		q.Q = q.Q[:200]
	}
	return q
}

// filter is the store's filter for q; dates are whole days in Rome, "to"
// included.
func (q inboxQuery) filter() store.ReportFilter {
	f := store.ReportFilter{Statuses: q.Statuses, CategoryID: q.CategoryID, OfficeID: q.OfficeID, ZoneID: q.ZoneID,
		Query: q.Q, Overdue: q.Overdue, Sort: q.Sort, Limit: reportsPageSize, Offset: (q.Page - 1) * reportsPageSize}
	if d, err := time.ParseInLocation("2006-01-02", q.From, rome); err == nil {
		f.From = d.Unix()
	}
	if d, err := time.ParseInLocation("2006-01-02", q.To, rome); err == nil {
		f.To = d.AddDate(0, 0, 1).Unix()
	}
	return f
}

// values writes q back as a query string; without the page, so links add
// their own, and without status and overdue when a counter sets its own.
func (q inboxQuery) values(withStatus bool) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	id := func(k string, n int64) {
		if n != 0 {
			v.Set(k, strconv.FormatInt(n, 10))
		}
	}
	if withStatus {
		v["status"] = q.Statuses
		if q.Overdue {
			v.Set("overdue", "1")
		}
	}
	if q.Mine {
		v.Set("mine", "1")
	}
	id("category", q.CategoryID)
	id("office", q.OfficeID)
	id("zone", q.ZoneID)
	set("from", q.From)
	set("to", q.To)
	set("q", q.Q)
	if q.Sort != store.SortNewest {
		v.Set("sort", q.Sort)
	}
	return v
}

type inboxCounter struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type inboxRow struct {
	ID                                   int64
	Number, Status, StatusName, Category string
	Zone, Place, Created, Updated        string
	Assigned                             string // "Ufficio tecnico · Maria Rossi", "" when nobody
	Supporters                           int
}

type inboxPageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

type inboxData struct {
	Q                          inboxQuery
	Counters                   []inboxCounter
	Rows                       []inboxRow
	Total                      int
	Pages                      []inboxPageLink
	Page, Last                 int
	ExportCSV                  string
	ExportXLSX                 string
	Statuses                   []statusOption
	Categories, Zones, Offices []idOption
	Sorts                      []string
	Notice                     string
}

// reportsList is the inbox: the filtered, sorted page of reports with the
// counters clerks steer by, within the clerk's scope (report_scope.go).
func (s *Server) reportsList() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		q := parseInboxQuery(r.URL.Query())
		f, err := s.inboxFilter(r, q)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p := s.newPage(r, "admin.reports.title", nil)
		names, err := s.loadReportNames(ctx, p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		counts, err := s.st.CountReportsByStatus(ctx, f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		of := f
		of.Overdue = true
		overdue, err := s.st.CountReportsByStatus(ctx, of)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		page, err := s.st.ListReports(ctx, f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d := inboxData{Q: q, Total: page.Total, Page: q.Page, Last: max(1, (page.Total+reportsPageSize-1)/reportsPageSize),
			Sorts: []string{store.SortNewest, store.SortOldest, store.SortUpdated, store.SortSupporters}}
		d.Statuses = statusOptions(p, q.Statuses)
		for _, c := range names.catList {
			d.Categories = append(d.Categories, idOption{c.ID, names.category(c.ID), c.ID == q.CategoryID})
		}
		for _, z := range names.zoneList {
			d.Zones = append(d.Zones, idOption{z.ID, z.Name, z.ID == q.ZoneID})
		}
		for _, o := range names.officeList {
			d.Offices = append(d.Offices, idOption{o.ID, o.Name, o.ID == q.OfficeID})
		}
		if r.URL.Query().Get("done") == "assigned_away" {
			// An action handed the report outside the clerk's scope: its
			// page is gone for them, so they land here.
			d.Notice = "admin.reports.done_assigned_away"
		}
		d.Counters = inboxCounters(p, q, counts, overdue)
		clerks := clerkNames{st: s.st, byID: map[int64]string{}}
		for _, rep := range page.Reports {
			person, err := clerks.name(ctx, rep.AssignedStaffID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			d.Rows = append(d.Rows, inboxRow{ID: rep.ID, Number: rep.Number, Status: rep.Status, StatusName: p.T("status." + rep.Status),
				Category: names.category(rep.CategoryID), Zone: names.zone(rep.ZoneID), Place: rep.PlaceText,
				Assigned: joinNames(names.offices[rep.AssignedOfficeID], person),
				Created:  romeTime(rep.CreatedAt), Updated: romeTime(rep.UpdatedAt), Supporters: rep.Supporters})
		}
		d.Pages = pageLinks(q, d.Last)
		all := q.values(true).Encode()
		d.ExportCSV = "/admin/reports/export.csv?" + all
		d.ExportXLSX = "/admin/reports/export.xlsx?" + all
		p.Data = d
		s.render(w, r, http.StatusOK, "reports", p)
	}
}

// inboxCounters are the clerk's usual questions: what is new, what is on
// the go, what is late, what is done. Each applies its filter on top of
// the others (category, zone, dates, text).
func inboxCounters(p page, q inboxQuery, counts, overdue map[string]int) []inboxCounter {
	base := q.values(false)
	link := func(overdue bool, statuses ...string) string {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v["status"] = statuses
		if overdue {
			v.Set("overdue", "1")
		}
		return "/admin/reports?" + v.Encode()
	}
	same := func(overdueC bool, statuses ...string) bool {
		return q.Overdue == overdueC && slices.Equal(q.Statuses, statuses)
	}
	sum := 0
	for _, n := range overdue {
		sum += n
	}
	return []inboxCounter{
		{p.T("admin.reports.count_new"), counts[store.ReportNew], link(false, store.ReportNew), same(false, store.ReportNew)},
		{p.T("admin.reports.count_open"), counts[store.ReportTaken] + counts[store.ReportInProgress],
			link(false, store.ReportTaken, store.ReportInProgress), same(false, store.ReportTaken, store.ReportInProgress)},
		{p.T("admin.reports.count_overdue"), sum, link(true), same(true)},
		{p.T("admin.reports.count_resolved"), counts[store.ReportResolved], link(false, store.ReportResolved), same(false, store.ReportResolved)},
		{p.T("admin.reports.count_closed"), counts[store.ReportRejected] + counts[store.ReportDuplicate],
			link(false, store.ReportRejected, store.ReportDuplicate), same(false, store.ReportRejected, store.ReportDuplicate)},
	}
}

// pageLinks are the first, the last and the pages around the current one,
// with gaps between: 2 000 pages do not make 2 000 links.
func pageLinks(q inboxQuery, last int) []inboxPageLink {
	if last <= 1 {
		return nil
	}
	v := q.values(true)
	var out []inboxPageLink
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < q.Page-2 || n > q.Page+2) {
			continue
		}
		if prev != 0 && n > prev+1 {
			out = append(out, inboxPageLink{Gap: true})
		}
		v.Set("page", strconv.Itoa(n))
		out = append(out, inboxPageLink{N: n, URL: "/admin/reports?" + v.Encode(), Current: n == q.Page})
		prev = n
	}
	return out
}

// statusOption is one status in a form: its code, its name, whether chosen.
type statusOption struct {
	Code, Name string
	Checked    bool
}

func statusOptions(p page, chosen []string) []statusOption {
	out := make([]statusOption, 0, len(store.ReportStatuses))
	for _, st := range store.ReportStatuses {
		out = append(out, statusOption{Code: st, Name: p.T("status." + st), Checked: slices.Contains(chosen, st)})
	}
	return out
}

// idOption is one choice of a select that names an id.
type idOption struct {
	ID       int64
	Name     string
	Selected bool
}

// clerkNames names the clerks reports are assigned to, each read once per
// page (a page names a handful at most).
type clerkNames struct {
	st   *store.Store
	byID map[int64]string
}

func (c clerkNames) name(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if n, ok := c.byID[id]; ok {
		return n, nil
	}
	a, err := c.st.StaffAccount(ctx, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	c.byID[id] = clerkNameOrEmpty(a)
	return c.byID[id], nil
}
