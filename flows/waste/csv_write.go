package waste

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Formula safety. A spreadsheet takes a cell starting with = + - @ (or a
// tab or carriage return, or their full-width forms) for a formula, so a
// zone named "=HYPERLINK(...)" could run when a clerk opens the export.
// WriteCSV puts a single quote before such a cell, as admin/export does
// for the reports; spreadsheets show it as text. Unlike the reports,
// this file comes back: ReadCell takes that quote away again, so an export
// imports as the very same calendar. A cell that starts with a quote is
// quoted once more, which keeps the mapping one to one: a zone really
// named "'=x" survives the trip too. A quote before anything else (such as
// "'Centro" typed by hand) is left alone.
const formulaQuote = "'"

// formulaStarts are the first characters WriteCSV guards, the quote
// itself included.
var formulaStarts = []string{"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", formulaQuote}

func startsFormula(s string) bool {
	for _, p := range formulaStarts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// quoteCell is a cell as WriteCSV writes it.
func quoteCell(s string) string {
	if startsFormula(s) {
		return formulaQuote + s
	}
	return s
}

// ReadCell is the value of a cell as ParseCSV reads it: trimmed, without
// the quote WriteCSV puts before what a spreadsheet would take for a
// formula (a quote typed in a spreadsheet before "=Centro" means the same).
func ReadCell(raw string) string {
	s := strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(s, formulaQuote); ok && startsFormula(rest) {
		return rest
	}
	return s
}

var weekdayCodes = [...]string{time.Sunday: "dom", time.Monday: "lun", time.Tuesday: "mar", time.Wednesday: "mer",
	time.Thursday: "gio", time.Friday: "ven", time.Saturday: "sab"}

// WriteCSV writes schedules in the format ParseCSV reads (see csv.go), so
// that an export edited in a spreadsheet imports again: UTF-8 with a byte
// order mark and CRLF line ends, as Excel wants, a header, each zone's
// rules and then its exceptions in their order. A value that the format
// cannot carry (a carriage return, which CSV readers fold away) is an
// error rather than a file that would import as something else.
func WriteCSV(w io.Writer, schedules []Schedule) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("waste: unable to write the calendar: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("waste: unable to write the calendar: %w", err)
	}
	for _, s := range schedules {
		for _, row := range s.Rows() {
			for _, cell := range row {
				if strings.ContainsRune(cell, '\r') {
					return fmt.Errorf("waste: zone %q: %q has a carriage return, which CSV cannot keep", s.Zone, cell)
				}
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("waste: unable to write the calendar: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("waste: unable to write the calendar: %w", err)
	}
	return nil
}

// Rows are the schedule's lines of the CSV, without the header: one per
// rule and per moved collection; cancellations of one type that follow
// each other share a line, as a clerk would write them.
func (s Schedule) Rows() [][]string {
	var out [][]string
	for _, r := range s.Rules {
		out = append(out, RuleRow(s.Zone, r))
	}
	for i := 0; i < len(s.Exceptions); {
		e := s.Exceptions[i]
		if !e.To.IsZero() {
			out = append(out, ExceptionRow(s.Zone, e))
			i++
			continue
		}
		dates := []string{e.Date.String()}
		for i++; i < len(s.Exceptions) && s.Exceptions[i].To.IsZero() && s.Exceptions[i].Type == e.Type; i++ {
			dates = append(dates, s.Exceptions[i].Date.String())
		}
		out = append(out, row(s.Zone, e.Type, "annullata", "", "", "", "", "", strings.Join(dates, ";"), ""))
	}
	return out
}

// RuleRow is one rule as a line of the CSV. A rule every n weeks, or with
// a first collection, is "ogni"; one with weekdays "settimanale"; one with
// dates only "date". Single dates go in date whatever the kind, as
// ParseCSV reads them for every kind.
func RuleRow(zone string, r Rule) []string {
	days := make([]string, 0, len(r.Weekdays))
	for _, d := range r.Weekdays {
		if d >= time.Sunday && d <= time.Saturday {
			days = append(days, weekdayCodes[d])
		}
	}
	kind, every := "date", ""
	switch {
	case r.EveryWeeks != 1 || !r.Start.IsZero():
		kind, every = "ogni", strconv.Itoa(r.EveryWeeks)
	case len(days) > 0:
		kind = "settimanale"
	}
	dates := make([]string, 0, len(r.Dates))
	for _, d := range r.Dates {
		dates = append(dates, d.String())
	}
	return row(zone, r.Type, kind, strings.Join(days, ";"), every, optionalText(r.Start),
		optionalText(r.From), optionalText(r.Until), strings.Join(dates, ";"), "")
}

// ExceptionRow is one exception as a line of the CSV.
func ExceptionRow(zone string, e Exception) []string {
	if e.To.IsZero() {
		return row(zone, e.Type, "annullata", "", "", "", "", "", e.Date.String(), "")
	}
	return row(zone, e.Type, "spostata", "", "", "", "", "", e.Date.String(), e.To.String())
}

func row(cells ...string) []string {
	for i, c := range cells {
		cells[i] = quoteCell(c)
	}
	return cells
}

func optionalText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
