package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/campanile/campanile/store"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+cmd", "'+cmd"},
		{"-2", "'-2"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=x", "'\t=x"},
		{"\tplain", "'\tplain"},
		{"\r=x", "'\r=x"},
		{" =x", "' =x"},
		{"  \n-1", "'  \n-1"},
		{"＝1+1", "'＝1+1"},
		{"Buca in via Roma", "Buca in via Roma"},
		{"a=b", "a=b"},
		{"", ""},
		{"   ", "   "},
		{"2026-000123", "2026-000123"},
		{"Perché è così", "Perché è così"},
	} {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// injection is a table with hostile text in every kind of column.
func injection() Table {
	return Table{
		Headers: []string{"=H", "Testo", "Numero"},
		Numeric: []bool{false, false, true},
		Rows: [][]string{
			{"=1+1", "-2", "-2"},
			{"+cmd", "@SUM(A1)", "=1+1"},
			{" =x", "\t=x", "45.5"},
			{"città", "", ""},
		},
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, injection()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\ufeff") {
		t.Fatal("no byte order mark")
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Error("lines do not end in CRLF")
	}
	got, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"'=H", "Testo", "Numero"},
		{"'=1+1", "'-2", "-2"}, // the numeric column keeps a bare number
		{"'+cmd", "'@SUM(A1)", "'=1+1"},
		{"' =x", "'\t=x", "45.5"},
		{"città", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("record %d field %d = %q, want %q", i, j, got[i][j], want[i][j])
			}
		}
	}
}

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "Segnalazioni: [marzo]", injection()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Segnalazioni_ _marzo_" {
		t.Errorf("sheet %q", sheet)
	}
	for _, tc := range []struct {
		cell, want string
		typ        excelize.CellType
	}{
		{"A1", "'=H", excelize.CellTypeInlineString},
		{"A2", "'=1+1", excelize.CellTypeInlineString},
		{"B2", "'-2", excelize.CellTypeInlineString},
		{"C2", "-2", excelize.CellTypeUnset}, // a number: no t attribute
		{"C3", "'=1+1", excelize.CellTypeInlineString},
		{"B4", "'\t=x", excelize.CellTypeInlineString},
		{"C4", "45.5", excelize.CellTypeUnset},
		{"A5", "città", excelize.CellTypeInlineString},
	} {
		got, err := f.GetCellValue(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s = %q, want %q", tc.cell, got, tc.want)
		}
		typ, err := f.GetCellType(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != tc.typ {
			t.Errorf("%s has type %v, want %v", tc.cell, typ, tc.typ)
		}
		if formula, _ := f.GetCellFormula(sheet, tc.cell); formula != "" {
			t.Errorf("%s holds the formula %q", tc.cell, formula)
		}
	}
}

func TestReportRows(t *testing.T) {
	created := time.Date(2026, 7, 1, 10, 30, 0, 0, time.UTC).Unix() // 12:30 in Rome (CEST)
	closed := time.Date(2026, 1, 2, 23, 15, 0, 0, time.UTC).Unix()  // 00:15 next day (CET)
	reports := []store.Report{
		{Number: "2026-000001", Status: "new", CategoryID: 3, ZoneID: 7, PlaceText: "Piazza Duomo",
			HasCoords: true, Lat: 45.4642, Lon: -9.19, Description: "=HYPERLINK(\"http://x\")", Supporters: 4,
			CreatedAt: created, ResolvedAt: closed},
		{Number: "2026-000002", Status: "odd", CategoryID: 99, CreatedAt: created},
	}
	names := Lookup{
		Category: func(id int64) string { return map[int64]string{3: "Strade"}[id] },
		Zone:     func(id int64) string { return map[int64]string{7: "Centro"}[id] },
		Status:   func(code string) string { return map[string]string{"new": "Nuova"}[code] },
	}
	tab := ReportRows(reports, names)
	if len(tab.Headers) != 11 || tab.Headers[0] != "Numero" || tab.Headers[10] != "Chiusa il" {
		t.Fatalf("headers %q", tab.Headers)
	}
	want := [][]string{
		{"2026-000001", "2026-07-01 12:30", "Nuova", "Strade", "Centro", "Piazza Duomo",
			"45.4642", "-9.19", "=HYPERLINK(\"http://x\")", "4", "2026-01-03 00:15"},
		{"2026-000002", "2026-07-01 12:30", "odd", "99", "", "", "", "", "", "0", ""},
	}
	for i := range want {
		for j := range want[i] {
			if tab.Rows[i][j] != want[i][j] {
				t.Errorf("row %d %s = %q, want %q", i, tab.Headers[j], tab.Rows[i][j], want[i][j])
			}
		}
	}
	// The description is sanitized on the way out, the longitude is not.
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `,-9.19,"'=HYPERLINK(""http://x"")",4,`) {
		t.Errorf("CSV row: %s", buf.String())
	}
	// A nil Lookup leaves the raw values.
	if got := ReportRows(reports, Lookup{}).Rows[0][ColCategory]; got != "3" {
		t.Errorf("category without names = %q", got)
	}
}

func rows100k() Table {
	reports := make([]store.Report, 100_000)
	for i := range reports {
		reports[i] = store.Report{
			Number: "2026-" + strconv.Itoa(100000 + i)[1:], Status: "new", CategoryID: 3, ZoneID: 7,
			HasCoords: true, Lat: 45.46 + float64(i)/1e6, Lon: 9.19, PlaceText: "Via Roma 1",
			Description: "Lampione spento davanti al civico, segnalato più volte",
			CreatedAt:   1767225600 + int64(i)*60, Supporters: i % 5,
		}
	}
	return ReportRows(reports, Lookup{})
}

// BenchmarkXLSX100k writes 100 000 reports; the stream writer should keep
// the allocations proportional to the rows, not the workbook.
func BenchmarkXLSX100k(b *testing.B) {
	tab := rows100k()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, "Segnalazioni", tab); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes/file")
	}
}

func BenchmarkCSV100k(b *testing.B) {
	tab := rows100k()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, tab); err != nil {
			b.Fatal(err)
		}
	}
}
