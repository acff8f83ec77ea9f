// Package export writes tables (the filtered reports list above all) as CSV
// and XLSX for the staff, safe from formula injection.
//
// Any text cell whose first non-blank character is =, +, - or @, or which
// starts with a tab or carriage return, gets a leading single quote: a
// spreadsheet then shows it as text instead of evaluating it (OWASP "CSV
// injection"). Columns marked Numeric are the exception: a cell there that
// is a plain decimal number (such as a negative longitude "-3.5") is
// written as a number, a numeric cell in XLSX and bare in CSV, because a
// number cannot carry a formula. Anything else in a numeric column is
// treated as text and prefixed like the rest, so a Numeric flag cannot be
// used to smuggle a formula through.
package export

import (
	"regexp"
	"strings"
)

// Table is what gets exported: a header row and rows of text cells.
type Table struct {
	Headers []string
	// Numeric marks the columns (by index) holding numbers; it may be
	// shorter than Headers.
	Numeric []bool
	Rows    [][]string
}

// numberPattern is a plain decimal as strconv.FormatFloat(x, 'f', -1, 64)
// or strconv.Itoa write it: no exponent, no sign other than a leading
// minus, nothing a spreadsheet could read as a formula.
var numberPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// numeric reports whether the cell at column col is written as a number.
func (t Table) numeric(col int, cell string) bool {
	return col < len(t.Numeric) && t.Numeric[col] && numberPattern.MatchString(cell)
}

// Sanitize returns s prefixed with a single quote when a spreadsheet
// would take it for a formula. The leading blanks are checked through as
// well, since some spreadsheets trim them before parsing a cell.
func Sanitize(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' {
		return "'" + s
	}
	t := strings.TrimLeft(s, " \t\r\n\u00a0")
	if t == "" {
		return s
	}
	switch t[0] {
	case '=', '+', '-', '@':
		return "'" + s
	}
	// Full-width variants are folded to the ASCII ones by some
	// spreadsheets' input methods.
	switch {
	case strings.HasPrefix(t, "＝"), strings.HasPrefix(t, "＋"),
		strings.HasPrefix(t, "－"), strings.HasPrefix(t, "＠"):
		return "'" + s
	}
	return s
}

// cell is the text written for the cell at column col.
func (t Table) cell(col int, s string) string {
	if t.numeric(col, s) {
		return s
	}
	return Sanitize(s)
}
