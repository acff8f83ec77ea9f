package admin

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteDesk is a harness with a signed-in editor (the ufficio ambiente)
// and two zones: Centro, with paper on Tuesdays, residual waste on Fridays
// and Christmas' collection moved to the 27th, and Stazione with nothing.
type wasteDesk struct {
	*harness
	c      *http.Client
	csrf   string
	centro store.Zone
	other  store.Zone
}

var centroRules = []waste.Rule{
	{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}, EveryWeeks: 1},
	{Type: "secco", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 1},
}

var centroExceptions = []waste.Exception{{Type: "secco", Date: waste.D(2026, 12, 25), To: waste.D(2026, 12, 27)}}

func newWasteDesk(t *testing.T, otherName string) *wasteDesk {
	t.Helper()
	h := newHarness(t)
	d := &wasteDesk{harness: h}
	d.c, d.csrf = h.signedInClient(h.account("ambiente", store.RoleEditor, "a long enough password", false))
	ctx := context.Background()
	if _, err := h.st.SyncZones(ctx, store.ZoneKindZone, []store.Zone{
		{Name: "Centro", GeoJSON: squareGeometry(7.68, 45.07, 0.01)},
		{Name: otherName, GeoJSON: squareGeometry(7.69, 45.07, 0.01)},
	}, ""); err != nil {
		t.Fatal(err)
	}
	zones, err := h.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range zones {
		if z.Name == "Centro" {
			d.centro = z
		} else {
			d.other = z
		}
	}
	if err := flows.SaveZoneSchedule(ctx, h.st, d.centro.ID, centroRules, centroExceptions); err != nil {
		t.Fatal(err)
	}
	return d
}

// schedule reads a zone's calendar from the store.
func (d *wasteDesk) schedule(zoneID int64) waste.Schedule {
	d.t.Helper()
	rules, exceptions, err := flows.ZoneSchedule(context.Background(), d.st, zoneID)
	if err != nil {
		d.t.Fatal(err)
	}
	return waste.Schedule{Rules: rules, Exceptions: exceptions}
}

func (d *wasteDesk) sameSchedule(zoneID int64, rules []waste.Rule, exceptions []waste.Exception) {
	d.t.Helper()
	got := d.schedule(zoneID)
	if !reflect.DeepEqual(got, waste.Schedule{Rules: rules, Exceptions: exceptions}) {
		d.t.Errorf("the calendar is\n%+v\nwant\n%+v", got, waste.Schedule{Rules: rules, Exceptions: exceptions})
	}
}

var baseField = regexp.MustCompile(`name="base" value="([^"]*)"`)

// baseOf is the calendar's fingerprint as the form at path carries it.
func (d *wasteDesk) baseOf(path string) string {
	d.t.Helper()
	resp, body := d.get(d.c, path)
	m := baseField.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		d.t.Fatalf("GET %s: %d, no base field:\n%s", path, resp.StatusCode, body)
	}
	return m[1]
}

// upload posts a file as the import form does.
func (d *wasteDesk) upload(path string, fields map[string]string, file []byte) (*http.Response, string) {
	d.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", d.csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "calendario.csv")
		_, _ = fw.Write(file)
	}
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, d.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := d.c.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var previewField = regexp.MustCompile(`<input type="hidden" name="(base|data)" value="([^"]*)">`)

// confirmImport posts back the preview's own form, as its button does.
func (d *wasteDesk) confirmImport(preview string) (*http.Response, string) {
	d.t.Helper()
	fields := map[string]string{}
	for _, m := range previewField.FindAllStringSubmatch(preview, -1) {
		fields[m[1]] = html.UnescapeString(m[2])
	}
	if fields["data"] == "" || fields["base"] == "" {
		d.t.Fatalf("the preview has no confirm form: %s", preview)
	}
	return d.upload("/admin/waste/import/confirm", fields, nil)
}

func (d *wasteDesk) noMissingKeys() {
	d.t.Helper()
	if missing := d.s.cat.Missing(); len(missing) > 0 {
		d.t.Errorf("missing translations: %v", missing)
	}
}

func saveSchedule(ctx context.Context, d *wasteDesk, rules []waste.Rule, exceptions []waste.Exception) error {
	return flows.SaveZoneSchedule(ctx, d.st, d.centro.ID, rules, exceptions)
}
