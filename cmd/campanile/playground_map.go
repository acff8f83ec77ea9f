package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb/geojson"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// zoneMap hands the playground the comune's boundary and zones as one
// GeoJSON FeatureCollection, the shape playground.Config.Map asks for.
// It is wiring between two packages that must not know each other: the
// store keeps each zone as staff uploaded it, flows.ParseArea reads it.
// A zone that does not parse is left off the map; the bot's own checks
// report it where it matters.
func zoneMap(st *store.Store) func(context.Context) ([]byte, error) {
	return func(ctx context.Context) ([]byte, error) {
		fc := geojson.NewFeatureCollection()
		for _, kind := range []string{store.ZoneKindBoundary, store.ZoneKindZone} {
			zones, err := st.Zones(ctx, kind)
			if err != nil {
				return nil, fmt.Errorf("playground map: %w", err)
			}
			for _, z := range zones {
				area, err := flows.ParseArea(z.GeoJSON)
				if err != nil {
					continue
				}
				f := geojson.NewFeature(area)
				f.Properties["name"], f.Properties["kind"] = z.Name, kind
				fc.Append(f)
			}
		}
		if len(fc.Features) == 0 {
			return nil, nil // the playground draws its plain box
		}
		return json.Marshal(fc)
	}
}
