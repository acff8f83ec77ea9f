package waste

import (
	"strings"
	"sync"
	"testing"
)

var starterOnce = sync.OnceValues(func() (*Dictionary, error) {
	items, err := StarterDictionary()
	if err != nil {
		return nil, err
	}
	return NewDictionary(items), nil
})

func starter(t testing.TB) *Dictionary {
	t.Helper()
	d, err := starterOnce()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestLookupRealQueries runs what citizens type against the starter
// dictionary. sure names the item the bot answers with at once; unsure
// the suggestions that must come first, in order; neither: no answer.
func TestLookupRealQueries(t *testing.T) {
	d := starter(t)
	cases := []struct {
		label, query string
		sure         string
		unsure       []string
	}{
		// The examples and their variants.
		{"exact", "cartone della pizza", "cartone della pizza", nil},
		{"articles and prepositions", "il cartone della pizza", "cartone della pizza", nil},
		{"no prepositions", "cartone pizza", "cartone della pizza", nil},
		{"plural, upper case", "CARTONI PIZZA", "cartone della pizza", nil},
		{"word order", "pizza cartone", "cartone della pizza", nil},
		{"a question around it", "Buongiorno, dove si butta il cartone della pizza? Grazie", "cartone della pizza", nil},
		{"an extra word", "il cartone della pizza unto", "cartone della pizza", nil},
		{"typo in one of two words", "cartone pizzza", "cartone della pizza", nil},
		{"lampadina", "lampadina", "lampadina", nil},
		{"plural lampadine", "lampadine", "lampadina", nil},
		{"typo, two close items", "lampadna", "", []string{"lampadina", "lampada"}},
		{"typo, one close item", "lampadinna", "lampadina", nil},
		{"lampadina a basso consumo", "dove butto le lampadine a basso consumo?", "lampadina a basso consumo", nil},
		{"scontrino", "scontrino", "scontrino", nil},
		{"swapped letters", "scontirno", "scontrino", nil},
		{"plural scontrini", "scontrini", "scontrino", nil},
		// Plurals.
		{"bottiglie", "bottiglie di plastica", "bottiglia di plastica", nil},
		{"sacchetti", "sacchetti di plastica", "sacchetto di plastica", nil},
		{"pile", "pile", "pila", nil},
		{"batterie", "batterie", "pila", nil},
		{"lattine", "lattine", "lattina", nil},
		{"pannolini", "pannolini", "pannolino", nil},
		{"materassi", "materassi", "materasso", nil},
		{"specchi (-chio/-chi)", "specchi", "specchio", nil},
		{"rasoi (-io/-i)", "rasoi", "rasoio usa e getta", nil},
		{"lische (-ca/-che)", "lische", "lische di pesce", nil},
		{"secchio is not secco", "secchio", "secchio di plastica", nil},
		// Accents and apostrophes.
		{"caffè with accent", "caffè", "fondi di caffè", nil},
		{"caffe without", "caffe", "fondi di caffè", nil},
		{"tè", "tè", "bustina del tè", nil},
		{"apostrophe", "gusci d'uovo", "gusci d'uovo", nil},
		{"apostrophe as space", "guscio d uovo", "gusci d'uovo", nil},
		{"typographic apostrophe", "bottiglia dell’olio", "bottiglia di vetro", nil},
		// Synonyms.
		{"tetrapak", "tetrapak", "cartone del latte", nil},
		{"tetra pak in two words", "tetra pak", "cartone del latte", nil},
		{"typo in a synonym", "tetrapack", "cartone del latte", nil},
		{"scottex", "scottex", "carta da cucina", nil},
		{"cicca", "cicca", "mozzicone di sigaretta", nil},
		{"frigo", "frigo", "frigorifero", nil},
		{"tv", "tv", "televisore", nil},
		{"telefonino", "telefonino", "cellulare", nil},
		{"medicine", "medicine", "farmaci scaduti", nil},
		{"pyrex", "pyrex", "pirofila", nil},
		{"toner", "toner", "cartuccia della stampante", nil},
		{"gomme auto", "gomme dell'auto", "pneumatico", nil},
		{"stagnola", "stagnola", "carta stagnola", nil},
		{"olio di frittura", "olio di frittura", "olio da cucina", nil},
		// Items that look like another bin's.
		{"glass that is not glass", "bicchieri di vetro", "bicchiere di vetro", nil},
		{"carta forno", "carta forno", "carta da forno", nil},
		{"posate", "posate di plastica", "posate di plastica", nil},
		// Extra words citizens add.
		{"lavatrice vecchia", "lavatrice vecchia", "lavatrice", nil},
		{"telefono rotto", "telefono rotto", "cellulare", nil},
		// Known words are never taken for typos of others.
		{"carne is not carta", "carne", "carne", nil},
		{"sacchetto is not vaschetta", "sacchetto", "", []string{"sacchetto di carta", "sacchetto della farina"}},
		{"plastica is not elastico", "plastica", "", []string{"bottiglia di plastica"}},
		// Ambiguous: the citizen chooses.
		{"bottiglia", "bottiglia", "", []string{"bottiglia di plastica", "bottiglia di vetro"}},
		{"olio", "olio", "", []string{"olio da cucina", "olio motore", "bottiglia di vetro"}},
		{"bicchiere", "bicchiere", "", []string{"bicchiere di plastica", "bicchiere di vetro"}},
		{"pizza alone", "pizza", "", []string{"cartone della pizza"}},
		{"ferro", "ferro", "", []string{"ferro da stiro", "rottami di metallo"}},
		{"the first letters only", "frigor", "", []string{"frigorifero"}},
		// Unknown items, noise.
		{"unknown", "elefante", "", nil},
		{"gibberish", "xyzzy", "", nil},
		{"only stopwords", "dove lo butto?", "", nil},
		{"only punctuation", "?!...", "", nil},
		{"empty", "", "", nil},
		{"short word, no typo allowed", "pal", "", nil},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			m := d.Lookup(c.query)
			switch {
			case c.sure != "":
				if !m.Sure || m.Item == nil || m.Item.Name != c.sure {
					t.Errorf("Lookup(%q) = %s, want sure %q", c.query, describe(m), c.sure)
				}
			case c.unsure != nil:
				if m.Sure || m.Item == nil || len(m.Suggestions) < len(c.unsure) || len(m.Suggestions) > maxSuggestions {
					t.Fatalf("Lookup(%q) = %s, want unsure %q", c.query, describe(m), c.unsure)
				}
				for i, want := range c.unsure {
					if m.Suggestions[i].Name != want {
						t.Errorf("Lookup(%q) = %s, want suggestions starting with %q", c.query, describe(m), c.unsure)
						break
					}
				}
				if m.Item.Name != m.Suggestions[0].Name {
					t.Errorf("Lookup(%q): Item %q is not the first suggestion", c.query, m.Item.Name)
				}
			default:
				if m.Item != nil || m.Sure || m.Suggestions != nil {
					t.Errorf("Lookup(%q) = %s, want no match", c.query, describe(m))
				}
			}
		})
	}
}

func describe(m Match) string {
	if m.Item == nil {
		return "no match"
	}
	var names []string
	for _, it := range m.Suggestions {
		names = append(names, it.Name)
	}
	return m.Item.Name + map[bool]string{true: " (sure)", false: " (unsure: " + strings.Join(names, ", ") + ")"}[m.Sure]
}

func TestLookupAnswerCarriesTypeAndNote(t *testing.T) {
	m := starter(t).Lookup("cartone pizza")
	if !m.Sure || m.Item.Type != "carta" || !strings.Contains(m.Item.Note, "umido") {
		t.Errorf("cartone della pizza: %+v", m.Item)
	}
	m = starter(t).Lookup("scontrino")
	if m.Item.Type != "secco" || !strings.Contains(m.Item.Note, "termica") {
		t.Errorf("scontrino: %+v", m.Item)
	}
}

func TestLookupDoesNotExposeTheDictionary(t *testing.T) {
	items := []Item{{Name: "pila", Aliases: []string{"batteria"}, Type: "pile"}}
	d := NewDictionary(items)
	items[0].Name = "changed by the caller"
	m := d.Lookup("pile")
	if m.Item == nil || m.Item.Name != "pila" {
		t.Fatalf("the dictionary follows its caller's slice: %s", describe(m))
	}
	m.Item.Name, m.Item.Aliases[0] = "changed by a reader", "x"
	if again := d.Lookup("batteria"); again.Item == nil || again.Item.Name != "pila" || again.Item.Aliases[0] != "batteria" {
		t.Errorf("a Match changed the dictionary: %s", describe(again))
	}
}

func TestLookupPackageFuncAndTies(t *testing.T) {
	items := []Item{
		{Name: "bottiglia di vetro", Type: "vetro"},
		{Name: "bottiglia di plastica", Type: "plastica"},
		{Name: "il", Type: "secco"}, // nothing to search by: never matches
	}
	m := Lookup(items, "bottiglie")
	if m.Sure || len(m.Suggestions) != 2 || m.Suggestions[0].Name != "bottiglia di vetro" {
		t.Errorf("equal candidates keep the dictionary's order: %s", describe(m))
	}
	if m := Lookup(items, "il"); m.Item != nil {
		t.Errorf("a stopword matched: %s", describe(m))
	}
	if m := Lookup(nil, "bottiglia"); m.Item != nil {
		t.Errorf("an empty dictionary matched: %s", describe(m))
	}
}

func TestLookupSuggestsAtMostFive(t *testing.T) {
	m := starter(t).Lookup("vetro")
	if m.Sure || len(m.Suggestions) != maxSuggestions {
		t.Errorf("vetro: %s", describe(m))
	}
}

// BenchmarkLookup: one citizen's query against the whole starter
// dictionary, mixing exact words, a typo and an unknown word.
func BenchmarkLookup(b *testing.B) {
	d := starter(b)
	queries := []string{"il cartone della pizza", "lampadna", "bottiglie di plastica", "scontirno", "elefante rosa"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.Lookup(queries[i%len(queries)])
	}
}

// BenchmarkNewDictionary: preparing the starter dictionary, what
// flows.WasteDictionary saves each message by keeping it.
func BenchmarkNewDictionary(b *testing.B) {
	items, err := StarterDictionary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewDictionary(items)
	}
}
