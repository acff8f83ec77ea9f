package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// WasteType is a kind of waste with its bin.
type WasteType struct {
	Code     string
	Position int
	NameIT   string
	NameEN   string
	NameDE   string
	BinIT    string
	BinEN    string
	BinDE    string
}

// Bin returns where the type goes in lang, falling back to Italian.
func (w WasteType) Bin(lang string) string {
	switch {
	case lang == "en" && w.BinEN != "":
		return w.BinEN
	case lang == "de" && w.BinDE != "":
		return w.BinDE
	}
	return w.BinIT
}

// Name returns the type's name in lang, falling back to Italian.
func (w WasteType) Name(lang string) string {
	switch {
	case lang == "en" && w.NameEN != "":
		return w.NameEN
	case lang == "de" && w.NameDE != "":
		return w.NameDE
	}
	return w.NameIT
}

// WasteRule is a collection rule of one zone as stored; flows/waste does
// the arithmetic. Dates are YYYY-MM-DD, empty when unset.
type WasteRule struct {
	Type       string
	Weekdays   []int // time.Weekday values
	EveryWeeks int
	Start      string
	From       string
	Until      string
	Dates      []string
}

// WasteException moves (To set) or cancels one day's collection of a type
// (Type empty: every type).
type WasteException struct {
	Type string
	Date string
	To   string
}

// WasteTypes lists the types in their order.
func (s *Store) WasteTypes(ctx context.Context) ([]WasteType, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT code, position, name_it, name_en, name_de, bin_it, bin_en, bin_de FROM waste_types ORDER BY position, code`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list waste types: %w", err)
	}
	defer rows.Close()
	var out []WasteType
	for rows.Next() {
		var w WasteType
		if err := rows.Scan(&w.Code, &w.Position, &w.NameIT, &w.NameEN, &w.NameDE, &w.BinIT, &w.BinEN, &w.BinDE); err != nil {
			return nil, fmt.Errorf("store: unable to list waste types: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// ReplaceSchedule swaps a zone's whole calendar in one transaction, as an
// import from CSV does: the old one stays if anything fails.
func (s *Store) ReplaceSchedule(ctx context.Context, zoneID int64, rules []WasteRule, exceptions []WasteException) error {
	return s.InTx(ctx, func(tx *Store) error {
		for _, q := range []string{`DELETE FROM waste_rules WHERE zone_id = ?`, `DELETE FROM waste_exceptions WHERE zone_id = ?`} {
			if _, err := tx.q.ExecContext(ctx, q, zoneID); err != nil {
				return fmt.Errorf("store: unable to clear the calendar of zone %d: %w", zoneID, err)
			}
		}
		for _, r := range rules {
			mask := 0
			for _, d := range r.Weekdays {
				if d >= 0 && d < 7 {
					mask |= 1 << d
				}
			}
			_, err := tx.q.ExecContext(ctx, `INSERT INTO waste_rules (zone_id, type_code, weekdays, every_weeks, start_date, from_date, until_date, dates)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, zoneID, r.Type, mask, max(r.EveryWeeks, 1), r.Start, r.From, r.Until, strings.Join(r.Dates, ";"))
			if err != nil {
				return fmt.Errorf("store: unable to save a %s rule of zone %d: %w", r.Type, zoneID, err)
			}
		}
		for _, e := range exceptions {
			if _, err := tx.q.ExecContext(ctx, `INSERT INTO waste_exceptions (zone_id, type_code, date, to_date) VALUES (?, ?, ?, ?)`,
				zoneID, e.Type, e.Date, e.To); err != nil {
				return fmt.Errorf("store: unable to save an exception of zone %d: %w", zoneID, err)
			}
		}
		return nil
	})
}

// Schedule returns a zone's rules and exceptions.
func (s *Store) Schedule(ctx context.Context, zoneID int64) ([]WasteRule, []WasteException, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT type_code, weekdays, every_weeks, start_date, from_date, until_date, dates
		FROM waste_rules WHERE zone_id = ? ORDER BY id`, zoneID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to read the calendar of zone %d: %w", zoneID, err)
	}
	var rules []WasteRule
	for rows.Next() {
		var r WasteRule
		var mask int
		var dates string
		if err := rows.Scan(&r.Type, &mask, &r.EveryWeeks, &r.Start, &r.From, &r.Until, &dates); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("store: unable to read the calendar of zone %d: %w", zoneID, err)
		}
		for d := range 7 {
			if mask&(1<<d) != 0 {
				r.Weekdays = append(r.Weekdays, d)
			}
		}
		if dates != "" {
			r.Dates = strings.Split(dates, ";")
		}
		rules = append(rules, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	erows, err := s.q.QueryContext(ctx, `SELECT type_code, date, to_date FROM waste_exceptions WHERE zone_id = ? ORDER BY date, id`, zoneID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to read the exceptions of zone %d: %w", zoneID, err)
	}
	defer erows.Close()
	var exceptions []WasteException
	for erows.Next() {
		var e WasteException
		if err := erows.Scan(&e.Type, &e.Date, &e.To); err != nil {
			return nil, nil, fmt.Errorf("store: unable to read the exceptions of zone %d: %w", zoneID, err)
		}
		exceptions = append(exceptions, e)
	}
	return rules, exceptions, erows.Err()
}

// CitizenPlace is the place a citizen saved, with consent, for the waste
// calendar and area alerts.
type CitizenPlace struct {
	CitizenID   int64
	ZoneID      int64
	HasCoords   bool
	Lat, Lon    float64
	ConsentedAt int64
}

// SaveCitizenPlace records (or replaces) a citizen's place.
func (s *Store) SaveCitizenPlace(ctx context.Context, p CitizenPlace) error {
	var lat, lon any
	if p.HasCoords {
		lat, lon = p.Lat, p.Lon
	}
	_, err := s.exec(ctx, `INSERT INTO citizen_places (citizen_id, zone_id, lat, lon, consented_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (citizen_id) DO UPDATE SET zone_id = excluded.zone_id, lat = excluded.lat, lon = excluded.lon, consented_at = excluded.consented_at`,
		p.CitizenID, nullID(p.ZoneID), lat, lon, s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: unable to save the place of citizen #%d: %w", p.CitizenID, err)
	}
	return nil
}

// CitizenPlaceOf returns a citizen's saved place, or ErrNotFound.
func (s *Store) CitizenPlaceOf(ctx context.Context, citizenID int64) (CitizenPlace, error) {
	p := CitizenPlace{CitizenID: citizenID}
	var zone sql.NullInt64
	var lat, lon sql.NullFloat64
	err := s.q.QueryRowContext(ctx, `SELECT zone_id, lat, lon, consented_at FROM citizen_places WHERE citizen_id = ?`, citizenID).
		Scan(&zone, &lat, &lon, &p.ConsentedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("store: unable to read the place of citizen #%d: %w", citizenID, err)
	}
	p.ZoneID, p.HasCoords, p.Lat, p.Lon = zone.Int64, lat.Valid && lon.Valid, lat.Float64, lon.Float64
	return p, nil
}

// ForgetCitizenPlace removes a citizen's saved place.
func (s *Store) ForgetCitizenPlace(ctx context.Context, citizenID int64) error {
	if _, err := s.exec(ctx, `DELETE FROM citizen_places WHERE citizen_id = ?`, citizenID); err != nil {
		return fmt.Errorf("store: unable to forget the place of citizen #%d: %w", citizenID, err)
	}
	return nil
}
