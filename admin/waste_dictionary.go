package admin

import (
	"github.com/campanile/campanile/flows"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// The "Dove lo butto?" dictionary: what citizens may ask about, its bin
// and a note. "new" comes before {id}, which would match it.
func init() {
	pages = append(pages, "waste_dictionary", "waste_item")
	routes = append(routes,
		route{http.MethodGet, "/admin/waste/dictionary", (*Server).wasteDictionary, wasteStaff},
		route{http.MethodGet, "/admin/waste/dictionary/new", (*Server).wasteItemNew, wasteStaff},
		route{http.MethodPost, "/admin/waste/dictionary/new", (*Server).wasteItemCreate, wasteStaff},
		route{http.MethodGet, "/admin/waste/dictionary/{id}", (*Server).wasteItemEdit, wasteStaff},
		route{http.MethodPost, "/admin/waste/dictionary/{id}", (*Server).wasteItemUpdate, wasteStaff},
		route{http.MethodPost, "/admin/waste/dictionary/{id}/delete", (*Server).wasteItemDelete, wasteStaff},
	)
}

const dictionaryPath = "/admin/waste/dictionary"

// queryMax bounds what the search and try boxes read: a citizen's
// question is a few words.
const queryMax = 200

var dictionaryNotices = []string{"item_added", "item_saved", "item_deleted"}

type itemRow struct {
	ID                        int64
	Name, Aliases, Type, Note string
}

// tryResult is what a citizen asking Query would get: one item for sure,
// or the closest ones to pick from, or nothing.
type tryResult struct {
	Query       string
	Sure        bool
	Item        *tryItem
	Suggestions []tryItem
}

type tryItem struct{ Name, Type, Bin, Note string }

type dictionaryView struct {
	Q      string
	Items  []itemRow
	Total  int
	Try    *tryResult
	Notice string
}

// wasteDictionary lists the dictionary, filtered by ?q=, and answers
// ?prova= as the bot would.
func (s *Server) wasteDictionary() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := s.newPage(r, "admin.waste.dictionary_title", nil)
		types, err := s.loadWasteTypes(ctx, p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		// The starter items go in once, whoever looks first.
		if err := flows.EnsureWasteDictionary(ctx, s.st); err != nil {
			s.serverError(w, r, err)
			return
		}
		items, err := s.st.WasteItems(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v := dictionaryView{Q: shortQuery(r.URL.Query().Get("q")), Total: len(items)}
		if done := r.URL.Query().Get("done"); slices.Contains(dictionaryNotices, done) {
			v.Notice = "admin.waste.done_" + done
		}
		for _, it := range items {
			if v.Q != "" && !itemContains(it, v.Q) {
				continue
			}
			v.Items = append(v.Items, itemRow{ID: it.ID, Name: it.Name, Aliases: strings.Join(it.Aliases, ", "), Type: types.name(it.TypeCode), Note: it.Note})
		}
		if q := shortQuery(r.URL.Query().Get("prova")); q != "" {
			v.Try = tryLookup(types, items, q)
		}
		p.Data = v
		s.render(w, r, http.StatusOK, "waste_dictionary", p)
	}
}

// shortQuery trims a search and cuts it to queryMax characters.
func shortQuery(q string) string {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > queryMax {
		q = string([]rune(q)[:queryMax])
	}
	return q
}

// itemContains is the list's plain search: the words as typed, in the
// name, an alias or the note, letters' case aside.
func itemContains(it store.WasteItem, q string) bool {
	q = strings.ToLower(q)
	for _, s := range append([]string{it.Name, it.Note}, it.Aliases...) {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// tryLookup runs the citizens' matcher on the stored dictionary.
func tryLookup(types wasteTypeNames, items []store.WasteItem, q string) *tryResult {
	dict := make([]waste.Item, 0, len(items))
	for _, it := range items {
		dict = append(dict, waste.Item{Name: it.Name, Aliases: it.Aliases, Type: it.TypeCode, Note: it.Note})
	}
	m := waste.NewDictionary(dict).Lookup(q)
	res := &tryResult{Query: q, Sure: m.Sure}
	show := func(it waste.Item) tryItem {
		return tryItem{Name: it.Name, Type: types.name(it.Type), Bin: types.bins[it.Type], Note: it.Note}
	}
	if m.Sure && m.Item != nil {
		t := show(*m.Item)
		res.Item = &t
		return res
	}
	for _, it := range m.Suggestions {
		res.Suggestions = append(res.Suggestions, show(it))
	}
	return res
}
