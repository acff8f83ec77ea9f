package waste

import (
	"fmt"
	"strings"
	"testing"
)

const goodCSV = "\ufeffzona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n" +
	"Centro,carta,settimanale,mar,,,,,,\n" +
	"Centro,vetro,ogni,ven,2,2026-01-09,,,,\n" +
	"Centro,verde,settimanale,mer,,,2026-04-01,2026-10-31,,\n" +
	"Centro,ingombranti,date,,,,,,2026-03-14;2026-09-12,\n" +
	"Centro,secco,settimanale,ven,,,,,,\n" +
	"Centro,secco,spostata,,,,,,2026-12-25,2026-12-27\n" +
	"\n" +
	"Stazione,umido,settimanale,lun;gio,,,,,,\n" +
	"Stazione,,annullata,,,,,,2027-01-01,\n"

func TestParseCSV(t *testing.T) {
	schedules, errs := ParseCSV(strings.NewReader(goodCSV))
	if errs != nil {
		t.Fatalf("a good file: %v", errs)
	}
	if len(schedules) != 2 || schedules[0].Zone != "Centro" || len(schedules[0].Rules) != 5 || len(schedules[0].Exceptions) != 1 {
		t.Fatalf("schedules: %+v", schedules)
	}
	got := list(Between(schedules[0].Rules, schedules[0].Exceptions, D(2026, 12, 21), D(2026, 12, 31)))
	if want := "2026-12-22 carta, 2026-12-25 vetro, 2026-12-27 secco (spostata), 2026-12-29 carta"; got != want {
		t.Errorf("the imported calendar:\n got %s\nwant %s", got, want)
	}
}

func TestParseCSVReportsEveryBadLineAndImportsNothing(t *testing.T) {
	cases := []struct {
		label, csv string
		lines      string
	}{
		{"not CSV at all", "", "1"},
		{"wrong header", "zone,type\nCentro,carta\n", "1"},
		{"bad rows", strings.Join([]string{
			"zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data",
			"Centro,carta,settimanale,mar,,,,,,",                     // fine
			",carta,settimanale,mar,,,,,,",                           // 3: no zone
			"Centro,carta,settimanale,martedì?,,,,,,",                // 4: bad day
			"Centro,vetro,ogni,ven,due,2026-01-09,,,,",               // 5: bad number
			"Centro,vetro,ogni,ven,2,,,,,",                           // 6: no start
			"Centro,secco,spostata,,,,,,2026-12-25,",                 // 7: no new date
			"Centro,secco,cancellata,,,,,,2026-12-25,",               // 8: unknown rule
			"Centro,carta,date,,,,,,2026-02-30,",                     // 9: no such date
			"Centro,carta,settimanale,mar,,,,",                       // 10: columns
			"Centro,verde,settimanale,mer,,,2026-10-31,2026-04-01,,", // 11: ends before it starts
		}, "\n"), "3,4,5,6,7,8,9,10,11"},
		{"broken quotes", "zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n\"Centro,carta\n", "2"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			schedules, errs := ParseCSV(strings.NewReader(c.csv))
			if schedules != nil {
				t.Errorf("a file with errors imported %d schedules", len(schedules))
			}
			var lines []string
			for _, e := range errs {
				lines = append(lines, fmt.Sprint(e.Line))
				if e.Error() == "" {
					t.Error("an error with no words")
				}
			}
			if got := strings.Join(lines, ","); got != c.lines {
				t.Errorf("lines %s, want %s: %v", got, c.lines, errs)
			}
		})
	}
}

// FuzzParseCSV: any upload gets schedules or line-numbered errors, never
// both, never a panic.
func FuzzParseCSV(f *testing.F) {
	f.Add(goodCSV)
	f.Add("zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\nA,b,ogni,lun,0,2026-01-05,,,,\n")
	f.Add("\"")
	f.Fuzz(func(t *testing.T, s string) {
		schedules, errs := ParseCSV(strings.NewReader(s))
		if schedules != nil && errs != nil {
			t.Fatal("both schedules and errors")
		}
		for _, e := range errs {
			if e.Line < 1 {
				t.Fatalf("error without a line: %v", e)
			}
		}
		for _, sc := range schedules {
			for _, r := range sc.Rules {
				if err := r.Validate(); err != nil {
					t.Fatalf("an invalid rule was accepted: %v", err)
				}
			}
		}
	})
}
