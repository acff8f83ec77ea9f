package store

import (
	"context"
	"errors"
	"testing"
)

func TestCreateCategoryDerivesSlugAndPosition(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	tech := officeID(t, s, "Ufficio tecnico")
	strade := categoryID(t, s, "strade")
	c, err := s.CreateCategory(ctx, Category{ParentID: strade, NameIT: "Tombino rotto", NameEN: "Broken drain", OfficeID: tech, OpenToCitizens: true, ServiceDays: 12})
	if err != nil {
		t.Fatal(err)
	}
	want := Category{ID: c.ID, ParentID: strade, Slug: "tombino-rotto", Position: 3, NameIT: "Tombino rotto", NameEN: "Broken drain", OfficeID: tech, OpenToCitizens: true, ServiceDays: 12}
	if c != want {
		t.Fatalf("created %+v, want %+v", c, want)
	}
	again, err := s.CreateCategory(ctx, Category{NameIT: "Tombino  rotto", ServiceDays: 30, Position: 7})
	if err != nil {
		t.Fatal(err)
	}
	if again.Slug != "tombino-rotto-2" || again.Position != 7 || again.ParentID != 0 || again.OfficeID != 0 {
		t.Errorf("second one: %+v", again)
	}
}

func TestCategoriesStayOnTwoLevels(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	strade, buca := categoryID(t, s, "strade"), categoryID(t, s, "strade-buca")
	segnaletica := categoryID(t, s, "segnaletica")
	before, _ := s.CategoryByID(ctx, buca)
	for _, c := range []struct {
		label string
		cat   Category
		want  error
	}{
		{"under a subcategory", Category{NameIT: "X", ParentID: buca, ServiceDays: 1}, ErrCategoryParent},
		{"under a missing one", Category{NameIT: "X", ParentID: 99999, ServiceDays: 1}, ErrCategoryParent},
		{"under itself", Category{ID: segnaletica, NameIT: "X", ParentID: segnaletica, ServiceDays: 1}, ErrCategoryParent},
		{"a parent under another", Category{ID: strade, NameIT: "X", ParentID: segnaletica, ServiceDays: 1}, ErrCategoryNesting},
		{"a subcategory under a subcategory", Category{ID: buca, NameIT: "X", ParentID: categoryID(t, s, "strade-marciapiede"), ServiceDays: 1}, ErrCategoryParent},
		{"a missing office", Category{ID: buca, NameIT: "X", ParentID: strade, OfficeID: 99999, ServiceDays: 1}, ErrUnknownOffice},
	} {
		var err error
		if c.cat.ID == 0 {
			_, err = s.CreateCategory(ctx, c.cat)
		} else {
			_, err = s.UpdateCategory(ctx, c.cat)
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.label, err, c.want)
		}
	}
	if after, _ := s.CategoryByID(ctx, buca); after != before {
		t.Errorf("a refused update changed the category: %+v", after)
	}
	if n := countRows(t, s, "categories"); n != 13 {
		t.Errorf("%d categories after refused creations, want the 13 seeded", n)
	}
}

func TestUpdateCategoryKeepsTheSlugAndShowsAtOnce(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	verde := categoryID(t, s, "verde")
	erba := categoryID(t, s, "verde-erba")
	c, _ := s.CategoryByID(ctx, erba)
	c.NameIT, c.NameDE, c.OpenToCitizens, c.ServiceDays, c.ParentID, c.Position = "Erba molto alta", "", false, 45, 0, 0
	got, err := s.UpdateCategory(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if got.Slug != "verde-erba" || got.NameIT != "Erba molto alta" || got.NameDE != "" || got.OpenToCitizens || got.ServiceDays != 45 || got.ParentID != 0 || got.Position != 7 {
		t.Errorf("updated %+v", got)
	}
	open, _ := s.Categories(ctx, 0, true)
	for _, o := range open {
		if o.ID == erba {
			t.Error("an internal category is still offered to citizens")
		}
	}
	left, _ := s.Categories(ctx, verde, false)
	if len(left) != 1 {
		t.Errorf("verde keeps %d subcategories, want 1", len(left))
	}
	if _, err := s.UpdateCategory(ctx, Category{ID: 99999, NameIT: "X", ServiceDays: 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing category: %v", err)
	}
}

func TestDeleteCategoryOnlyWhenNothingUsesIt(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	citizen, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	fileReport(t, s, citizen, 45.07, 7.68) // a pothole
	strade, buca := categoryID(t, s, "strade"), categoryID(t, s, "strade-buca")

	if counts, err := s.CategoryReportCounts(ctx); err != nil || len(counts) != 1 || counts[buca] != 1 {
		t.Errorf("report counts %v %v, want 1 pothole", counts, err)
	}
	var inUse *CategoryInUseError
	if err := s.DeleteCategory(ctx, buca); !errors.As(err, &inUse) || inUse.Reports != 1 || inUse.Subcategories != 0 {
		t.Errorf("category with a report: %v", err)
	}
	if err := s.DeleteCategory(ctx, strade); !errors.As(err, &inUse) || inUse.Reports != 0 || inUse.Subcategories != 2 {
		t.Errorf("category with subcategories: %v", err)
	}
	if _, err := s.CategoryByID(ctx, buca); err != nil {
		t.Fatalf("a refused delete removed the category: %v", err)
	}
	sopralluogo := categoryID(t, s, "interno-sopralluogo")
	if err := s.DeleteCategory(ctx, sopralluogo); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CategoryByID(ctx, sopralluogo); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted category still there: %v", err)
	}
	if err := s.DeleteCategory(ctx, sopralluogo); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
}
