package store

import (
	"context"
	"errors"
	"fmt"
)

// Refusals a clerk can fix when saving a category.
var (
	// ErrCategoryParent: the parent is missing, is itself a subcategory,
	// or is the category itself. Categories have two levels, no more.
	ErrCategoryParent = errors.New("store: a category's parent must be another top-level category")
	// ErrCategoryNesting: a category with subcategories cannot become a
	// subcategory, or there would be three levels.
	ErrCategoryNesting = errors.New("store: a category with subcategories cannot go under another")
	// ErrUnknownOffice: the office chosen no longer exists.
	ErrUnknownOffice = errors.New("store: no such office")
)

// CategoryUsage is what keeps a category from being deleted.
type CategoryUsage struct {
	Reports       int
	Subcategories int
}

// InUse tells whether anything still points at the category.
func (u CategoryUsage) InUse() bool { return u.Reports > 0 || u.Subcategories > 0 }

// CategoryInUseError refuses to delete a category that reports or
// subcategories still point at: past reports must keep their category.
type CategoryInUseError struct{ CategoryUsage }

func (e *CategoryInUseError) Error() string {
	return fmt.Sprintf("store: category in use by %d reports and %d subcategories", e.Reports, e.Subcategories)
}

// CreateCategory adds c with a slug derived from its Italian name. A zero
// Position puts it at the end of its level.
func (s *Store) CreateCategory(ctx context.Context, c Category) (Category, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.checkCategoryPlacement(ctx, c); err != nil {
			return err
		}
		slug, err := tx.uniqueSlug(ctx, "categories", c.NameIT, "categoria", 0)
		if err != nil {
			return err
		}
		if c.Position <= 0 {
			if c.Position, err = tx.nextPosition(ctx, "categories", c.ParentID); err != nil {
				return err
			}
		}
		res, err := tx.q.ExecContext(ctx, `
			INSERT INTO categories (parent_id, slug, position, name_it, name_en, name_de, office_id, open_to_citizens, service_days, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(c.ParentID), slug, c.Position, c.NameIT, c.NameEN, c.NameDE, nullID(c.OfficeID), c.OpenToCitizens, c.ServiceDays, tx.now().Unix())
		if err != nil {
			return fmt.Errorf("store: unable to create category %q: %w", c.NameIT, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to create category %q: %w", c.NameIT, err)
		}
		return nil
	})
	if err != nil {
		return Category{}, err
	}
	return s.CategoryByID(ctx, id)
}

// UpdateCategory saves everything of c but its slug, which stays as it
// was made: the demo and any script that names categories keep finding it
// after a rename. Citizens see the change at their next tap.
func (s *Store) UpdateCategory(ctx context.Context, c Category) (Category, error) {
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.CategoryByID(ctx, c.ID); err != nil {
			return err
		}
		if err := tx.checkCategoryPlacement(ctx, c); err != nil {
			return err
		}
		if c.Position <= 0 {
			var err error
			if c.Position, err = tx.nextPosition(ctx, "categories", c.ParentID); err != nil {
				return err
			}
		}
		_, err := tx.q.ExecContext(ctx, `
			UPDATE categories SET parent_id = ?, position = ?, name_it = ?, name_en = ?, name_de = ?,
				office_id = ?, open_to_citizens = ?, service_days = ?
			WHERE id = ?`,
			nullID(c.ParentID), c.Position, c.NameIT, c.NameEN, c.NameDE, nullID(c.OfficeID), c.OpenToCitizens, c.ServiceDays, c.ID)
		if err != nil {
			return fmt.Errorf("store: unable to update category %d: %w", c.ID, err)
		}
		return nil
	})
	if err != nil {
		return Category{}, err
	}
	return s.CategoryByID(ctx, c.ID)
}

// checkCategoryPlacement keeps categories on two levels and their office
// real. c.ID is 0 for a new category.
func (s *Store) checkCategoryPlacement(ctx context.Context, c Category) error {
	if c.ParentID != 0 {
		if c.ParentID == c.ID {
			return ErrCategoryParent
		}
		parent, err := s.CategoryByID(ctx, c.ParentID)
		if errors.Is(err, ErrNotFound) {
			return ErrCategoryParent
		}
		if err != nil {
			return err
		}
		if parent.ParentID != 0 {
			return ErrCategoryParent
		}
		if c.ID != 0 {
			u, err := s.CategoryUsageOf(ctx, c.ID)
			if err != nil {
				return err
			}
			if u.Subcategories > 0 {
				return ErrCategoryNesting
			}
		}
	}
	if c.OfficeID != 0 {
		if _, err := s.OfficeByID(ctx, c.OfficeID); errors.Is(err, ErrNotFound) {
			return ErrUnknownOffice
		} else if err != nil {
			return err
		}
	}
	return nil
}

// CategoryUsageOf counts the reports filed under a category and its
// subcategories.
func (s *Store) CategoryUsageOf(ctx context.Context, id int64) (CategoryUsage, error) {
	var u CategoryUsage
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM reports WHERE category_id = ?),
		(SELECT COUNT(*) FROM categories WHERE parent_id = ?)`, id, id).Scan(&u.Reports, &u.Subcategories)
	if err != nil {
		return CategoryUsage{}, fmt.Errorf("store: unable to count the uses of category %d: %w", id, err)
	}
	return u, nil
}

// DeleteCategory removes a category nothing points at; otherwise it
// returns a *CategoryInUseError and changes nothing. Operators who served
// it lose it from their scope (the schema cascades).
func (s *Store) DeleteCategory(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.CategoryByID(ctx, id); err != nil {
			return err
		}
		u, err := tx.CategoryUsageOf(ctx, id)
		if err != nil {
			return err
		}
		if u.InUse() {
			return &CategoryInUseError{u}
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM categories WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: unable to delete category %d: %w", id, err)
		}
		return nil
	})
}

// nextPosition is the position after the last one of parentID's children
// in table (categories or topics).
func (s *Store) nextPosition(ctx context.Context, table string, parentID int64) (int, error) {
	if !twoLevelTables[table] {
		return 0, fmt.Errorf("store: no positions in table %q", table)
	}
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM `+table+` WHERE COALESCE(parent_id, 0) = ?`, parentID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to find the next position in %s under %d: %w", table, parentID, err)
	}
	return n, nil
}

// CategoryReportCounts returns, per category id, how many reports were
// filed under it; the configuration page shows which can be deleted.
func (s *Store) CategoryReportCounts(ctx context.Context) (map[int64]int, error) {
	counts, err := s.countMap(ctx, `SELECT category_id, COUNT(*) FROM reports GROUP BY category_id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count reports per category: %w", err)
	}
	return counts, nil
}
