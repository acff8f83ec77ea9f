package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// maxSheetName is Excel's limit on a sheet name's length.
const maxSheetName = 31

// WriteXLSX writes t as a one-sheet workbook. Text goes into inline string
// cells, never formulas, and is sanitized as in CSV so that copying the
// cells out to a text file stays safe; numbers in Numeric columns go into
// numeric cells. The stream writer keeps memory flat: rows are spooled to
// a temporary file past a threshold instead of being held as a DOM.
func WriteXLSX(w io.Writer, sheet string, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet = sheetName(sheet)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("export: unable to name the sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("export: unable to start the sheet: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("export: unable to add a style: %w", err)
	}
	// Freezing the header row keeps it in sight while scrolling a long
	// export; it must be set before the first row.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("export: unable to freeze the header: %w", err)
	}
	values := make([]any, len(t.Headers))
	for i, h := range t.Headers {
		values[i] = excelize.Cell{StyleID: bold, Value: Sanitize(h)}
	}
	if err := sw.SetRow("A1", values); err != nil {
		return fmt.Errorf("export: unable to write the header: %w", err)
	}
	for r, row := range t.Rows {
		values = values[:0]
		for i, s := range row {
			values = append(values, t.value(i, s))
		}
		axis, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return fmt.Errorf("export: row %d: %w", r+1, err)
		}
		if err := sw.SetRow(axis, values); err != nil {
			return fmt.Errorf("export: unable to write row %d: %w", r+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export: unable to finish the sheet: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export: unable to write XLSX: %w", err)
	}
	return nil
}

// value is the cell value for column col: a float for a number in a
// Numeric column, otherwise sanitized text, which the stream writer stores
// as an inline string.
func (t Table) value(col int, s string) any {
	if t.numeric(col, s) {
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			return x
		}
	}
	return Sanitize(s)
}

// sheetName makes name acceptable to Excel: not empty, none of : \ / ? * [ ]
// and at most 31 characters.
func sheetName(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		if len(out) == maxSheetName {
			break
		}
		out = append(out, r)
	}
	if len(out) == 0 || out[0] == '\'' || out[len(out)-1] == '\'' {
		return "Segnalazioni"
	}
	return string(out)
}
