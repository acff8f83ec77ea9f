package admin

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// Squares near Bolzano as GeoJSON polygons: lon, lat of the south-west
// corner and the side in degrees.
func squareGeometry(lon, lat, side float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}`,
		lon, lat, lon+side, lat, lon+side, lat+side, lon, lat+side, lon, lat)
}

func zoneFeature(name, geometry string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{"name":%q},"geometry":%s}`, name, geometry)
}

func zoneCollection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

// zoneDesk is a harness with a signed-in admin and three stored zones:
// Centro with a waste rule and a citizen's saved place, Gries with a
// report, Oltrisarco with nothing.
type zoneDesk struct {
	*harness
	c      *http.Client
	csrf   string
	zones  map[string]store.Zone
	report store.Report
	anna   store.Citizen
}

func newZoneDesk(t *testing.T) *zoneDesk {
	t.Helper()
	h := newHarness(t)
	d := &zoneDesk{harness: h, zones: map[string]store.Zone{}}
	d.c, d.csrf = h.signedInClient(h.account("admin", store.RoleAdmin, "a long enough password", false))
	ctx := context.Background()
	if _, err := h.st.SyncZones(ctx, store.ZoneKindZone, []store.Zone{
		{Name: "Centro", GeoJSON: squareGeometry(11.34, 46.49, 0.02)},
		{Name: "Gries", GeoJSON: squareGeometry(11.30, 46.49, 0.02)},
		{Name: "Oltrisarco", GeoJSON: squareGeometry(11.34, 46.47, 0.02)},
	}, ""); err != nil {
		t.Fatal(err)
	}
	zones, _ := h.st.Zones(ctx, store.ZoneKindZone)
	for _, z := range zones {
		d.zones[z.Name] = z
	}
	if err := h.st.ReplaceSchedule(ctx, d.zones["Centro"].ID, []store.WasteRule{{Type: "carta", Weekdays: []int{2}}, {Type: "vetro", Weekdays: []int{4}}}, nil); err != nil {
		t.Fatal(err)
	}
	var err error
	if d.anna, err = h.st.CitizenSeen(ctx, 501, 501, "Anna", "it", true); err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveCitizenPlace(ctx, store.CitizenPlace{CitizenID: d.anna.ID, ZoneID: d.zones["Centro"].ID}); err != nil {
		t.Fatal(err)
	}
	cats, _ := h.st.Categories(ctx, 0, false)
	if d.report, err = h.st.CreateReport(ctx, store.NewReport{CitizenID: d.anna.ID, ChatID: 501, CategoryID: cats[0].ID, ZoneID: d.zones["Gries"].ID, Description: "buca"}); err != nil {
		t.Fatal(err)
	}
	return d
}

// multipartPost sends a form as a browser does with
// enctype="multipart/form-data"; file, when not nil, is the "file" field.
func (d *zoneDesk) multipartPost(path string, fields map[string]string, file []byte) (*http.Response, string) {
	d.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "zone.geojson")
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

func (d *zoneDesk) upload(kind string, file []byte) (*http.Response, string) {
	d.t.Helper()
	return d.multipartPost("/admin/config/zones/upload", map[string]string{"csrf": d.csrf, "kind": kind}, file)
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="(kind|base|data)" value="([^"]*)">`)

// confirm posts back the preview's own form, as the Confirm button does.
func (d *zoneDesk) confirm(preview string) (*http.Response, string) {
	d.t.Helper()
	fields := map[string]string{"csrf": d.csrf}
	for _, m := range hiddenField.FindAllStringSubmatch(preview, -1) {
		fields[m[1]] = html.UnescapeString(m[2])
	}
	if fields["data"] == "" || fields["base"] == "" {
		d.t.Fatalf("the preview has no confirm form: %s", preview)
	}
	return d.multipartPost("/admin/config/zones/confirm", fields, nil)
}

func (d *zoneDesk) fingerprint(kind string) string {
	d.t.Helper()
	zones, err := d.st.Zones(context.Background(), kind)
	if err != nil {
		d.t.Fatal(err)
	}
	return store.ZonesFingerprint(zones)
}

func TestZonesUploadPreviewsThenConfirmReplaces(t *testing.T) {
	d := newZoneDesk(t)
	ctx := context.Background()
	before := d.fingerprint(store.ZoneKindZone)
	// Centro moves, Oltrisarco stays as it is, Gries goes, Don Bosco is new.
	file := zoneCollection(
		zoneFeature("Centro", squareGeometry(11.35, 46.49, 0.02)),
		zoneFeature("Oltrisarco", squareGeometry(11.34, 46.47, 0.02)),
		zoneFeature("Don Bosco", squareGeometry(11.30, 46.47, 0.02)))
	resp, preview := d.upload(store.ZoneKindZone, []byte(file))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview %d: %s", resp.StatusCode, preview)
	}
	for _, want := range []string{"Nuove: 1 · Modificate: 1 · Invariate: 1 · Da eliminare: 1", "<svg", "Don Bosco",
		"Conserva regole del calendario: 2, luoghi salvati: 1, segnalazioni: 0.",
		"Restano senza zona luoghi salvati: 0, segnalazioni: 1.", "Attenzione: 1 zone attuali"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if !regexp.MustCompile(`(?s)<td>Gries</td>\s*<td><strong>Da eliminare</strong>`).MatchString(preview) {
		t.Error("Gries is not shown as removed")
	}
	if d.fingerprint(store.ZoneKindZone) != before || len(d.auditActions()) != 0 {
		t.Fatal("the preview changed something")
	}

	resp, _ = d.confirm(preview)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/config/zones?done=zone" {
		t.Fatalf("confirm %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	zones, _ := d.st.Zones(ctx, store.ZoneKindZone)
	var names []string
	for _, z := range zones {
		names = append(names, z.Name)
	}
	if strings.Join(names, ",") != "Centro,Don Bosco,Oltrisarco" {
		t.Errorf("zones after confirm: %v", names)
	}
	if r, _ := d.st.ReportByID(ctx, d.report.ID); r.ZoneID != 0 {
		t.Errorf("the report still points at the removed zone %d", r.ZoneID)
	}
	if got := d.auditActions(); len(got) != 1 || got[0] != "zones.replace" {
		t.Errorf("audit %v", got)
	}
	_, page := d.get(d.c, "/admin/config/zones?done=zone")
	if !strings.Contains(page, "Zone salvate.") || !strings.Contains(page, "Don Bosco") {
		t.Error("the zones page does not show the outcome")
	}

	// Confirming the same preview again (a reload, a second tab) is
	// refused: the zones are no longer those it was compared with.
	after := d.fingerprint(store.ZoneKindZone)
	resp, body := d.confirm(preview)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Le zone sono cambiate dopo") {
		t.Errorf("stale confirm %d", resp.StatusCode)
	}
	if d.fingerprint(store.ZoneKindZone) != after || len(d.auditActions()) != 1 {
		t.Error("a stale confirm changed something")
	}
}

func TestZoneKeptByNameKeepsItsWasteRulesAndSavedPlaces(t *testing.T) {
	d := newZoneDesk(t)
	ctx := context.Background()
	centro := d.zones["Centro"]
	// Spelt otherwise and redrawn: still the same zone.
	file := zoneCollection(zoneFeature("CENTRO", squareGeometry(11.33, 46.48, 0.04)), zoneFeature("Gries", squareGeometry(11.30, 46.49, 0.02)),
		zoneFeature("Oltrisarco", squareGeometry(11.34, 46.47, 0.02)))
	resp, preview := d.upload(store.ZoneKindZone, []byte(file))
	if resp.StatusCode != http.StatusOK || !strings.Contains(preview, "(prima «Centro»)") || !strings.Contains(preview, "Da eliminare: 0") {
		t.Fatalf("preview %d: %s", resp.StatusCode, preview)
	}
	if resp, _ := d.confirm(preview); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm %d", resp.StatusCode)
	}
	got, err := d.st.ZoneByID(ctx, centro.ID)
	if err != nil || got.Name != "CENTRO" || got.GeoJSON == centro.GeoJSON {
		t.Fatalf("zone %d after the upload: %+v %v", centro.ID, got, err)
	}
	if rules, _, _ := d.st.Schedule(ctx, centro.ID); len(rules) != 2 {
		t.Errorf("waste rules after the upload: %+v", rules)
	}
	if p, _ := d.st.CitizenPlaceOf(ctx, d.anna.ID); p.ZoneID != centro.ID {
		t.Errorf("saved place after the upload: %+v", p)
	}
	if r, _ := d.st.ReportByID(ctx, d.report.ID); r.ZoneID != d.zones["Gries"].ID {
		t.Errorf("the report lost Gries: %d", r.ZoneID)
	}
}

func TestBoundaryUploadPreviewsThenReplacesOnlyTheBoundary(t *testing.T) {
	d := newZoneDesk(t)
	ctx := context.Background()
	zonesBefore := d.fingerprint(store.ZoneKindZone)
	// A bare Feature with no name gets the default name.
	file := `{"type":"Feature","properties":{},"geometry":` + squareGeometry(11.28, 46.45, 0.1) + `}`
	resp, preview := d.upload(store.ZoneKindBoundary, []byte(file))
	if resp.StatusCode != http.StatusOK || !strings.Contains(preview, "Controlla il nuovo confine") || !strings.Contains(preview, "Confine comunale") {
		t.Fatalf("preview %d: %s", resp.StatusCode, preview)
	}
	if resp, _ := d.confirm(preview); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/config/zones?done=boundary" {
		t.Fatalf("confirm %d", resp.StatusCode)
	}
	b, _ := d.st.Zones(ctx, store.ZoneKindBoundary)
	if len(b) != 1 || b[0].Name != "Confine comunale" {
		t.Fatalf("boundary %+v", b)
	}
	if d.fingerprint(store.ZoneKindZone) != zonesBefore {
		t.Error("the boundary upload changed the zones")
	}
	// A new boundary far from the zones is flagged before it is saved.
	far := squareGeometry(46.45, 11.28, 0.1)
	_, preview = d.upload(store.ZoneKindBoundary, []byte(far))
	if !strings.Contains(preview, "Queste zone attuali restano fuori dal nuovo confine: Centro, Gries, Oltrisarco.") {
		t.Error("zones outside the new boundary are not flagged")
	}
	// Two features are not a boundary.
	two := zoneCollection(zoneFeature("A", squareGeometry(11, 46, 1)), zoneFeature("B", squareGeometry(12, 46, 1)))
	resp, body := d.upload(store.ZoneKindBoundary, []byte(two))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Il file contiene 2 elementi") {
		t.Errorf("two features: %d", resp.StatusCode)
	}
	if got := d.auditActions(); len(got) != 1 || got[0] != "zones.replace" {
		t.Errorf("audit %v", got)
	}
}

func TestZonesDownloadReadsBackUnchanged(t *testing.T) {
	d := newZoneDesk(t)
	if _, err := d.st.SyncZones(context.Background(), store.ZoneKindBoundary, []store.Zone{{Name: "Comune di Bolzano", GeoJSON: squareGeometry(11.28, 46.45, 0.1)}}, ""); err != nil {
		t.Fatal(err)
	}
	_, page := d.get(d.c, "/admin/config/zones")
	for _, link := range []string{`href="/admin/config/zones/zones.geojson"`, `href="/admin/config/zones/boundary.geojson"`} {
		if !strings.Contains(page, link) {
			t.Errorf("the page lacks %s", link)
		}
	}
	resp, body := d.get(d.c, "/admin/config/zones/zones.geojson")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/geo+json" || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download %d %v", resp.StatusCode, resp.Header)
	}
	zones, err := flows.ParseZones([]byte(body))
	if err != nil || len(zones) != 3 || zones[0].Name != "Centro" || !strings.Contains(body, `"name":"Gries"`) {
		t.Fatalf("the download does not parse: %v %v", zones, err)
	}
	resp, preview := d.upload(store.ZoneKindZone, []byte(body))
	if resp.StatusCode != http.StatusOK || !strings.Contains(preview, "Nuove: 0 · Modificate: 0 · Invariate: 3 · Da eliminare: 0") {
		t.Errorf("uploading the download back: %d %s", resp.StatusCode, preview)
	}
	_, body = d.get(d.c, "/admin/config/zones/boundary.geojson")
	if b, err := flows.ParseBoundary([]byte(body)); err != nil || b.Name != "Comune di Bolzano" {
		t.Errorf("boundary download: %+v %v", b, err)
	}
}
