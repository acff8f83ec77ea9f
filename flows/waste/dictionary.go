package waste

// Item is an entry of the "Dove lo butto?" dictionary: what a citizen may
// want to throw away, the type of waste it is and a practical note
// ("carta se pulito, umido se unto"). Names and notes are shown as they
// are: they are the comune's data, in Italian.
type Item struct {
	Name    string
	Aliases []string // other ways to call it: "tetrapak" for "cartone del latte"
	Type    string   // a waste type code: carta, plastica, vetro, umido, raee, ...
	Note    string
}

// Dictionary is a set of items ready to be searched: each name and alias
// is folded, stemmed and numbered once, so a lookup only works on the
// citizen's few words. It is read-only once built and safe for concurrent
// use.
type Dictionary struct {
	items []Item
	// vocab holds every distinct term of every name and alias; vocabRunes
	// the same as runes, for the edit distance; postings, for each term,
	// the keys that contain it.
	vocab      []string
	vocabRunes [][]rune
	termIndex  map[string]int
	postings   [][]int
	keys       []key
}

// key is one name or alias of an item, as a set of terms.
type key struct {
	item  int
	alias bool  // an alias rather than the item's name
	terms []int // indexes into vocab
}

// NewDictionary prepares items for lookups. Items are copied; a name or
// alias made only of words the matcher ignores ("il", "di") cannot be
// found by itself, the others of the item still can.
func NewDictionary(items []Item) *Dictionary {
	d := &Dictionary{items: make([]Item, len(items)), termIndex: map[string]int{}}
	for i, it := range items {
		it.Aliases = append([]string(nil), it.Aliases...)
		d.items[i] = it
		d.addKey(i, it.Name, false)
		for _, a := range it.Aliases {
			d.addKey(i, a, true)
		}
	}
	return d
}

func (d *Dictionary) addKey(item int, text string, alias bool) {
	ts := terms(text)
	if len(ts) == 0 {
		return
	}
	k := key{item: item, alias: alias}
	for _, t := range ts {
		id, ok := d.termIndex[t]
		if !ok {
			id = len(d.vocab)
			d.termIndex[t] = id
			d.vocab = append(d.vocab, t)
			d.vocabRunes = append(d.vocabRunes, []rune(t))
			d.postings = append(d.postings, nil)
		}
		k.terms = append(k.terms, id)
		if n := len(d.postings[id]); n == 0 || d.postings[id][n-1] != len(d.keys) {
			d.postings[id] = append(d.postings[id], len(d.keys))
		}
	}
	d.keys = append(d.keys, k)
}

// Len is the number of items.
func (d *Dictionary) Len() int { return len(d.items) }

// Items returns a copy of the items, in their order.
func (d *Dictionary) Items() []Item {
	out := make([]Item, len(d.items))
	for i, it := range d.items {
		it.Aliases = append([]string(nil), it.Aliases...)
		out[i] = it
	}
	return out
}

// item returns a copy of item i, so that callers cannot change the
// dictionary through a Match.
func (d *Dictionary) item(i int) Item {
	it := d.items[i]
	it.Aliases = append([]string(nil), it.Aliases...)
	return it
}
