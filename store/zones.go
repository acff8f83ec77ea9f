package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Zone kinds: quartieri, and the comune's boundary (usually one).
const (
	ZoneKindZone     = "zone"
	ZoneKindBoundary = "boundary"
)

// Zone is a named area as GeoJSON (a Polygon or MultiPolygon geometry).
// The store only keeps it; flows does the geometry.
type Zone struct {
	ID        int64
	Name      string
	Kind      string
	GeoJSON   string
	UpdatedAt int64
}

const zoneColumns = `id, name, kind, geojson, updated_at`

// Zones returns the zones of a kind by name.
func (s *Store) Zones(ctx context.Context, kind string) ([]Zone, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+zoneColumns+` FROM zones WHERE kind = ? ORDER BY name, id`, kind)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list zones of kind %q: %w", kind, err)
	}
	defer rows.Close()
	var zones []Zone
	for rows.Next() {
		var z Zone
		if err := rows.Scan(&z.ID, &z.Name, &z.Kind, &z.GeoJSON, &z.UpdatedAt); err != nil {
			return nil, fmt.Errorf("store: unable to list zones of kind %q: %w", kind, err)
		}
		zones = append(zones, z)
	}
	return zones, rows.Err()
}

// ZoneByID finds one zone.
func (s *Store) ZoneByID(ctx context.Context, id int64) (Zone, error) {
	var z Zone
	err := s.q.QueryRowContext(ctx, `SELECT `+zoneColumns+` FROM zones WHERE id = ?`, id).
		Scan(&z.ID, &z.Name, &z.Kind, &z.GeoJSON, &z.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Zone{}, ErrNotFound
	}
	if err != nil {
		return Zone{}, fmt.Errorf("store: unable to fetch zone %d: %w", id, err)
	}
	return z, nil
}

// ReplaceZones makes zones the complete set of its kind, all at once, as
// an upload does. A zone whose name stays keeps its id, so past reports
// keep their zone; reports in a zone that goes lose it.
func (s *Store) ReplaceZones(ctx context.Context, kind string, zones []Zone) error {
	now := s.now().Unix()
	keep := map[string]bool{}
	for _, z := range zones {
		keep[z.Name] = true
	}
	return s.InTx(ctx, func(tx *Store) error {
		old, err := tx.Zones(ctx, kind)
		if err != nil {
			return err
		}
		for _, z := range old {
			if keep[z.Name] {
				continue
			}
			if _, err := tx.q.ExecContext(ctx, `DELETE FROM zones WHERE id = ?`, z.ID); err != nil {
				return fmt.Errorf("store: unable to drop zone %d: %w", z.ID, err)
			}
		}
		for _, z := range zones {
			if _, err := tx.q.ExecContext(ctx, `
				INSERT INTO zones (name, kind, geojson, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (kind, name) DO UPDATE SET geojson = excluded.geojson, updated_at = excluded.updated_at`,
				z.Name, kind, z.GeoJSON, now); err != nil {
				return fmt.Errorf("store: unable to store zone %q: %w", z.Name, err)
			}
		}
		return nil
	})
}
