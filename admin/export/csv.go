package export

import (
	"encoding/csv"
	"fmt"
	"io"
)

// bom starts the file so that Excel reads it as UTF-8 and shows accented
// letters right; LibreOffice and most parsers skip it.
const bom = "\ufeff"

// WriteCSV writes t as comma-separated UTF-8 with a byte order mark, RFC
// 4180 quoting and CRLF line ends, the dialect Excel expects.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("export: unable to write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	record := make([]string, len(t.Headers))
	for i, h := range t.Headers {
		record[i] = Sanitize(h)
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("export: unable to write CSV: %w", err)
	}
	for _, row := range t.Rows {
		record = record[:0]
		for i, s := range row {
			record = append(record, t.cell(i, s))
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("export: unable to write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export: unable to write CSV: %w", err)
	}
	return nil
}
