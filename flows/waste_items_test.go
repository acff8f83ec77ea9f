package flows

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/campanile/campanile/store"
)

func TestWasteDictionaryFollowsTheStore(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := WasteDictionary(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Lookup("il cartone della pizza"); !m.Sure || m.Item.Type != "carta" {
		t.Fatalf("the seeded dictionary: %+v", m)
	}
	if again, _ := WasteDictionary(ctx, st); again != d {
		t.Error("the dictionary was prepared again with nothing changed")
	}

	added, err := st.SaveWasteItem(ctx, store.WasteItem{Name: "monopattino elettrico", Aliases: []string{"hoverboard"}, TypeCode: "raee"})
	if err != nil {
		t.Fatal(err)
	}
	d2, err := WasteDictionary(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if m := d2.Lookup("hoverboard"); !m.Sure || m.Item.Name != "monopattino elettrico" || m.Item.Type != "raee" {
		t.Errorf("an added item is not found: %+v", m)
	}
	if m := d.Lookup("hoverboard"); m.Item != nil {
		t.Error("the old copy changed under its readers")
	}

	if err := st.DeleteWasteItem(ctx, added.ID); err != nil {
		t.Fatal(err)
	}
	d3, _ := WasteDictionary(ctx, st)
	if m := d3.Lookup("hoverboard"); m.Item != nil {
		t.Errorf("a deleted item is still found: %+v", m)
	}

	// A second database has its own dictionary, even while the first's
	// copy is cached.
	other, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.ReplaceWasteItems(ctx, []store.WasteItem{{Name: "hoverboard", TypeCode: "raee"}}); err != nil {
		t.Fatal(err)
	}
	od, err := WasteDictionary(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if od.Len() != 1 || !od.Lookup("hoverboard").Sure {
		t.Errorf("the other database's dictionary has %d items", od.Len())
	}
	if first, _ := WasteDictionary(ctx, st); first.Lookup("hoverboard").Item != nil || first.Len() < 150 {
		t.Error("the first database got the other's dictionary")
	}
}
