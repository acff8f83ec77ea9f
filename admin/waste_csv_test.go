package admin

import (
	"context"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
)

// The export, imported again, gives back the same calendars, also for a
// zone whose name a spreadsheet would run as a formula.
func TestWasteCSVExportImportRoundTrip(t *testing.T) {
	d := newWasteDesk(t, "=SOMMA(A1:A9)")
	ctx := context.Background()
	otherRules := []waste.Rule{
		{Type: "vetro", Weekdays: []time.Weekday{time.Monday}, EveryWeeks: 2, Start: waste.D(2026, 1, 5)},
		{Type: "ingombranti", EveryWeeks: 1, Dates: []waste.Date{waste.D(2026, 3, 14), waste.D(2026, 9, 12)}},
		{Type: "verde", Weekdays: []time.Weekday{time.Wednesday}, EveryWeeks: 1, From: waste.D(2026, 4, 1), Until: waste.D(2026, 10, 31)},
	}
	otherExceptions := []waste.Exception{{Date: waste.D(2026, 1, 6)}, {Type: "vetro", Date: waste.D(2026, 12, 28), To: waste.D(2026, 12, 29)}}
	if err := flows.SaveZoneSchedule(ctx, d.st, d.other.ID, otherRules, otherExceptions); err != nil {
		t.Fatal(err)
	}
	resp, file := d.get(d.c, "/admin/waste/export.csv")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(file, "\r\n'=SOMMA(A1:A9),vetro,ogni,lun,2,2026-01-05,,,,\r\n") || strings.Contains(file, "\n=SOMMA") {
		t.Errorf("the formula-like zone name is not written as text:\n%s", file)
	}
	_, one := d.get(d.c, "/admin/waste/export.csv?zone="+itoa(d.centro.ID))
	if !strings.Contains(one, "Centro,carta,settimanale,mar,,,,,,") || strings.Contains(one, "SOMMA") {
		t.Errorf("the one zone's export:\n%s", one)
	}

	// Both calendars are lost; the file brings them back.
	for _, id := range []int64{d.centro.ID, d.other.ID} {
		if err := flows.SaveZoneSchedule(ctx, d.st, id, []waste.Rule{{Type: "umido", Weekdays: []time.Weekday{time.Saturday}, EveryWeeks: 1}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	resp, preview := d.upload("/admin/waste/import", nil, []byte(file))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, preview)
	}
	preview = html.UnescapeString(preview)
	for _, want := range []string{"Zone il cui calendario verrà sostituito: 2", "Regole: 1 → 2. Eccezioni: 0 → 1.", "=SOMMA(A1:A9)",
		"Carta e cartone · martedì · ogni settimana · tutto l'anno", "25/12/2026 · Secco indifferenziato · spostata al 27/12/2026"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	d.sameSchedule(d.centro.ID, []waste.Rule{{Type: "umido", Weekdays: []time.Weekday{time.Saturday}, EveryWeeks: 1}}, nil)

	resp, _ = d.confirmImport(preview)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/waste?done=imported" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	d.sameSchedule(d.centro.ID, centroRules, centroExceptions)
	d.sameSchedule(d.other.ID, otherRules, otherExceptions)
	actions := d.auditActions()
	for _, want := range []string{"waste.export", "waste.import"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
	d.noMissingKeys()
}

// A file with wrong lines is refused whole, each line named with its
// number as a text editor counts it, and imports nothing, even when the
// clerk posts it to the confirmation directly.
func TestWasteCSVBrokenFileImportsNothing(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	file := strings.Join([]string{
		"zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data",
		"Stazione,carta,settimanale,lun,,,,,,", // fine
		"",
		"Stazione,vetro,settimanale,lunedìx,,,,,,",       // 4: not a day
		"Stazione,vetro,ogni,ven,2,,,,,",                 // 5: no first collection
		"Borgo Nuovo,carta,settimanale,mar,,,,,,",        // 6: only parsed once the rest is right
		"Stazione,secco,spostata,,,,,,2026-12-25,",       // 7: moved nowhere
		"Stazione,umido,settimanale,gio,,,2026-13-01,,,", // 8: no such date
	}, "\n")
	resp, body := d.upload("/admin/waste/import", nil, []byte(file))
	body = html.UnescapeString(body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "non è stato importato nulla") {
		t.Fatalf("a broken file: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{
		"Riga 4: «lunedìx» non è un giorno",
		"Riga 5: Una raccolta non settimanale ha bisogno della data di una prima raccolta.",
		"Riga 7: Una raccolta spostata ha bisogno del nuovo giorno.",
		"Riga 8: «2026-13-01» non è una data come 2026-12-25.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}

	// Right in form, wrong in names: an unknown zone and an unknown type.
	file = "zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\n" +
		"Stazione,carta,settimanale,lun,,,,,,\n" +
		"Borgo Nuovo,carta,settimanale,mar,,,,,,\n" +
		"stazione,uranio,settimanale,mar,,,,,,\n"
	resp, body = d.upload("/admin/waste/import", nil, []byte(file))
	body = html.UnescapeString(body)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown names: %d", resp.StatusCode)
	}
	for _, want := range []string{"Riga 3: Nessuna zona si chiama «Borgo Nuovo»", "Riga 4: «uranio» non è un rifiuto: usa uno di questi codici: carta, plastica"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
	resp, _ = d.upload("/admin/waste/import/confirm", map[string]string{"data": file, "base": "forged"}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a broken file posted to the confirmation: %d", resp.StatusCode)
	}
	resp, body = d.upload("/admin/waste/import", nil, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Scegli un file CSV") {
		t.Errorf("no file: %d", resp.StatusCode)
	}
	d.sameSchedule(d.centro.ID, centroRules, centroExceptions)
	d.sameSchedule(d.other.ID, nil, nil)
	if slices.Contains(d.auditActions(), "waste.import") {
		t.Error("a refused file was audited as imported")
	}
	d.noMissingKeys()
}

// A preview confirmed after a colleague changed one of its zones imports
// nothing: the preview showed changes against a calendar that is gone.
func TestWasteCSVStalePreviewImportsNothing(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	file := "zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data\nCentro,vetro,settimanale,gio,,,,,,\n"
	_, preview := d.upload("/admin/waste/import", nil, []byte(file))
	changed := []waste.Rule{{Type: "plastica", Weekdays: []time.Weekday{time.Monday}, EveryWeeks: 1}}
	if err := flows.SaveZoneSchedule(context.Background(), d.st, d.centro.ID, changed, nil); err != nil {
		t.Fatal(err)
	}
	resp, body := d.confirmImport(preview)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "non è stato importato nulla") {
		t.Fatalf("a stale preview: %d\n%s", resp.StatusCode, body)
	}
	d.sameSchedule(d.centro.ID, changed, nil)
}

// The format the import page describes is the one the parser reads.
func TestWasteImportPageExampleParses(t *testing.T) {
	if !strings.HasPrefix(csvExample, strings.Join(csvColumns, ",")+"\n") {
		t.Error("the example's header is not the columns")
	}
	if _, errs := waste.ParseCSV(strings.NewReader(csvExample)); errs != nil {
		t.Errorf("the example does not parse: %v", errs)
	}
}
