package admin

import (
	"net/http"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// TestBrokenZoneFilesGetAClearAnswerAndChangeNothing uploads each kind of
// broken file: the answer names the problem and the feature (number and
// name), and neither the zones nor the audit log change.
func TestBrokenZoneFilesGetAClearAnswerAndChangeNothing(t *testing.T) {
	d := newZoneDesk(t)
	good := zoneFeature("Centro", squareGeometry(11.34, 46.49, 0.02))
	polygon := func(ring string) string { return `{"type":"Polygon","coordinates":[` + ring + `]}` }
	tooBig := []byte(zoneCollection(good) + strings.Repeat(" ", maxZoneFileBytes))
	cases := []struct {
		label string
		kind  string
		file  []byte
		code  int
		want  []string
	}{
		{"not json", store.ZoneKindZone, []byte("nome;lat;lon\nCentro;46.5;11.3"), 422, []string{"non è un GeoJSON valido"}},
		{"not geojson", store.ZoneKindZone, []byte(`{"zones":["Centro"]}`), 422, []string{"è JSON ma non GeoJSON"}},
		{"a geometry, not a collection", store.ZoneKindZone, []byte(squareGeometry(11, 46, 1)), 422, []string{"un oggetto di tipo Polygon", "FeatureCollection"}},
		{"empty collection", store.ZoneKindZone, []byte(zoneCollection()), 422, []string{"non contiene nessun elemento"}},
		{"wrong geometry type", store.ZoneKindZone, []byte(zoneCollection(good, zoneFeature("Municipio", `{"type":"Point","coordinates":[11.35,46.5]}`))),
			422, []string{"Elemento n. 2 («Municipio»): la geometria è di tipo Point"}},
		{"no name", store.ZoneKindZone, []byte(zoneCollection(good, `{"type":"Feature","properties":{"id":2},"geometry":`+squareGeometry(11, 46, 1)+`}`)),
			422, []string{"Elemento n. 2: non ha un nome", "&#34;nome&#34;"}},
		{"same name twice", store.ZoneKindZone, []byte(zoneCollection(good, zoneFeature("Gries", squareGeometry(11.3, 46.49, 0.02)), zoneFeature("centro", squareGeometry(11, 46, 1)))),
			422, []string{"Elemento n. 3 («centro»): ha lo stesso nome dell", "elemento n. 1"}},
		{"unclosed ring", store.ZoneKindZone, []byte(zoneCollection(zoneFeature("Gries", polygon(`[[11.3,46.49],[11.32,46.49],[11.32,46.51],[11.3,46.51]]`)))),
			422, []string{"Elemento n. 1 («Gries»), poligono 1, anello 1: non è chiuso"}},
		{"ring of three", store.ZoneKindZone, []byte(zoneCollection(zoneFeature("Gries", polygon(`[[11.3,46.49],[11.32,46.49],[11.3,46.49]]`)))),
			422, []string{"Elemento n. 1 («Gries»), poligono 1, anello 1: ha 3 vertici, ne servono almeno 4"}},
		{"swapped coordinates", store.ZoneKindZone, []byte(zoneCollection(zoneFeature("Gries", polygon(`[[-46.49,111.3],[-46.49,111.32],[-46.51,111.32],[-46.49,111.3]]`)))),
			422, []string{"il vertice (-46.49, 111.3) non è in gradi", "invertite"}},
		{"projected metres", store.ZoneKindZone, []byte(zoneCollection(zoneFeature("Gries", polygon(`[[1262000,5858000],[1264000,5858000],[1264000,5860000],[1262000,5858000]]`)))),
			422, []string{"il vertice (1262000, 5858000) non è in gradi", "EPSG:3857 o UTM", "EPSG:4326"}},
		{"too large", store.ZoneKindZone, tooBig, 413, []string{"Il file supera 5 MB"}},
		{"no file", store.ZoneKindZone, nil, 422, []string{"Scegli un file GeoJSON"}},
		{"unknown kind", "comune", []byte(zoneCollection(good)), 422, []string{"usa uno dei due moduli"}},
		{"boundary that is a line", store.ZoneKindBoundary, []byte(`{"type":"LineString","coordinates":[[11,46],[12,46]]}`), 422, []string{"Il file: la geometria è di tipo LineString"}},
	}
	zones, boundary := d.fingerprint(store.ZoneKindZone), d.fingerprint(store.ZoneKindBoundary)
	for _, tc := range cases {
		t.Run(tc.label, func(t *testing.T) {
			resp, body := d.upload(tc.kind, tc.file)
			if resp.StatusCode != tc.code {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.code)
			}
			if !strings.Contains(body, `class="notice error" role="alert"`) {
				t.Error("no error notice")
			}
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("the answer lacks %q", want)
				}
			}
			if strings.Contains(body, `name="data"`) {
				t.Error("a broken file was offered for confirmation")
			}
			if d.fingerprint(store.ZoneKindZone) != zones || d.fingerprint(store.ZoneKindBoundary) != boundary {
				t.Fatal("the zones changed")
			}
		})
	}
	if got := d.auditActions(); len(got) != 0 {
		t.Errorf("refused uploads were audited as changes: %v", got)
	}
}

// TestTamperedConfirmChangesNothing: the confirm form carries the file
// back, so what comes back is checked again, and a confirm not made by
// the preview is refused.
func TestTamperedConfirmChangesNothing(t *testing.T) {
	d := newZoneDesk(t)
	zones := d.fingerprint(store.ZoneKindZone)
	post := func(fields map[string]string) (*http.Response, string) {
		fields["csrf"] = d.csrf
		return d.multipartPost("/admin/config/zones/confirm", fields, nil)
	}
	resp, body := post(map[string]string{"kind": "zone", "base": zones, "data": zoneCollection(zoneFeature("Centro", `{"type":"Point","coordinates":[11,46]}`))})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "la geometria è di tipo Point") {
		t.Errorf("edited data: %d", resp.StatusCode)
	}
	resp, body = post(map[string]string{"kind": "zone", "data": zoneCollection(zoneFeature("Centro", squareGeometry(11, 46, 1)))})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Le zone sono cambiate dopo") {
		t.Errorf("no base: %d", resp.StatusCode)
	}
	resp, _ = post(map[string]string{"kind": "zone", "base": zones, "data": strings.Repeat(" ", 2*maxZoneFileBytes+1)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("huge data: %d", resp.StatusCode)
	}
	if d.fingerprint(store.ZoneKindZone) != zones || len(d.auditActions()) != 0 {
		t.Error("a tampered confirm changed something")
	}
}
