package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Office is a part of the town hall that handles some categories of
// reports; new reports are mailed to its address.
type Office struct {
	ID    int64
	Name  string
	Email string
}

// Category is what a report is about. Categories have two levels, like
// topics: a top-level category (ParentID 0) and its subcategories.
// Internal ones (OpenToCitizens false) are offered to staff only.
type Category struct {
	ID             int64
	ParentID       int64
	Slug           string
	Position       int
	NameIT         string
	NameEN         string
	NameDE         string
	OfficeID       int64 // 0 when no office is assigned
	OpenToCitizens bool
	ServiceDays    int // how long a report may stay open before it is overdue
}

// Name returns the category's name in lang, falling back to Italian, the
// language staff always fill in.
func (c Category) Name(lang string) string {
	switch {
	case lang == "en" && c.NameEN != "":
		return c.NameEN
	case lang == "de" && c.NameDE != "":
		return c.NameDE
	}
	return c.NameIT
}

const categoryColumns = `id, COALESCE(parent_id, 0), slug, position, name_it, name_en, name_de, COALESCE(office_id, 0), open_to_citizens, service_days`

func scanCategory(row interface{ Scan(...any) error }) (Category, error) {
	var c Category
	err := row.Scan(&c.ID, &c.ParentID, &c.Slug, &c.Position, &c.NameIT, &c.NameEN, &c.NameDE, &c.OfficeID, &c.OpenToCitizens, &c.ServiceDays)
	return c, err
}

// Categories returns the children of parentID (0 for the top level) in
// order; openOnly leaves out the internal ones, for citizens.
func (s *Store) Categories(ctx context.Context, parentID int64, openOnly bool) ([]Category, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+categoryColumns+` FROM categories
		WHERE COALESCE(parent_id, 0) = ? AND (open_to_citizens = 1 OR ? = 0)
		ORDER BY position, id`, parentID, openOnly)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list categories under %d: %w", parentID, err)
	}
	defer rows.Close()
	var cats []Category
	for rows.Next() {
		c, err := scanCategory(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list categories under %d: %w", parentID, err)
		}
		cats = append(cats, c)
	}
	return cats, rows.Err()
}

// CategoryByID finds one category.
func (s *Store) CategoryByID(ctx context.Context, id int64) (Category, error) {
	c, err := scanCategory(s.q.QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM categories WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Category{}, ErrNotFound
	}
	if err != nil {
		return Category{}, fmt.Errorf("store: unable to fetch category %d: %w", id, err)
	}
	return c, nil
}

// Offices returns every office by name.
func (s *Store) Offices(ctx context.Context) ([]Office, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, name, email FROM offices ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list offices: %w", err)
	}
	defer rows.Close()
	var offices []Office
	for rows.Next() {
		var o Office
		if err := rows.Scan(&o.ID, &o.Name, &o.Email); err != nil {
			return nil, fmt.Errorf("store: unable to list offices: %w", err)
		}
		offices = append(offices, o)
	}
	return offices, rows.Err()
}

// OfficeByID finds one office.
func (s *Store) OfficeByID(ctx context.Context, id int64) (Office, error) {
	var o Office
	err := s.q.QueryRowContext(ctx, `SELECT id, name, email FROM offices WHERE id = ?`, id).Scan(&o.ID, &o.Name, &o.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return Office{}, ErrNotFound
	}
	if err != nil {
		return Office{}, fmt.Errorf("store: unable to fetch office %d: %w", id, err)
	}
	return o, nil
}
