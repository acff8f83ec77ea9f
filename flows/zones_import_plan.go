package flows

import (
	"fmt"

	"github.com/paulmach/orb/geojson"

	"github.com/campanile/campanile/store"
)

// What an upload does to each zone, as the preview shows it.
const (
	ZoneNew       = "new"
	ZoneChanged   = "changed"
	ZoneUnchanged = "unchanged"
	ZoneRemoved   = "removed"
)

// PlannedZone is one line of the preview.
type PlannedZone struct {
	Name   string
	Change string
	// ID is the stored zone that is kept or removed; 0 for a new one.
	ID int64
	// OldName is the stored name when the file spells it otherwise.
	OldName string
}

// StoreZones turns checked zones into what store.SyncZones takes.
func StoreZones(kind string, zones []ImportedZone) ([]store.Zone, error) {
	out := make([]store.Zone, 0, len(zones))
	for _, z := range zones {
		text, err := z.GeoJSON()
		if err != nil {
			return nil, err
		}
		out = append(out, store.Zone{Name: z.Name, Kind: kind, GeoJSON: text})
	}
	return out, nil
}

// PlanZones compares an upload with the stored zones, matching names the
// way store.SyncZones does, so the preview says what confirming will do:
// the file's zones in its order, then the stored zones that go.
func PlanZones(current []store.Zone, incoming []ImportedZone) ([]PlannedZone, error) {
	next, err := StoreZones("", incoming)
	if err != nil {
		return nil, err
	}
	byKey := map[string]store.Zone{}
	for _, z := range current {
		if _, dup := byKey[store.ZoneNameKey(z.Name)]; !dup {
			byKey[store.ZoneNameKey(z.Name)] = z
		}
	}
	kept := map[int64]bool{}
	plan := make([]PlannedZone, 0, len(next)+len(current))
	for _, z := range next {
		old, ok := byKey[store.ZoneNameKey(z.Name)]
		p := PlannedZone{Name: z.Name, Change: ZoneNew}
		if ok {
			kept[old.ID] = true
			p.ID, p.Change = old.ID, ZoneChanged
			if old.Name != z.Name {
				p.OldName = old.Name
			} else if old.GeoJSON == z.GeoJSON {
				p.Change = ZoneUnchanged
			}
		}
		plan = append(plan, p)
	}
	for _, z := range current {
		if !kept[z.ID] {
			plan = append(plan, PlannedZone{Name: z.Name, Change: ZoneRemoved, ID: z.ID})
		}
	}
	return plan, nil
}

// ZonesGeoJSON writes zones as a FeatureCollection, each feature named by
// a "name" property: the file to download, and one ParseZones reads back
// unchanged.
func ZonesGeoJSON(zones []ImportedZone) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	for _, z := range zones {
		f := geojson.NewFeature(z.geometry())
		f.Properties["name"] = z.Name
		fc.Append(f)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("flows: unable to write %d zones as GeoJSON: %w", len(zones), err)
	}
	return b, nil
}

// StoredZones reads back stored zones for maps and downloads. A zone whose
// GeoJSON no longer reads (written by hand, or by an older version) is
// returned apart, so a page can name it instead of failing.
func StoredZones(zones []store.Zone) (readable []ImportedZone, unreadable []store.Zone) {
	for _, z := range zones {
		shape, err := ParseArea(z.GeoJSON)
		if err != nil {
			unreadable = append(unreadable, z)
			continue
		}
		readable = append(readable, ImportedZone{Name: z.Name, Shape: shape})
	}
	return readable, unreadable
}

// OutsideBoundary names the zones that do not even touch the box around
// the boundary: a zone in the sea off Somalia is an Italian file with
// latitude and longitude swapped. With no boundary it names none.
func OutsideBoundary(zones, boundary []ImportedZone) []string {
	if len(boundary) == 0 {
		return nil
	}
	var out []string
	for _, z := range zones {
		touches := false
		for _, b := range boundary {
			touches = touches || z.Shape.Bound().Intersects(b.Shape.Bound())
		}
		if !touches {
			out = append(out, z.Name)
		}
	}
	return out
}
