package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// TestAreaAudienceByZoneCircleAndPolygon: Anna lives in Centro, Bruno 2 km
// away in Borgo; each way of drawing the area counts whom it should, and
// the circle and polygon are stored as the audience reads them.
func TestAreaAudienceByZoneCircleAndPolygon(t *testing.T) {
	n := newNewsroom(t)
	ctx := context.Background()
	square := func(lat, lon, d float64) string {
		f := func(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
		return `{"type":"Polygon","coordinates":[[[` + f(lon-d) + `,` + f(lat-d) + `],[` + f(lon+d) + `,` + f(lat-d) + `],[` +
			f(lon+d) + `,` + f(lat+d) + `],[` + f(lon-d) + `,` + f(lat+d) + `],[` + f(lon-d) + `,` + f(lat-d) + `]]]}`
	}
	if err := n.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{
		{Name: "Centro", Kind: store.ZoneKindZone, GeoJSON: square(45.07, 7.68, 0.005)},
		{Name: "Borgo", Kind: store.ZoneKindZone, GeoJSON: square(45.09, 7.68, 0.005)},
	}); err != nil {
		t.Fatal(err)
	}
	zones, err := n.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	zoneID := map[string]int64{}
	for _, z := range zones {
		zoneID[z.Name] = z.ID
	}
	for _, pl := range []store.CitizenPlace{
		{CitizenID: n.anna.ID, ZoneID: zoneID["Centro"], HasCoords: true, Lat: 45.0701, Lon: 7.6801},
		{CitizenID: n.bruno.ID, ZoneID: zoneID["Borgo"], HasCoords: true, Lat: 45.0901, Lon: 7.6801},
	} {
		if err := n.st.SaveCitizenPlace(ctx, pl); err != nil {
			t.Fatal(err)
		}
	}
	area := func(set map[string]string) url.Values {
		form := n.newsForm(n.edCSRF)
		form.Set("audience", store.AudienceArea)
		form.Del("topic")
		for k, v := range set {
			form.Set(k, v)
		}
		return form
	}
	count := func(id int64) string {
		_, page := n.get(n.ed, postPath(id, ""))
		return page
	}

	byZone := n.create(n.ed, area(map[string]string{"area_mode": areaZones, "zone": strconv.FormatInt(zoneID["Borgo"], 10)}))
	if page := count(byZone); !strings.Contains(page, "Destinatari: 1") || !strings.Contains(page, "Borgo") {
		t.Error("the zone Borgo does not count Bruno alone")
	}
	circle := n.create(n.ed, area(map[string]string{"area_mode": areaCircle, "lat": "45,0700", "lon": "7.6800", "radius": "3000"}))
	p := n.postByID(circle)
	if lat, lon, r, ok := circleOf(p.AreaGeoJSON); !ok || lat != 45.07 || lon != 7.68 || r != 3000 {
		t.Fatalf("circle stored as %s", p.AreaGeoJSON)
	}
	if page := count(circle); !strings.Contains(page, "Destinatari: 2") {
		t.Error("a 3 km circle does not count both")
	}
	resp, _ := n.multipartPost(n.ed, "/admin/posts", area(map[string]string{"area_mode": areaPolygon}), "polygon_file", "centro.geojson", []byte(square(45.07, 7.68, 0.002)))
	m := postLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("an uploaded polygon: %d", resp.StatusCode)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if page := count(id); !strings.Contains(page, "Destinatari: 1") {
		t.Error("the uploaded polygon does not count Anna alone")
	}
	// The edit form gives the circle back as typed numbers.
	_, form := n.get(n.ed, postPath(circle, "edit"))
	if !strings.Contains(form, `name="radius" value="3000"`) || !strings.Contains(form, `value="circle" checked`) {
		t.Error("the edit form lost the circle")
	}
}

func TestPostListFiltersByKindAndStatus(t *testing.T) {
	n := newNewsroom(t)
	news := n.create(n.ed, n.newsForm(n.edCSRF))
	event := n.newsForm(n.edCSRF)
	event.Set("kind", store.PostEvent)
	event.Set("title", "Sagra del paese")
	event.Set("event_at", "2027-06-12T18:00")
	event.Set("event_place", "Piazza del Municipio")
	eventID := n.create(n.ed, event)
	if p := n.postByID(eventID); p.EventPlace != "Piazza del Municipio" || p.EventAt == 0 {
		t.Errorf("event stored as %+v", p)
	}
	n.post(n.ed, postPath(news, "send"), url.Values{"csrf": {n.edCSRF}})
	_, all := n.get(n.ed, "/admin/posts")
	_, events := n.get(n.ed, "/admin/posts?kind=evento")
	_, sending := n.get(n.ed, "/admin/posts?status=sending")
	_, bogus := n.get(n.ed, "/admin/posts?kind=volantino&status=perso")
	switch {
	case !strings.Contains(all, "Lavori in via Roma") || !strings.Contains(all, "Sagra del paese"):
		t.Error("the list lacks a post")
	case strings.Contains(events, "Lavori in via Roma") || !strings.Contains(events, "Sagra del paese"):
		t.Error("the kind filter does not filter")
	case !strings.Contains(sending, "Lavori in via Roma") || strings.Contains(sending, "Sagra del paese"):
		t.Error("the status filter does not filter")
	case !strings.Contains(bogus, "Sagra del paese"):
		t.Error("an unknown filter value hides posts instead of being ignored")
	}
	if !strings.Contains(sending, "<progress") {
		t.Error("a running broadcast shows no progress")
	}
}

func TestClerkLinksTelegramWithAOneTimeCode(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	if resp, _ := n.post(n.ed, postPath(id, "send-to-me"), url.Values{"csrf": {n.edCSRF}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("send to me without a chat: %d", resp.StatusCode)
	}
	resp, _ := n.post(n.ed, postPath(id, "link-code"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("link code: %d", resp.StatusCode)
	}
	_, page := n.get(n.ed, resp.Header.Get("Location"))
	m := linkCode.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page shows no code")
	}
	if _, again := n.get(n.ed, resp.Header.Get("Location")); linkCode.MatchString(again) {
		t.Error("the code is shown twice")
	}
	if _, err := n.st.RedeemStaffLinkCode(context.Background(), m[1], 4242); err != nil {
		t.Fatalf("the shown code does not link: %v", err)
	}
	if rights, _ := n.st.StaffPublishingOf(context.Background(), n.editor.ID); rights.TelegramChatID != 4242 {
		t.Errorf("linked chat %d", rights.TelegramChatID)
	}
	if _, page := n.get(n.ed, postPath(id, "")); !strings.Contains(page, "/send-to-me") {
		t.Error("a linked clerk is not offered the copy")
	}
}
