package admin

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/waste"
)

var monthDayCell = regexp.MustCompile(`(?s)<td class="([^"]*)"[^>]*>\s*<time class="daynum" datetime="([0-9-]+)">(.*?)</td>`)

// monthCells reads the month grid: each day's classes and text, by date,
// and the dates in the order the grid shows them.
func monthCells(t *testing.T, body string) (map[string]string, map[string]string, []string) {
	t.Helper()
	text, class := map[string]string{}, map[string]string{}
	var order []string
	tag := regexp.MustCompile(`<[^>]+>`)
	for _, m := range monthDayCell.FindAllStringSubmatch(body, -1) {
		class[m[2]] = m[1]
		text[m[2]] = strings.Join(strings.Fields(tag.ReplaceAllString(m[3], " ")), " ")
		order = append(order, m[2])
	}
	if len(order) == 0 {
		t.Fatalf("no month grid:\n%s", body)
	}
	return text, class, order
}

func TestWasteMonthPreviewShowsMovedAndCancelledCollections(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	ctx := t.Context()
	exceptions := slices.Concat(centroExceptions, []waste.Exception{{Date: waste.D(2027, 1, 1)}}) // New Year's Day: nothing
	if err := saveSchedule(ctx, d, centroRules, exceptions); err != nil {
		t.Fatal(err)
	}
	zone := "/admin/waste/zones/" + itoa(d.centro.ID)
	resp, body := d.get(d.c, zone+"?month=2026-12")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	text, class, order := monthCells(t, body)
	// December 2026 starts on a Tuesday: the grid starts on Monday 30
	// November and ends on Sunday 3 January, whole weeks.
	if order[0] != "2026-11-30" || order[len(order)-1] != "2027-01-03" || len(order) != 35 {
		t.Errorf("the grid runs %s..%s, %d days", order[0], order[len(order)-1], len(order))
	}
	for date, want := range map[string]string{
		"2026-12-01": "1 Carta e cartone",
		"2026-12-04": "4 Secco indifferenziato",
		"2026-12-22": "22 Carta e cartone",
		"2026-12-25": "25 Secco indifferenziato spostata al 27/12/2026",
		"2026-12-27": "27 Secco indifferenziato (spostata dal 25/12/2026)",
		"2026-12-29": "29 Carta e cartone",
		"2027-01-01": "1 Secco indifferenziato annullata",
		"2026-12-26": "26",
	} {
		if text[date] != want {
			t.Errorf("%s shows %q, want %q", date, text[date], want)
		}
	}
	if !strings.Contains(class["2026-11-30"], "other") || strings.Contains(class["2026-12-15"], "other") {
		t.Errorf("days of other months are not told apart: %q %q", class["2026-11-30"], class["2026-12-15"])
	}
	for _, link := range []string{`href="` + zone + `?month=2026-11"`, `href="` + zone + `?month=2027-01"`, "Dicembre 2026"} {
		if !strings.Contains(body, link) {
			t.Errorf("the page lacks %s", link)
		}
	}
	// The week starts on Monday.
	if i, j := strings.Index(body, ">lunedì</th>"), strings.Index(body, ">domenica</th>"); i < 0 || j < i {
		t.Error("the week does not run Monday to Sunday")
	}
	d.noMissingKeys()
}

// Exactly one day is today, whatever month is this month.
func TestWasteMonthPreviewMarksOneToday(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	_, body := d.get(d.c, "/admin/waste/zones/"+itoa(d.centro.ID))
	_, class, _ := monthCells(t, body)
	today := 0
	for _, c := range class {
		if strings.Contains(c, "today") {
			today++
		}
	}
	if today != 1 || strings.Count(body, `aria-current="date"`) != 1 {
		t.Errorf("%d days marked today", today)
	}
}

func TestWasteMonthPreviewRefusesAWrongMonth(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	for _, m := range []string{"2026-13", "dicembre", "1999-12"} {
		resp, body := d.get(d.c, "/admin/waste/zones/"+itoa(d.centro.ID)+"?month="+m)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "non è un mese") || !strings.Contains(body, `class="waste-month"`) {
			t.Errorf("month %s: %d", m, resp.StatusCode)
		}
	}
}
