package flows

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

const testPhotoSHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// mailFixture is a store with one citizen, a zone, and the path of the
// database file, for the tests that must change what the store offers no
// method for (an office without address).
type mailFixture struct {
	st      *store.Store
	path    string
	citizen store.Citizen
	zoneID  int64
}

func newMailFixture(t *testing.T) mailFixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mail.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.SetClock(func() time.Time { return testNow })
	c, err := st.CitizenSeen(ctx, 7, 707, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro storico", GeoJSON: "{}"}}); err != nil {
		t.Fatal(err)
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil || len(zones) != 1 {
		t.Fatalf("zones = %v, %v", zones, err)
	}
	return mailFixture{st: st, path: path, citizen: c, zoneID: zones[0].ID}
}

func (f mailFixture) categoryID(t *testing.T, slug string) int64 {
	t.Helper()
	tops, err := f.st.Categories(context.Background(), 0, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, top := range tops {
		if top.Slug == slug {
			return top.ID
		}
		subs, _ := f.st.Categories(context.Background(), top.ID, false)
		for _, c := range subs {
			if c.Slug == slug {
				return c.ID
			}
		}
	}
	t.Fatalf("no category %q", slug)
	return 0
}

func (f mailFixture) report(t *testing.T, nr store.NewReport) store.Report {
	t.Helper()
	nr.CitizenID, nr.ChatID, nr.AuthorName = f.citizen.ID, f.citizen.ChatID, f.citizen.FirstName
	if nr.CategoryID == 0 {
		nr.CategoryID = f.categoryID(t, "strade-buca")
	}
	r, err := f.st.CreateReport(context.Background(), nr)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReportEmailCarriesTheReport(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	r := f.report(t, store.NewReport{HasCoords: true, Lat: 46.498295, Lon: 11.354758, Geolocated: true,
		PlaceText: "Via Roma 1", ZoneID: f.zoneID, Description: "Buca profonda\ndavanti alla scuola",
		Photos: []store.ReportPhoto{{FileID: "f1", SHA256: testPhotoSHA}, {FileID: "f2"}}})
	m, ok, err := newTestEngine().ReportEmail(ctx, f.st, r, "https://campanile.comune.example.it/")
	if err != nil || !ok {
		t.Fatalf("ReportEmail = %v, %v", ok, err)
	}
	if m.To != "tecnico@comune.example.it" || m.ReportID != r.ID {
		t.Errorf("mail to %q about report %d", m.To, m.ReportID)
	}
	if want := "[Segnalazione 2025-000001] Buca — Via Roma 1"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	for _, want := range []string{
		"Numero: 2025-000001", "Categoria: Strade e marciapiedi › Buca", "Luogo: Via Roma 1",
		"https://www.openstreetmap.org/?mlat=46.498295&mlon=11.354758#map=19/46.498295/11.354758",
		"Zona: Centro storico", "Segnalata da: Anna", "Buca profonda\ndavanti alla scuola",
		"Foto 1: https://campanile.comune.example.it/admin/reports/" + strconv.FormatInt(r.ID, 10) + "/photos/0",
		"Foto 2: https://campanile.comune.example.it/admin/reports/" + strconv.FormatInt(r.ID, 10) + "/photos/1",
		"https://campanile.comune.example.it/admin/reports/" + strconv.FormatInt(r.ID, 10),
		"Comune di Esempio",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	for _, want := range []string{
		`href="https://www.openstreetmap.org/?mlat=46.498295&amp;mlon=11.354758#map=19/46.498295/11.354758"`,
		`href="https://campanile.comune.example.it/admin/reports/` + strconv.FormatInt(r.ID, 10) + `/photos/0"`,
		"Buca profonda<br>\ndavanti alla scuola",
	} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, m.HTML)
		}
	}
	if missing := testCatalog.Missing(); len(missing) > 0 {
		t.Errorf("missing texts: %v", missing)
	}
}

// TestReportEmailDefusesWhatCitizensType: a description is data, never
// markup, and no place can add a header to the mail.
func TestReportEmailDefusesWhatCitizensType(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	r := f.report(t, store.NewReport{PlaceText: "Via Roma\r\nBcc: spam@evil.example\r\n\r\n<b>1</b>\u202e",
		Description: `<script>alert("x")</script> & <a href="javascript:x">clic</a>` + "\x00\x1b[31m"})
	m, ok, err := newTestEngine().ReportEmail(ctx, f.st, r, "")
	if err != nil || !ok {
		t.Fatalf("ReportEmail = %v, %v", ok, err)
	}
	if strings.ContainsAny(m.Subject, "\r\n\u202e") {
		t.Errorf("subject spans lines or reorders text: %q", m.Subject)
	}
	if want := "[Segnalazione 2025-000001] Buca — Via Roma Bcc: spam@evil.example <b>1</b>"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	if strings.Contains(m.HTML, "<script") || strings.Contains(m.HTML, `<a href="javascript`) || strings.Contains(m.HTML, "<b>1") {
		t.Errorf("HTML lets markup through:\n%s", m.HTML)
	}
	if !strings.Contains(m.HTML, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;a href=") {
		t.Errorf("HTML does not show the description as text:\n%s", m.HTML)
	}
	if !strings.Contains(m.Text, "Luogo: Via Roma Bcc: spam@evil.example <b>1</b>\n") {
		t.Errorf("the place is not one line of text:\n%s", m.Text)
	}
	if strings.ContainsAny(m.Text+m.HTML, "\x00\x1b\r\u202e") {
		t.Errorf("control characters survive: %q", m.Text)
	}
	// Without a public address there is nothing to link to.
	if strings.Contains(m.Text, "/admin/") || !strings.Contains(m.Text, "Segnalata da: Anna") {
		t.Errorf("text without public URL:\n%s", m.Text)
	}
}

func TestReportEmailHidesTheAuthorWhenAnonymous(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	r := f.report(t, store.NewReport{HasCoords: true, Lat: 46.5, Lon: 11.35, ZoneID: f.zoneID, Description: "Lampione spento da giorni"})
	cfg := testConfig
	cfg.AnonymousReports = true
	e := NewEngine(cfg, testCatalog, slog.New(slog.DiscardHandler))
	m, ok, err := e.ReportEmail(ctx, f.st, r, "not a url")
	if err != nil || !ok {
		t.Fatalf("ReportEmail = %v, %v", ok, err)
	}
	if strings.Contains(m.Text+m.HTML, "Anna") || !strings.Contains(m.Text, "Segnalata da: anonimo") {
		t.Errorf("anonymous report names its author:\n%s", m.Text)
	}
	// A shared point without address is named by its zone in the subject.
	if want := "[Segnalazione 2025-000001] Buca — Centro storico"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	if !strings.Contains(m.Text, "Luogo: posizione condivisa") || strings.Contains(m.Text, "not a url") {
		t.Errorf("text:\n%s", m.Text)
	}
}

func TestEnqueueReportEmail(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	e := newTestEngine()
	r := f.report(t, store.NewReport{PlaceText: "Piazza Duomo", Description: "Buca enorme"})
	if err := f.st.InTx(ctx, func(tx *store.Store) error { return e.EnqueueReportEmail(ctx, tx, r, "") }); err != nil {
		t.Fatal(err)
	}
	due, err := f.st.DueMail(ctx, testNow, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("due mail = %v, %v", due, err)
	}
	if m := due[0]; m.To != "tecnico@comune.example.it" || m.ReportID != r.ID || m.HTML == "" || m.Status != store.MailPending {
		t.Errorf("queued mail = %+v", m)
	}

	// A category whose office has no address sends nothing, and says so
	// to ReportEmail's caller.
	db, err := sql.Open("sqlite3", f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE offices SET email = ' ' WHERE name = 'Ufficio tecnico'`); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := e.ReportEmail(ctx, f.st, r, ""); ok || err != nil {
		t.Errorf("ReportEmail without address = %v, %v; want not ok", ok, err)
	}
	// A subcategory without office falls back to its parent's.
	if _, err := db.Exec(`UPDATE categories SET office_id = NULL WHERE slug = 'rifiuti-cassonetto'`); err != nil {
		t.Fatal(err)
	}
	r2 := f.report(t, store.NewReport{CategoryID: f.categoryID(t, "rifiuti-cassonetto"), PlaceText: "Via Verdi", Description: "Cassonetto pieno"})
	if m, ok, err := e.ReportEmail(ctx, f.st, r2, ""); !ok || err != nil || m.To != "ambiente@comune.example.it" {
		t.Errorf("ReportEmail of a subcategory without office = %q, %v, %v", m.To, ok, err)
	}
	if err := e.EnqueueReportEmail(ctx, f.st, r, ""); err != nil {
		t.Fatal(err)
	}
	if counts, _ := f.st.MailCounts(ctx); counts[store.MailPending] != 1 {
		t.Errorf("mail counts = %v, want still one pending", counts)
	}
}
