package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Rome on any host
)

func romeLocation(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// statsFixture inserts reports with the exact times a statistic depends
// on, which CreateReport (always "now") cannot give.
type statsFixture struct {
	t *testing.T
	s *Store
	n int
}

// report files one report in status; closedAfter, when not 0, sets its
// closing time that long after filing.
func (f *statsFixture) report(cat, zone int64, created time.Time, closedAfter time.Duration, status string) {
	f.t.Helper()
	f.n++
	var resolved any
	if closedAfter > 0 {
		resolved = created.Add(closedAfter).Unix()
	}
	if _, err := f.s.db.Exec(`INSERT INTO reports (number, chat_id, category_id, status, zone_id, description, created_at, updated_at, resolved_at)
		VALUES (?, 0, ?, ?, ?, 'x', ?, ?, ?)`, fmt.Sprintf("T-%06d", f.n), cat, status, nullID(zone), created.Unix(), created.Unix(), resolved); err != nil {
		f.t.Fatal(err)
	}
}

func (f *statsFixture) zone(name string) int64 {
	f.t.Helper()
	res, err := f.s.db.Exec(`INSERT INTO zones (name, kind, geojson, updated_at) VALUES (?, 'zone', '{}', 0)`, name)
	if err != nil {
		f.t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

const day = 24 * time.Hour

// TestReportStatistics checks every report figure on a small known set
// whose months cross a year boundary, with reports filed minutes on either
// side of midnight in Rome (another month in UTC).
func TestReportStatistics(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rome := romeLocation(t)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, rome) }
	f := &statsFixture{t: t, s: s}
	zoneA, zoneB := f.zone("Centro"), f.zone("Borgo")
	strade, buca := categoryID(t, s, "strade"), categoryID(t, s, "strade-buca")
	illuminazione, lampione := categoryID(t, s, "illuminazione"), categoryID(t, s, "illuminazione-lampione")
	segnaletica := categoryID(t, s, "segnaletica")

	f.report(strade, 0, at(2024, 10, 31, 23, 30), 0, ReportNew) // before the period
	f.report(buca, zoneA, at(2024, 11, 1, 0, 30), 2*day, ReportResolved)
	f.report(strade, zoneA, at(2024, 12, 31, 23, 30), 4*day, ReportResolved)
	f.report(buca, zoneB, at(2025, 1, 1, 0, 30), 20*day, ReportResolved)
	f.report(buca, 0, at(2025, 1, 15, 12, 0), 6*day+12*time.Hour, ReportRejected)
	f.report(lampione, zoneB, at(2025, 2, 10, 8, 0), 0, ReportInProgress)
	f.report(segnaletica, 0, time.Date(2025, 2, 28, 23, 59, 59, 0, rome), day, ReportDuplicate)
	f.report(segnaletica, zoneA, at(2025, 3, 1, 0, 0), 0, ReportNew) // the period's end is excluded

	p := StatsPeriod{From: at(2024, 11, 1, 0, 0).Unix(), To: at(2025, 3, 1, 0, 0).Unix()}
	months, err := s.ReportsPerMonth(ctx, p, rome)
	if err != nil {
		t.Fatal(err)
	}
	want := []MonthCount{{2024, time.November, 1}, {2024, time.December, 1}, {2025, time.January, 2}, {2025, time.February, 2}}
	if !slices.Equal(months, want) {
		t.Errorf("ReportsPerMonth = %v, want %v", months, want)
	}

	perCat, err := s.ReportsPerTopCategory(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int{strade: 4, illuminazione: 1, segnaletica: 1}; !maps.Equal(perCat, want) {
		t.Errorf("ReportsPerTopCategory = %v, want %v", perCat, want)
	}

	perZone, err := s.ReportsPerZone(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int{zoneA: 2, zoneB: 2, 0: 2}; !maps.Equal(perZone, want) {
		t.Errorf("ReportsPerZone = %v, want %v", perZone, want)
	}

	// Roads: 2, 4, 6.5 and 20 days. Even count: the median is the mean of
	// the middle two, (4 + 6.5) / 2; the mean is 32.5 / 4. Signs: one
	// duplicate closed after a day. Lighting: nothing closed, absent.
	closing, err := s.CloseTimes(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	wantClosing := []CloseTime{{strade, 4, 8.125, 5.25}, {segnaletica, 1, 1, 1}}
	if !slices.Equal(closing, wantClosing) {
		t.Errorf("CloseTimes = %+v, want %+v", closing, wantClosing)
	}
}

func TestCloseTimesMedianOfOddCount(t *testing.T) {
	s := newTestStore(t)
	f := &statsFixture{t: t, s: s}
	buca := categoryID(t, s, "strade-buca")
	for _, d := range []time.Duration{9 * day, day, 3 * day} {
		f.report(buca, 0, testEpoch, d, ReportResolved)
	}
	got, err := s.CloseTimes(context.Background(), StatsPeriod{From: testEpoch.Unix(), To: testEpoch.Unix() + 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := []CloseTime{{categoryID(t, s, "strade"), 3, 13.0 / 3, 3}}; !slices.Equal(got, want) {
		t.Errorf("CloseTimes = %+v, want %+v", got, want)
	}
}

func TestReportsPerMonthCountsOnlyThePartOfACutMonth(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rome := romeLocation(t)
	f := &statsFixture{t: t, s: s}
	buca := categoryID(t, s, "strade-buca")
	for _, d := range []int{1, 9, 10, 31} { // January
		f.report(buca, 0, time.Date(2025, 1, d, 12, 0, 0, 0, rome), 0, ReportNew)
	}
	f.report(buca, 0, time.Date(2025, 2, 4, 12, 0, 0, 0, rome), 0, ReportNew)
	f.report(buca, 0, time.Date(2025, 2, 5, 12, 0, 0, 0, rome), 0, ReportNew)
	p := StatsPeriod{From: time.Date(2025, 1, 10, 0, 0, 0, 0, rome).Unix(), To: time.Date(2025, 2, 5, 0, 0, 0, 0, rome).Unix()}
	got, err := s.ReportsPerMonth(ctx, p, rome)
	if err != nil {
		t.Fatal(err)
	}
	if want := []MonthCount{{2025, time.January, 2}, {2025, time.February, 1}}; !slices.Equal(got, want) {
		t.Errorf("ReportsPerMonth = %v, want %v", got, want)
	}
}

func TestStatisticsOfAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rome := romeLocation(t)
	p := StatsPeriod{From: time.Date(2024, 12, 1, 0, 0, 0, 0, rome).Unix(), To: time.Date(2025, 2, 1, 0, 0, 0, 0, rome).Unix()}
	months, err := s.ReportsPerMonth(ctx, p, rome)
	if want := []MonthCount{{2024, time.December, 0}, {2025, time.January, 0}}; err != nil || !slices.Equal(months, want) {
		t.Errorf("ReportsPerMonth = %v, %v; want %v", months, err, want)
	}
	if got, err := s.ReportsPerTopCategory(ctx, p); err != nil || len(got) != 0 {
		t.Errorf("ReportsPerTopCategory = %v, %v", got, err)
	}
	if got, err := s.ReportsPerZone(ctx, p); err != nil || len(got) != 0 {
		t.Errorf("ReportsPerZone = %v, %v", got, err)
	}
	if got, err := s.CloseTimes(ctx, p); err != nil || len(got) != 0 {
		t.Errorf("CloseTimes = %v, %v", got, err)
	}
	if got, err := s.OpenReportAges(ctx, testEpoch); err != nil || got != (OpenAges{}) {
		t.Errorf("OpenReportAges = %v, %v", got, err)
	}
	cs, err := s.CitizenStatistics(ctx, 0)
	if err != nil || cs.Total != 0 || cs.Active != 0 || len(cs.Languages) != 0 || len(cs.Subscribers) != 0 {
		t.Errorf("CitizenStatistics = %+v, %v", cs, err)
	}
}

func TestReportsPerMonthRefusesABadPeriod(t *testing.T) {
	s := newTestStore(t)
	rome := romeLocation(t)
	now := testEpoch.Unix()
	for name, p := range map[string]StatsPeriod{
		"empty":       {now, now},
		"backwards":   {now, now - 1},
		"fifty years": {now - 51*365*86400, now},
	} {
		if got, err := s.ReportsPerMonth(context.Background(), p, rome); !errors.Is(err, ErrStatsPeriod) {
			t.Errorf("%s: ReportsPerMonth = %d months, %v", name, len(got), err)
		}
	}
}

func TestOpenReportAges(t *testing.T) {
	s := newTestStore(t)
	f := &statsFixture{t: t, s: s}
	buca := categoryID(t, s, "strade-buca")
	now := testEpoch
	for _, c := range []struct {
		age    time.Duration
		status string
	}{
		{0, ReportNew}, {6*day + 23*time.Hour, ReportTaken}, // under 7 days
		{7 * day, ReportInProgress}, {29 * day, ReportNew}, // 7 to 30
		{30 * day, ReportNew},                           // 30 to 90
		{90 * day, ReportTaken}, {400 * day, ReportNew}, // 90 and more
	} {
		f.report(buca, 0, now.Add(-c.age), 0, c.status)
	}
	f.report(buca, 0, now.Add(-100*day), day, ReportResolved) // closed: not counted
	f.report(buca, 0, now.Add(-2*day), day, ReportRejected)
	got, err := s.OpenReportAges(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if want := (OpenAges{Under7: 2, From7To30: 2, From30To90: 1, Over90: 2}); got != want || got.Total() != 7 {
		t.Errorf("OpenReportAges = %+v, want %+v", got, want)
	}
}

func TestCitizenStatistics(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	seen := func(id int64, lang string) Citizen {
		c, err := s.CitizenSeen(ctx, id, id, "C", lang, true)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := seen(1, "it") // last seen 40 days before the end: not active
	clock.Advance(10 * day)
	b := seen(2, "it") // exactly 30 days before: active
	clock.Advance(30 * day)
	c := seen(3, "en")
	seen(4, "de")
	topic := func(slug string) int64 {
		var id int64
		if err := s.db.QueryRow(`SELECT id FROM topics WHERE slug = ?`, slug).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	rifiuti, carta, plastica := topic("rifiuti"), topic("rifiuti-carta"), topic("rifiuti-plastica")
	all := []int64{rifiuti}
	for _, sub := range []string{"rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco"} {
		all = append(all, topic(sub))
	}
	for _, sub := range []struct {
		who    Citizen
		topics []int64
	}{{a, all}, {b, []int64{carta}}, {c, []int64{topic("eventi"), plastica}}} {
		if err := s.Subscribe(ctx, sub.who.ID, sub.topics...); err != nil {
			t.Fatal(err)
		}
	}

	cs, err := s.CitizenStatistics(ctx, clock.Now().Add(-30*day).Unix())
	if err != nil {
		t.Fatal(err)
	}
	if cs.Total != 4 || cs.Active != 3 {
		t.Errorf("total %d, active %d; want 4, 3", cs.Total, cs.Active)
	}
	if want := []LanguageCount{{"it", 2}, {"de", 1}, {"en", 1}}; !slices.Equal(cs.Languages, want) {
		t.Errorf("Languages = %v, want %v", cs.Languages, want)
	}
	want := map[int64]int{rifiuti: 3, carta: 2, plastica: 2, topic("rifiuti-vetro"): 1, topic("rifiuti-umido"): 1,
		topic("rifiuti-secco"): 1, topic("eventi"): 1}
	if !maps.Equal(cs.Subscribers, want) {
		t.Errorf("Subscribers = %v, want %v", cs.Subscribers, want)
	}
}
