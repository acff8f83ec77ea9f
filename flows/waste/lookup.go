package waste

import "slices"

// Match is the answer to a citizen's "dove lo butto?".
//
// Sure: Item is the one the citizen meant; answer with its bin and note.
// Not sure: Suggestions holds the closest items, best first (Item, the
// best of them, included), for the citizen to pick. Nothing close: the
// zero Match.
type Match struct {
	Item        *Item
	Sure        bool
	Suggestions []Item
	// Score is how well Item matched, from 0 to 1 (1: every word of one of
	// its names, and nothing else). For logs and tuning, not for citizens.
	Score float64
}

// Scoring. A term's similarity is 1 when equal, a little less for each
// typo, less still for a bare prefix ("lampad"). A key's score weighs how
// much of the key the query covers (most: "cartone" must not be taken for
// "cartone della pizza") and how much of the query the key explains
// (extra words such as "rotta" or "vecchio" cost a little).
const (
	keyCoverageWeight   = 0.65
	queryCoverageWeight = 0.35
	// A typo costs typoPenalty divided by the word's length: one typo in
	// a short word leaves a doubt (camicie/calice), in a long one hardly.
	typoPenalty      = 1.5
	prefixSimilarity = 0.6
	minPrefixLen     = 4
	// minScore keeps out candidates that share little more than a word.
	minScore = 0.4
	// A candidate is sure when it scores at least sureScore and leads its
	// first rival (see leads) by sureLead; otherwise the citizen chooses.
	sureScore      = 0.75
	sureLead       = 0.1
	maxSuggestions = 5
	aliasFactor    = 0.98
)

// Lookup finds what the citizen typed among items. Building a Dictionary
// once and calling its Lookup is faster when there are many queries.
func Lookup(items []Item, query string) Match {
	return NewDictionary(items).Lookup(query)
}

type candidate struct {
	item  int
	score float64
	words uint16 // bit q set: the query's term q matched a word of the item
}

// Lookup matches a citizen's words against the dictionary, tolerating
// case, accents, articles and prepositions, plurals, word order and small
// typos.
func (d *Dictionary) Lookup(query string) Match {
	qterms := terms(query)
	if len(qterms) == 0 || len(d.vocab) == 0 {
		return Match{}
	}
	nv := len(d.vocab)
	// sim[q*nv+v] is the similarity of query term q and vocabulary term v.
	sim := make([]float64, len(qterms)*nv)
	seen := make([]bool, len(d.keys))
	var touched []int
	mark := func(q, v int, s float64) {
		sim[q*nv+v] = s
		for _, k := range d.postings[v] {
			if !seen[k] {
				seen[k] = true
				touched = append(touched, k)
			}
		}
	}
	var buf []int
	for q, t := range qterms {
		// A word the dictionary knows is taken as typed: "carne" is not a
		// typo of "carta", nor "sacchetto" of "vaschetta".
		if v, known := d.termIndex[t]; known {
			mark(q, v, 1)
			continue
		}
		rq := []rune(t)
		if need := 3 * (len(rq) + 2*maxTypos + 1); len(buf) < need {
			buf = make([]int, need)
		}
		for v := range d.vocab {
			if s := d.similarity(rq, v, buf); s > 0 {
				mark(q, v, s)
			}
		}
	}
	best := make([]candidate, len(d.items))
	var cands []candidate
	for _, k := range touched {
		s, words := d.keyScore(d.keys[k], sim, len(qterms))
		if d.keys[k].alias {
			// Among equals, an item whose name was typed comes first:
			// "olio" is "olio da cucina" before "bottiglia dell'olio".
			s *= aliasFactor
		}
		if it := d.keys[k].item; s > best[it].score {
			best[it] = candidate{it, s, words}
		}
	}
	for _, c := range best {
		if c.score >= minScore {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return Match{}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.item - b.item // the dictionary's order breaks ties
	})
	top := d.item(cands[0].item)
	m := Match{Item: &top, Score: cands[0].score}
	if cands[0].score >= sureScore && leads(cands) {
		m.Sure = true
		return m
	}
	for _, c := range cands[:min(len(cands), maxSuggestions)] {
		m.Suggestions = append(m.Suggestions, d.item(c.item))
	}
	return m
}

// leads tells whether the best candidate is clearly ahead of its rivals.
// A candidate that matched only some of the words the best one matched is
// no rival: "cartone" does not compete with "cartone della pizza" when the
// citizen wrote "cartone pizzza", whatever the typo costs.
func leads(cands []candidate) bool {
	first := cands[0]
	for _, c := range cands[1:] {
		if c.words&first.words == c.words && c.words != first.words {
			continue
		}
		return first.score-c.score >= sureLead
	}
	return true
}

// similarity of an unknown query term (as runes) and vocabulary term v:
// a few typos, or the first letters of a longer word.
func (d *Dictionary) similarity(rq []rune, v int, buf []int) float64 {
	rv := d.vocabRunes[v]
	longer := max(len(rq), len(rv))
	if budget := typoBudget(min(len(rq), len(rv))); budget > 0 {
		if dist := editDistance(rq, rv, budget, buf); dist <= budget {
			return 1 - typoPenalty*float64(dist)/float64(longer)
		}
	}
	if len(rq) >= minPrefixLen && len(rq) < len(rv) && slices.Equal(rq, rv[:len(rq)]) {
		return prefixSimilarity
	}
	return 0
}

// keyScore rates one key against the query's terms and tells which of
// them it matched.
func (d *Dictionary) keyScore(k key, sim []float64, nq int) (float64, uint16) {
	nv := len(d.vocab)
	var keyCovered float64
	for _, v := range k.terms {
		var b float64
		for q := range nq {
			b = max(b, sim[q*nv+v])
		}
		keyCovered += b
	}
	var queryCovered float64
	var words uint16
	for q := range nq {
		var b float64
		for _, v := range k.terms {
			b = max(b, sim[q*nv+v])
		}
		queryCovered += b
		if b > 0 {
			words |= 1 << q
		}
	}
	return keyCoverageWeight*keyCovered/float64(len(k.terms)) + queryCoverageWeight*queryCovered/float64(nq), words
}
