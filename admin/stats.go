package admin

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/campanile/campanile/store"
)

func init() {
	pages = append(pages, "stats")
	routes = append(routes, route{http.MethodGet, "/admin/stats", (*Server).statsPage, statsRoles})
}

// statsRoles are who answer for the service and who speak for it to the
// town; operators work the inbox and have its counters.
var statsRoles = []store.StaffRole{store.RoleAdmin, store.RoleEditor}

// activeDays is how recently a citizen must have written to count as
// active.
const activeDays = 30

type statsFact struct{ Label, Value string }

// statsChart is one figure: its picture and, for whoever cannot see it,
// the same numbers as a table whose first column heads each row.
type statsChart struct {
	ID, Heading, Help string
	SVG               template.HTML
	Empty             bool
	Columns           []string
	Rows              [][]string
}

type statsSection struct {
	ID, Heading, Help string
	Facts             []statsFact
	Charts            []statsChart
}

type statsData struct {
	Period   statsPeriod
	Summary  string
	Error    string
	Empty    bool // nothing at all yet: a new installation
	Sections []statsSection
}

// statsFigures is everything the page shows, as the store counts it.
type statsFigures struct {
	months            []store.MonthCount
	categories, zones map[int64]int
	closing           []store.CloseTime
	ages              store.OpenAges
	citizens          store.CitizenStats
	topics            []store.Topic
	names             *reportNames
}

// statsPage shows the report figures of a period (the last 12 months
// unless the clerk picks one), the reports open today by age, and who
// talks to the bot. Dates the clerk got wrong are said so, with the
// default period shown meanwhile.
func (s *Server) statsPage() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		now := s.st.Now()
		period := parseStatsPeriod(r.URL.Query(), now)
		p := s.newPage(r, "admin.stats.title", nil)
		f, err := s.loadStats(r.Context(), p.Lang, period.storePeriod(), now)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d := statsData{Period: period, Summary: p.T("admin.stats.period",
			"From", period.From.Format("02/01/2006"), "To", period.To.Format("02/01/2006"))}
		code := http.StatusOK
		if period.ErrorID != "" {
			d.Error = p.T(period.ErrorID, period.ErrorArgs...) + " " + p.T("admin.stats.error_default")
			code = http.StatusBadRequest
		}
		v := newStatsView(p)
		d.Sections = []statsSection{v.reportsSection(f), v.openSection(f), v.citizensSection(f)}
		d.Empty = f.reportCount() == 0 && f.ages.Total() == 0 && f.citizens.Total == 0
		p.Data = d
		s.render(w, r, code, "stats", p)
	}
}

func (s *Server) loadStats(ctx context.Context, lang string, period store.StatsPeriod, now time.Time) (statsFigures, error) {
	var f statsFigures
	var err error
	if f.months, err = s.st.ReportsPerMonth(ctx, period, rome); err != nil {
		return f, err
	}
	if f.categories, err = s.st.ReportsPerTopCategory(ctx, period); err != nil {
		return f, err
	}
	if f.zones, err = s.st.ReportsPerZone(ctx, period); err != nil {
		return f, err
	}
	if f.closing, err = s.st.CloseTimes(ctx, period); err != nil {
		return f, err
	}
	if f.ages, err = s.st.OpenReportAges(ctx, now); err != nil {
		return f, err
	}
	if f.citizens, err = s.st.CitizenStatistics(ctx, now.AddDate(0, 0, -activeDays).Unix()); err != nil {
		return f, err
	}
	if f.topics, err = s.st.AllTopics(ctx); err != nil {
		return f, err
	}
	f.names, err = s.loadReportNames(ctx, lang)
	return f, err
}

// reportCount is how many reports the period has.
func (f statsFigures) reportCount() int {
	n := 0
	for _, m := range f.months {
		n += m.Count
	}
	return n
}
