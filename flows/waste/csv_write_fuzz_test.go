package waste

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzCSVRoundTrip: whatever file ParseCSV accepts, WriteCSV writes it so
// that ParseCSV reads back the same schedules; the only refusal is a value
// with a carriage return, which CSV cannot carry.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add(goodCSV)
	f.Add("zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n'=A,b,ogni,lun,0,2026-01-05,,,,\n")
	f.Add("zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n\"a\nb\",,annullata,,,,,,2026-01-01;2026-01-02,\n")
	f.Add("zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n''x,CARTA,date,lun,,,,,2026-02-01,\n")
	f.Fuzz(func(t *testing.T, s string) {
		schedules, errs := ParseCSV(strings.NewReader(s))
		if errs != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, schedules); err != nil {
			if !strings.Contains(s, "\r") {
				t.Fatalf("refused a file without carriage returns: %v", err)
			}
			return
		}
		back, errs := ParseCSV(bytes.NewReader(buf.Bytes()))
		if errs != nil {
			t.Fatalf("the export does not import: %v\n%q", errs, buf.String())
		}
		if !reflect.DeepEqual(back, schedules) {
			t.Fatalf("read back\n%+v\nwant\n%+v\nfile %q", back, schedules, buf.String())
		}
	})
}
