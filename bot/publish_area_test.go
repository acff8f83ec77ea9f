package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/demo"
	"github.com/campanile/campanile/store"
)

// An area alert reaches exactly the citizens whose saved place is in the
// chosen zone or inside the drawn circle: not those saved elsewhere, nor
// those who saved no place, whatever topics they follow.
func TestAreaAlertReachesExactlyThoseInside(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t)
	if err := demo.Seed(ctx, h.st); err != nil {
		t.Fatal(err)
	}
	zones, err := h.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	zoneID := map[string]int64{}
	for _, z := range zones {
		zoneID[z.Name] = z.ID
	}
	b := h.start()
	e := flows.NewEngine(h.flows, h.cat, testLogger())
	h.publishAt(11, 0)
	inZone := h.waitingCitizen(8001, "Anna", "it", 0)
	inCircle := h.waitingCitizen(8002, "Bruno", "it", 0)
	elsewhere := h.waitingCitizen(8003, "Carla", "it", 0, "protezione-civile")
	noPlace := h.waitingCitizen(8004, "Dario", "it", 0, "protezione-civile")
	save := func(u *emulator.User, p store.CitizenPlace) {
		p.CitizenID = h.citizen(u).ID
		if err := h.st.SaveCitizenPlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	save(inZone, store.CitizenPlace{ZoneID: zoneID["Centro storico"]})
	// In San Rocco, 150 m from the circle's centre.
	save(inCircle, store.CitizenPlace{ZoneID: zoneID["San Rocco"], HasCoords: true, Lat: 45.0650, Lon: 7.6770})
	// In San Rocco too, 1.2 km away.
	save(elsewhere, store.CitizenPlace{ZoneID: zoneID["San Rocco"], HasCoords: true, Lat: 45.0600, Lon: 7.6720})
	before := map[*emulator.User]int{}
	for _, u := range []*emulator.User{inZone, inCircle, elsewhere, noPlace} {
		before[u] = len(u.BotMessages())
	}

	circle := `{"type":"Feature","properties":{"radius_m":300},"geometry":{"type":"Point","coordinates":[7.6760,45.0660]}}`
	p, n := h.publish(b, e, store.Post{Kind: store.PostAlert, Title: "Fuga di gas", BodyHTML: "Restate in casa.",
		Audience: store.AudienceArea, ZoneIDs: []int64{zoneID["Centro storico"]}, AreaGeoJSON: circle})
	if n != 2 {
		t.Fatalf("reached %d, want the citizen of the zone and the one in the circle", n)
	}
	for _, u := range []*emulator.User{inZone, inCircle} {
		got := expect(t, u, before[u]+1)[before[u]]
		if !strings.Contains(got.Text, "Fuga di gas") || got.Silent {
			t.Errorf("chat %d got %q (silent %v), want the alert, loud", u.ID(), got.Text, got.Silent)
		}
	}
	h.drained(p.ID)
	for _, u := range []*emulator.User{elsewhere, noPlace} {
		if got := len(u.BotMessages()); got != before[u] {
			t.Errorf("chat %d, outside the area, got %d messages", u.ID(), got-before[u])
		}
	}
}
