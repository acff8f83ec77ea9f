package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrZonesChanged is returned by SyncZones when the zones are no longer
// the ones the clerk saw in the preview: applying the file then could
// remove a zone they were never told about.
var ErrZonesChanged = errors.New("store: the zones changed since the preview")

// ZoneNameKey is how two zone names are matched: "Centro  Storico" in a
// new file is the "centro storico" already on record, so a change of
// capitals or spaces does not cost a zone its waste calendar.
func ZoneNameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// ZonesFingerprint sums up a set of zones (ids, names and shapes), so a
// confirmation can tell whether it still applies to what was previewed.
func ZonesFingerprint(zones []Zone) string {
	h := sha256.New()
	for _, z := range zones {
		// Lengths first: no two different sets can write the same bytes.
		fmt.Fprintf(h, "%d:%d:%s:%d:%s;", z.ID, len(z.Name), z.Name, len(z.GeoJSON), z.GeoJSON)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ZoneUsage counts what refers to a zone, which is what removing it
// would cost: waste rules and exceptions go with it (ON DELETE CASCADE),
// saved places and reports lose their zone (ON DELETE SET NULL).
type ZoneUsage struct {
	Reports, Places, WasteRules, WasteExceptions int
}

// ZoneUsages returns the usage of every zone of a kind, by zone id.
func (s *Store) ZoneUsages(ctx context.Context, kind string) (map[int64]ZoneUsage, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT z.id,
			(SELECT COUNT(*) FROM reports r WHERE r.zone_id = z.id),
			(SELECT COUNT(*) FROM citizen_places p WHERE p.zone_id = z.id),
			(SELECT COUNT(*) FROM waste_rules w WHERE w.zone_id = z.id),
			(SELECT COUNT(*) FROM waste_exceptions e WHERE e.zone_id = z.id)
		FROM zones z WHERE z.kind = ?`, kind)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count the uses of zones of kind %q: %w", kind, err)
	}
	defer rows.Close()
	out := map[int64]ZoneUsage{}
	for rows.Next() {
		var id int64
		var u ZoneUsage
		if err := rows.Scan(&id, &u.Reports, &u.Places, &u.WasteRules, &u.WasteExceptions); err != nil {
			return nil, fmt.Errorf("store: unable to count the uses of zones of kind %q: %w", kind, err)
		}
		out[id] = u
	}
	return out, rows.Err()
}

// ZoneChanges is what SyncZones did, by the names in the new set (the
// old names for removed zones).
type ZoneChanges struct {
	Added, Updated, Unchanged, Removed []string
}

// SyncZones makes zones the complete set of its kind in one transaction.
// A new zone matching a stored one by ZoneNameKey keeps that zone's id, so
// its waste calendar, the places citizens saved in it and its reports
// stay; it takes the new name and shape. Stored zones with no match are
// removed. When expect is not empty and the stored zones no longer have
// that fingerprint, nothing changes and ErrZonesChanged is returned.
func (s *Store) SyncZones(ctx context.Context, kind string, zones []Zone, expect string) (ZoneChanges, error) {
	var ch ZoneChanges
	seen := map[string]bool{}
	for _, z := range zones {
		key := ZoneNameKey(z.Name)
		if key == "" {
			return ch, fmt.Errorf("store: a zone of kind %q has no name", kind)
		}
		if seen[key] {
			return ch, fmt.Errorf("store: two zones of kind %q are named %q", kind, z.Name)
		}
		seen[key] = true
	}
	now := s.now().Unix()
	err := s.InTx(ctx, func(tx *Store) error {
		ch = ZoneChanges{}
		old, err := tx.Zones(ctx, kind)
		if err != nil {
			return err
		}
		if expect != "" && ZonesFingerprint(old) != expect {
			return ErrZonesChanged
		}
		byKey := map[string]Zone{}
		for _, z := range old {
			if _, dup := byKey[ZoneNameKey(z.Name)]; !dup {
				byKey[ZoneNameKey(z.Name)] = z
			}
		}
		// Removals go first, so that a rename to the exact spelling of
		// a zone that goes cannot collide with UNIQUE (kind, name).
		kept := map[int64]bool{}
		for _, z := range zones {
			if o, ok := byKey[ZoneNameKey(z.Name)]; ok {
				kept[o.ID] = true
			}
		}
		for _, o := range old {
			if kept[o.ID] {
				continue
			}
			if _, err := tx.q.ExecContext(ctx, `DELETE FROM zones WHERE id = ?`, o.ID); err != nil {
				return fmt.Errorf("store: unable to remove zone %d: %w", o.ID, err)
			}
			ch.Removed = append(ch.Removed, o.Name)
		}
		for _, z := range zones {
			o, ok := byKey[ZoneNameKey(z.Name)]
			switch {
			case ok && o.Name == z.Name && o.GeoJSON == z.GeoJSON:
				ch.Unchanged = append(ch.Unchanged, z.Name)
			case ok:
				if _, err := tx.q.ExecContext(ctx, `UPDATE zones SET name = ?, geojson = ?, updated_at = ? WHERE id = ?`,
					z.Name, z.GeoJSON, now, o.ID); err != nil {
					return fmt.Errorf("store: unable to update zone %d: %w", o.ID, err)
				}
				ch.Updated = append(ch.Updated, z.Name)
			default:
				if _, err := tx.q.ExecContext(ctx, `INSERT INTO zones (name, kind, geojson, updated_at) VALUES (?, ?, ?, ?)`,
					z.Name, kind, z.GeoJSON, now); err != nil {
					return fmt.Errorf("store: unable to add zone %q: %w", z.Name, err)
				}
				ch.Added = append(ch.Added, z.Name)
			}
		}
		return nil
	})
	return ch, err
}

// String sums the changes up for the audit log.
func (ch ZoneChanges) String() string {
	part := func(label string, names []string) string {
		return label + "=" + strconv.Itoa(len(names)) + listNames(names)
	}
	return strings.Join([]string{part("added", ch.Added), part("updated", ch.Updated), part("unchanged", ch.Unchanged), part("removed", ch.Removed)}, " ")
}

func listNames(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "[" + strings.Join(names, ", ") + "]"
}
