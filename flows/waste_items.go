package flows

import (
	"context"
	"fmt"
	"sync"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// The bot answers "dove lo butto?" from a prepared dictionary (every name
// folded and stemmed once); preparing it for each message would cost more
// than the lookup. The copy is kept per version of the items table, which
// the store changes on every write, so an edit in the admin reaches the
// next question without a restart. Versions start at random in each
// database, so two stores (tests, the playground) never share a copy by
// mistake.
var wasteDictionaries = struct {
	sync.Mutex
	byVersion map[int64]*waste.Dictionary
}{byVersion: map[int64]*waste.Dictionary{}}

// maxCachedDictionaries bounds the cache: one store has one live version,
// the rest are leftovers of edits.
const maxCachedDictionaries = 4

// WasteDictionary returns the store's "Dove lo butto?" dictionary ready for
// lookups, prepared again only when the items changed.
func WasteDictionary(ctx context.Context, st *store.Store) (*waste.Dictionary, error) {
	version, err := st.WasteItemsVersion(ctx)
	if err != nil {
		return nil, err
	}
	wasteDictionaries.Lock()
	d, ok := wasteDictionaries.byVersion[version]
	wasteDictionaries.Unlock()
	if ok {
		return d, nil
	}
	// A cache miss is rare: the moment to make sure the starter items went
	// in. The version is read again, before the items: an edit in between
	// leaves new items under the old version, which the next call sees as
	// stale; the other order could keep old items under the new version.
	if err := EnsureWasteDictionary(ctx, st); err != nil {
		return nil, err
	}
	if version, err = st.WasteItemsVersion(ctx); err != nil {
		return nil, err
	}
	stored, err := st.WasteItems(ctx)
	if err != nil {
		return nil, err
	}
	d = waste.NewDictionary(WasteItemsOf(stored))
	wasteDictionaries.Lock()
	if len(wasteDictionaries.byVersion) >= maxCachedDictionaries {
		clear(wasteDictionaries.byVersion)
	}
	wasteDictionaries.byVersion[version] = d
	wasteDictionaries.Unlock()
	return d, nil
}

// WasteItemsOf converts stored items to the matcher's.
func WasteItemsOf(stored []store.WasteItem) []waste.Item {
	items := make([]waste.Item, len(stored))
	for i, s := range stored {
		items[i] = waste.Item{Name: s.Name, Aliases: s.Aliases, Type: s.TypeCode, Note: s.Note}
	}
	return items
}

// EnsureWasteDictionary puts the starter dictionary (flows/waste's
// dictionary_it.csv) into a database once, the first time it is asked;
// what staff change or delete afterwards stays so. Start-up calls it, and
// so does the first lookup.
func EnsureWasteDictionary(ctx context.Context, st *store.Store) error {
	starter, err := waste.StarterDictionary()
	if err != nil {
		return err
	}
	items := make([]store.WasteItem, len(starter))
	for i, it := range starter {
		items[i] = store.WasteItem{Name: it.Name, Aliases: it.Aliases, TypeCode: it.Type, Note: it.Note}
	}
	if _, err := st.SeedWasteItems(ctx, items); err != nil {
		return fmt.Errorf("flows: unable to seed the waste dictionary: %w", err)
	}
	return nil
}
