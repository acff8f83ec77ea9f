package waste

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// The calendar's CSV format, one row per rule or exception, with a header:
//
//	zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data
//	Centro,carta,settimanale,mar,,,,,,
//	Centro,vetro,ogni,ven,2,2026-01-09,,,,
//	Centro,verde,settimanale,mer,,,2026-04-01,2026-10-31,,
//	Centro,ingombranti,date,,,,,,2026-03-14;2026-09-12,
//	Centro,secco,spostata,,,,,,2026-12-25,2026-12-27
//	Centro,,annullata,,,,,,2027-01-01,
//
// giorni lists weekdays as lun mar mer gio ven sab dom (or mon..sun),
// separated by ; or spaces; date lists dates as 2026-12-25 separated by ;.
// An empty rifiuto in an exception means every type collected that day.
var csvHeader = []string{"zona", "rifiuto", "regola", "giorni", "ogni", "inizio", "dal", "al", "date", "nuova_data"}

// Schedule is one zone's rules and exceptions.
type Schedule struct {
	Zone       string
	Rules      []Rule
	Exceptions []Exception
}

// RowError says which line of an uploaded file is wrong and why, so a
// clerk can fix it; a file with any RowError imports nothing.
type RowError struct {
	Line int
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// maxCSVRows bounds an upload: a comune's year fits in far fewer.
const maxCSVRows = 20000

var weekdayNames = map[string]time.Weekday{
	"lun": time.Monday, "mar": time.Tuesday, "mer": time.Wednesday, "gio": time.Thursday,
	"ven": time.Friday, "sab": time.Saturday, "dom": time.Sunday,
	"lunedì": time.Monday, "martedì": time.Tuesday, "mercoledì": time.Wednesday, "giovedì": time.Thursday,
	"venerdì": time.Friday, "sabato": time.Saturday, "domenica": time.Sunday,
	"lunedi": time.Monday, "martedi": time.Tuesday, "mercoledi": time.Wednesday, "giovedi": time.Thursday,
	"venerdi": time.Friday,
	"mon":     time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// ParseCSV reads a calendar. It returns every wrong row, not just the
// first, and no schedule at all when any row is wrong.
func ParseCSV(r io.Reader) ([]Schedule, []RowError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, []RowError{{Line: 1, Err: problem("", "not_csv", "", "the file is empty or not CSV")}}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // Excel's BOM
	}
	if !sameHeader(header) {
		return nil, []RowError{{Line: 1, Err: problem("", "header", "", "the first line must be the header %s", strings.Join(csvHeader, ","))}}
	}
	byZone := map[string]*Schedule{}
	var order []string
	var errs []RowError
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := physicalLine(cr, err, row+1)
		if err != nil {
			errs = append(errs, RowError{Line: line, Err: problem("", "quotes", "", "not valid CSV (check quotes)")})
			break
		}
		if row > maxCSVRows {
			errs = append(errs, RowError{Line: line, Err: problem("", "too_many_rows", fmt.Sprint(maxCSVRows), "too many rows: at most %d", maxCSVRows)})
			break
		}
		if blank(rec) {
			continue
		}
		zone, rule, ex, err := parseRow(rec)
		if err != nil {
			errs = append(errs, RowError{Line: line, Err: err})
			continue
		}
		s, ok := byZone[zone]
		if !ok {
			s = &Schedule{Zone: zone}
			byZone[zone] = s
			order = append(order, zone)
		}
		if rule != nil {
			s.Rules = append(s.Rules, *rule)
		}
		s.Exceptions = append(s.Exceptions, ex...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out := make([]Schedule, 0, len(order))
	for _, z := range order {
		out = append(out, *byZone[z])
	}
	return out, nil
}

// physicalLine is the line where the record just read starts, as a text
// editor numbers it: blank lines and line breaks inside quotes count. The
// fallback (the record's number) serves a reader that failed otherwise.
func physicalLine(cr *csv.Reader, err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	if err != nil {
		return fallback
	}
	line, _ := cr.FieldPos(0)
	return line
}

func sameHeader(h []string) bool {
	if len(h) != len(csvHeader) {
		return false
	}
	for i := range h {
		if strings.ToLower(strings.TrimSpace(h[i])) != csvHeader[i] {
			return false
		}
	}
	return true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
