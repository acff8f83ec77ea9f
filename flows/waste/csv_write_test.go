package waste

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// roundTrip writes schedules and reads them back.
func roundTrip(t *testing.T, schedules []Schedule) ([]Schedule, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, schedules); err != nil {
		t.Fatal(err)
	}
	back, errs := ParseCSV(bytes.NewReader(buf.Bytes()))
	if errs != nil {
		t.Fatalf("the export does not import: %v\n%s", errs, buf.String())
	}
	return back, buf.String()
}

func TestWriteCSVReadsBackTheSameSchedules(t *testing.T) {
	schedules := []Schedule{
		{Zone: "Centro", Rules: []Rule{
			{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}, EveryWeeks: 1},
			{Type: "vetro", Weekdays: []time.Weekday{time.Friday, time.Monday}, EveryWeeks: 2, Start: D(2026, 1, 9)},
			{Type: "verde", Weekdays: []time.Weekday{time.Wednesday}, EveryWeeks: 1, From: D(2026, 4, 1), Until: D(2026, 10, 31)},
			{Type: "ingombranti", EveryWeeks: 1, Dates: []Date{D(2026, 3, 14), D(2026, 9, 12)}},
			{Type: "umido", Weekdays: []time.Weekday{time.Sunday}, EveryWeeks: 1, Dates: []Date{D(2026, 8, 15)}},
		}, Exceptions: []Exception{
			{Type: "secco", Date: D(2026, 12, 25), To: D(2026, 12, 27)},
			{Type: "", Date: D(2027, 1, 1)},
			{Type: "", Date: D(2027, 1, 6)},
			{Type: "carta", Date: D(2027, 1, 12)},
		}},
		{Zone: "Stazione, lato nord", Rules: []Rule{{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}, EveryWeeks: 1}}},
	}
	back, file := roundTrip(t, schedules)
	if !reflect.DeepEqual(back, schedules) {
		t.Errorf("read back\n%+v\nwant\n%+v\nfile:\n%s", back, schedules, file)
	}
	for _, want := range []string{
		"\ufeffzona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\r\n",
		"Centro,vetro,ogni,ven;lun,2,2026-01-09,,,,\r\n",
		"Centro,,annullata,,,,,,2027-01-01;2027-01-06,\r\n", // consecutive cancellations share a line
		"\"Stazione, lato nord\",umido,settimanale,lun;gio,,,,,,\r\n",
	} {
		if !strings.Contains(file, want) {
			t.Errorf("the file lacks %q:\n%s", want, file)
		}
	}
}

// A zone name a spreadsheet would run as a formula is written as text,
// and still imports as the same zone.
func TestWriteCSVKeepsFormulasOutOfSpreadsheets(t *testing.T) {
	names := []string{"=HYPERLINK(\"http://x\",\"y\")", "+39 Centro", "-Borgo", "@Porto", "'=già citato", "'", "＝Fullwidth", "'Centro"}
	var schedules []Schedule
	for _, n := range names {
		schedules = append(schedules, Schedule{Zone: n, Rules: []Rule{{Type: "carta", Weekdays: []time.Weekday{time.Monday}, EveryWeeks: 1}}})
	}
	back, file := roundTrip(t, schedules)
	if !reflect.DeepEqual(back, schedules) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, schedules)
	}
	for _, line := range strings.Split(strings.TrimSuffix(file, "\r\n"), "\r\n")[1:] {
		cell := strings.TrimPrefix(line, "\"")
		if strings.ContainsAny(cell[:1], "=+-@") || strings.HasPrefix(cell, "＝") {
			t.Errorf("a cell a spreadsheet would evaluate: %q", line)
		}
	}
	if !strings.Contains(file, "\r\n''Centro,carta") {
		t.Errorf("a name starting with a quote is quoted once more, so that it keeps its own:\n%s", file)
	}
}

func TestReadCell(t *testing.T) {
	for raw, want := range map[string]string{
		"  Centro ": "Centro", "'=1+1": "=1+1", "'-Borgo": "-Borgo", "''x": "'x", "'Centro": "'Centro", "'": "'", "": "",
	} {
		if got := ReadCell(raw); got != want {
			t.Errorf("ReadCell(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestWriteCSVRefusesWhatCSVCannotCarry(t *testing.T) {
	var buf bytes.Buffer
	err := WriteCSV(&buf, []Schedule{{Zone: "Centro\rNord", Rules: []Rule{{Type: "carta", Weekdays: []time.Weekday{time.Monday}, EveryWeeks: 1}}}})
	if err == nil {
		t.Fatal("a carriage return in a zone name was written")
	}
}

// The line of a wrong row is the line a text editor shows, also after a
// blank line or a cell that spans lines, as an exported zone name may.
func TestParseCSVNamesTheEditorsLine(t *testing.T) {
	file := "zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n" +
		"\n" +
		"\"Centro\nNord\",carta,settimanale,lun,,,,,,\n" +
		"Centro,carta,settimanale,lunedìx,,,,,,\n"
	_, errs := ParseCSV(strings.NewReader(file))
	if len(errs) != 1 || errs[0].Line != 5 {
		t.Fatalf("errors %v, want one on line 5", errs)
	}
	var p *Problem
	if !errors.As(errs[0].Err, &p) || p.Reason != "bad_day" || p.Field != "giorni" || p.Value != "lunedìx" {
		t.Errorf("the problem %#v does not say what and where", errs[0].Err)
	}
}
