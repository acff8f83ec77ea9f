package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fixtureWasteItems stands for the starter dictionary, which flows owns.
var fixtureWasteItems = []WasteItem{
	{Name: "bottiglia di vetro", TypeCode: "vetro"},
	{Name: "giornale", Aliases: []string{"quotidiano"}, TypeCode: "carta"},
	{Name: "lattina", TypeCode: "plastica"},
	{Name: "bucce", TypeCode: "umido"},
	{Name: "scontrino", TypeCode: "secco", Note: "Carta termica."},
	{Name: "cartone della pizza", Aliases: []string{"scatola della pizza", "cartone pizza"}, TypeCode: "carta", Note: "Carta se pulito."},
}

// seededWasteStore is a store whose dictionary holds the fixture.
func seededWasteStore(t *testing.T) (*Store, *testClock) {
	t.Helper()
	s, clock := newTestStoreClock(t)
	if seeded, err := s.SeedWasteItems(context.Background(), fixtureWasteItems); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	return s, clock
}

// The migration leaves the dictionary empty; the first seed fills it, and
// never again, not even once staff emptied it.
func TestSeedWasteItemsOnceWithTheirTypes(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if items, err := s.WasteItems(ctx); err != nil || len(items) != 0 {
		t.Fatalf("a fresh dictionary: %d items, %v", len(items), err)
	}
	if seeded, err := s.SeedWasteItems(ctx, fixtureWasteItems); err != nil || !seeded {
		t.Fatalf("first seed: %v %v", seeded, err)
	}
	items, err := s.WasteItems(ctx)
	if err != nil || len(items) != len(fixtureWasteItems) {
		t.Fatalf("%d items after the seed, %v", len(items), err)
	}
	var pizza *WasteItem
	for i := range items {
		if i > 0 && items[i].Position <= items[i-1].Position {
			t.Fatalf("items out of order at %q", items[i].Name)
		}
		if items[i].Name == "cartone della pizza" {
			pizza = &items[i]
		}
	}
	if pizza == nil || pizza.TypeCode != "carta" || !reflect.DeepEqual(pizza.Aliases, []string{"scatola della pizza", "cartone pizza"}) || pizza.Note == "" {
		t.Errorf("cartone della pizza: %+v", pizza)
	}
	if err := s.ReplaceWasteItems(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if seeded, err := s.SeedWasteItems(ctx, fixtureWasteItems); err != nil || seeded {
		t.Fatalf("second seed: %v %v", seeded, err)
	}
	if items, _ := s.WasteItems(ctx); len(items) != 0 {
		t.Errorf("the emptied dictionary was seeded again: %d items", len(items))
	}
	types, err := s.WasteTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]WasteType{}
	for _, wt := range types {
		byCode[wt.Code] = wt
	}
	for _, code := range []string{"carta", "ingombranti", "raee", "pile", "farmaci", "oli", "tessili", "pericolosi", "ecocentro"} {
		wt, ok := byCode[code]
		if !ok || wt.NameIT == "" || wt.NameEN == "" || wt.NameDE == "" || wt.BinIT == "" {
			t.Errorf("type %s: %+v", code, wt)
		}
	}
	if byCode["raee"].Position <= byCode["ingombranti"].Position {
		t.Errorf("the new types come after the door-to-door ones: %+v", types)
	}
}

func TestSaveWasteItemAddsAndChanges(t *testing.T) {
	s, clock := seededWasteStore(t)
	ctx := context.Background()
	before, _ := s.WasteItems(ctx)
	v0 := wasteVersion(t, s)

	added, err := s.SaveWasteItem(ctx, WasteItem{Name: " monopattino elettrico ", Aliases: []string{" e-scooter", "", "E-Scooter", "hoverboard"}, TypeCode: "raee", Note: "Togli la batteria. "})
	if err != nil {
		t.Fatal(err)
	}
	want := WasteItem{ID: added.ID, Name: "monopattino elettrico", Aliases: []string{"e-scooter", "hoverboard"}, TypeCode: "raee",
		Note: "Togli la batteria.", Position: before[len(before)-1].Position + 1, UpdatedAt: testEpoch.Unix()}
	if !reflect.DeepEqual(added, want) {
		t.Errorf("added:\n got %+v\nwant %+v", added, want)
	}
	v1 := wasteVersion(t, s)
	if v1 == v0 {
		t.Error("adding an item kept the version")
	}

	clock.Advance(time.Hour)
	added.Name, added.Aliases, added.TypeCode, added.Position = "Monopattino elettrico", nil, "ingombranti", 0
	changed, err := s.SaveWasteItem(ctx, added)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Name != "Monopattino elettrico" || changed.Aliases != nil || changed.TypeCode != "ingombranti" ||
		changed.Position != want.Position || changed.UpdatedAt != testEpoch.Add(time.Hour).Unix() {
		t.Errorf("changed: %+v", changed)
	}
	if wasteVersion(t, s) == v1 {
		t.Error("changing an item kept the version")
	}
	changed.Position = 1
	if moved, err := s.SaveWasteItem(ctx, changed); err != nil || moved.Position != 1 {
		t.Errorf("moved: %+v, %v", moved, err)
	}
}

// TestWasteItemBadInputChangesNothing: every refusal says why and leaves
// the dictionary and its version as they were.
func TestWasteItemBadInputChangesNothing(t *testing.T) {
	s, _ := seededWasteStore(t)
	ctx := context.Background()
	items, _ := s.WasteItems(ctx)
	pizza := items[5]
	cases := []struct {
		label string
		item  WasteItem
		want  error
	}{
		{"no name", WasteItem{Name: "  ", TypeCode: "secco"}, ErrWasteItemName},
		{"name too long", WasteItem{Name: strings.Repeat("à", maxWasteItemName+1), TypeCode: "secco"}, ErrWasteItemName},
		{"alias with ;", WasteItem{Name: "cosa nuova", Aliases: []string{"a;b"}, TypeCode: "secco"}, ErrWasteItemAlias},
		{"alias too long", WasteItem{Name: "cosa nuova", Aliases: []string{strings.Repeat("x", maxWasteItemName+1)}, TypeCode: "secco"}, ErrWasteItemAlias},
		{"note too long", WasteItem{Name: "cosa nuova", TypeCode: "secco", Note: strings.Repeat("n", maxWasteItemNote+1)}, ErrWasteItemNote},
		{"unknown type", WasteItem{Name: "cosa nuova", TypeCode: "plutonio"}, ErrUnknownWasteType},
		{"no type", WasteItem{Name: "cosa nuova"}, ErrUnknownWasteType},
		{"name taken, other case", WasteItem{Name: strings.ToUpper(pizza.Name), TypeCode: "carta"}, ErrWasteItemNameTaken},
		{"renamed onto another", WasteItem{ID: items[0].ID, Name: pizza.Name, TypeCode: "carta"}, ErrWasteItemNameTaken},
		{"no such item", WasteItem{ID: 999999, Name: "cosa nuova", TypeCode: "secco"}, ErrNotFound},
	}
	version := wasteVersion(t, s)
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			if _, err := s.SaveWasteItem(ctx, c.item); !errors.Is(err, c.want) {
				t.Errorf("SaveWasteItem: %v, want %v", err, c.want)
			}
			// An import refuses what the editor refuses, but for names:
			// it replaces the items that had them.
			if inImport := c.want != ErrWasteItemNameTaken && c.want != ErrNotFound; inImport {
				if err := s.ReplaceWasteItems(ctx, []WasteItem{{Name: "pila", TypeCode: "pile"}, c.item}); !errors.Is(err, c.want) {
					t.Errorf("ReplaceWasteItems: %v, want %v", err, c.want)
				}
			}
			if now, _ := s.WasteItems(ctx); !reflect.DeepEqual(now, items) {
				t.Error("a refused item changed the dictionary")
			}
			if wasteVersion(t, s) != version {
				t.Error("a refused item changed the version")
			}
		})
	}
	if err := s.DeleteWasteItem(ctx, 999999); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting a missing item: %v", err)
	}
	if err := s.ReplaceWasteItems(ctx, []WasteItem{{Name: "pila", TypeCode: "pile"}, {Name: "Pila", TypeCode: "pile"}}); !errors.Is(err, ErrWasteItemNameTaken) {
		t.Errorf("a list naming one item twice: %v", err)
	}
	if now, _ := s.WasteItems(ctx); !reflect.DeepEqual(now, items) || wasteVersion(t, s) != version {
		t.Error("refusals changed the dictionary")
	}
}

func TestReplaceAndDeleteWasteItems(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	v0 := wasteVersion(t, s)
	replacement := []WasteItem{
		{Name: "vetro", Aliases: []string{"bottiglie"}, TypeCode: "vetro"},
		{Name: "cartone", TypeCode: "carta", Note: "Piegato."},
	}
	if err := s.ReplaceWasteItems(ctx, replacement); err != nil {
		t.Fatal(err)
	}
	items, err := s.WasteItems(ctx)
	if err != nil || len(items) != 2 || items[0].Name != "vetro" || items[0].Position != 1 || items[1].Note != "Piegato." || items[1].Position != 2 {
		t.Fatalf("replaced: %+v, %v", items, err)
	}
	v1 := wasteVersion(t, s)
	if v1 == v0 {
		t.Error("replacing kept the version")
	}
	if err := s.DeleteWasteItem(ctx, items[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WasteItemByID(ctx, items[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted item still there: %v", err)
	}
	if wasteVersion(t, s) == v1 {
		t.Error("deleting kept the version")
	}
	if err := s.ReplaceWasteItems(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if items, _ := s.WasteItems(ctx); len(items) != 0 {
		t.Errorf("an empty replacement left %d items", len(items))
	}
}

// Two databases start from different versions, so that a cache keyed by
// version cannot take one's dictionary for the other's.
func TestWasteItemsVersionDiffersBetweenDatabases(t *testing.T) {
	if a, b := wasteVersion(t, newTestStore(t)), wasteVersion(t, newTestStore(t)); a == b {
		t.Errorf("two fresh databases share version %d", a)
	}
}

func wasteVersion(t *testing.T, s *Store) int64 {
	t.Helper()
	v, err := s.WasteItemsVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// An item a clerk added before the first seed stays theirs.
func TestSeedWasteItemsKeepsWhatStaffWroteFirst(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	mine, err := s.SaveWasteItem(ctx, WasteItem{Name: "Scontrino", TypeCode: "carta", Note: "Da noi va nella carta."})
	if err != nil {
		t.Fatal(err)
	}
	if seeded, err := s.SeedWasteItems(ctx, fixtureWasteItems); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	items, _ := s.WasteItems(ctx)
	if len(items) != len(fixtureWasteItems) || items[0].ID != mine.ID || items[0].TypeCode != "carta" {
		t.Fatalf("after the seed: %+v", items)
	}
}
