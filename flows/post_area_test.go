package flows

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/campanile/campanile/store"
)

// The strips are only a first cut: a point they lose is a citizen an
// alert never reaches. Thousands of random points around shapes of every
// kind, and every one the exact test accepts must lie in a strip.
func TestStripsNeverLoseAPointInside(t *testing.T) {
	areas := []string{
		`{"type":"Polygon","coordinates":[[[11.5,45.2764],[11.7236,45.5],[11.5,45.7236],[11.2764,45.5],[11.5,45.2764]]]}`,
		`{"type":"Polygon","coordinates":[[[11,45],[11.1,45],[11,45.1],[11,45]]]}`,
		// A C shape, concave, with a hole, and a second part apart.
		`{"type":"MultiPolygon","coordinates":[[[[11,45],[11.3,45],[11.3,45.05],[11.05,45.05],[11.05,45.25],[11.3,45.25],[11.3,45.3],[11,45.3],[11,45]],
			[[11.01,45.1],[11.03,45.1],[11.03,45.2],[11.01,45.1]]],[[[11.5,45.5],[11.6,45.5],[11.6,45.52],[11.5,45.5]]]]}`,
		`{"type":"Polygon","coordinates":[[[11,45],[11.2,45],[11.2,45],[11,45]]]}`,
		`{"type":"Feature","properties":{"radius_m":1000},"geometry":{"type":"Point","coordinates":[11.5,45.5]}}`,
		`{"type":"Feature","properties":{"radius_m":50000},"geometry":{"type":"Point","coordinates":[11.5,46.5]}}`,
		`{"type":"Feature","properties":{"radius_m":3},"geometry":{"type":"Point","coordinates":[-70.1,-33.4]}}`,
	}
	rng := rand.New(rand.NewPCG(5, 8))
	for i, text := range areas {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			area, err := ParsePostArea(text)
			if err != nil {
				t.Fatal(err)
			}
			box, strips := area.box(), area.strips()
			if len(strips) == 0 || len(strips) > store.MaxPlaceBoxes {
				t.Fatalf("%d strips", len(strips))
			}
			inside := 0
			for range 200_000 {
				// Points in the box and a little beyond it.
				w, h := box.MaxLon-box.MinLon, box.MaxLat-box.MinLat
				lat := box.MinLat - h*0.05 + rng.Float64()*h*1.1
				lon := box.MinLon - w*0.05 + rng.Float64()*w*1.1
				if !area.contains(lat, lon) {
					continue
				}
				inside++
				if !inAnyBox(strips, lat, lon) {
					t.Fatalf("point %v,%v inside the area is in no strip of %+v", lat, lon, strips)
				}
			}
			if inside == 0 && i != 3 {
				t.Error("no random point fell inside: the test tests nothing")
			}
		})
	}
}

func inAnyBox(boxes []store.Box, lat, lon float64) bool {
	for _, b := range boxes {
		if lat >= b.MinLat && lat <= b.MaxLat && lon >= b.MinLon && lon <= b.MaxLon {
			return true
		}
	}
	return false
}
