package waste

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Citizens type items the way they speak: "dove butto il cartone della
// pizza?", "lampadine", "perche". The matcher compares content words only,
// each folded (case, accents) and stemmed (singular and plural alike), so
// that the dictionary's "cartone della pizza" and the citizen's "cartoni
// pizza" meet on the same terms.

// maxQueryBytes and maxQueryTerms bound the work a message can cause: an
// item is a few words, and a pasted essay must not cost more than that.
const (
	maxQueryBytes = 256
	maxQueryTerms = 8
)

// stopwords are dropped before matching: articles, prepositions (plain and
// articulated, also the elided forms left by apostrophes: "dell'olio"),
// conjunctions, and the words around an item in a question or a greeting.
var stopwords = toSet(`
il lo la i gli le l un uno una
di a da in con su per tra fra d
del dello della dei degli delle dell
al allo alla ai agli alle all
dal dallo dalla dai dagli dalle dall
nel nello nella nei negli nelle nell
col coi sul sullo sulla sui sugli sulle sull
e ed o od oppure anche
dove come cosa che quale quali quando perche
butto butta buttare butti buttano buttiamo getto gettare getta metto mettere mette va vanno
smaltire smaltisco smaltisce smaltiscono conferire conferisco differenziare differenzio
si mi ci ti vi ne lo posso devo devono puo bisogna
mio mia miei mie tuo tua questo questa questi queste quel quello quella
buongiorno buonasera salve ciao grazie prego scusi scusa favore
volevo vorrei sapere chiedere dire dirmi potete potreste
rifiuto rifiuti differenziata
`)

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// fold lowers the case, takes the accents off (é, è, à, ò: "perché" and
// "perche" are the same word to a citizen typing on a phone) and turns
// every run of anything but letters and digits, apostrophes included,
// into one space.
func fold(s string) string {
	if len(s) > maxQueryBytes {
		s = s[:maxQueryBytes] // a rune cut in half becomes a separator below
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// terms returns the stemmed content words of s, each once, in order.
func terms(s string) []string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		if stopwords[w] {
			continue
		}
		t := stem(w)
		if !containsString(out, t) {
			out = append(out, t)
		}
		if len(out) == maxQueryTerms {
			break
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stem maps the singular and the plural of an Italian word to one form,
// which need not be a word: bottiglia and bottiglie give bottigl,
// sacchetto and sacchetti sacchett, pila and pile pil, negozio and negozi
// negoz, sacco and sacchi sacc, camicia and camicie camic. Words that do
// not end in a vowel (led, toner, computer) stay as they are.
func stem(w string) string {
	if len(w) < 3 || !isVowel(w[len(w)-1]) {
		return w
	}
	if strings.HasSuffix(w, "io") && len(w) >= 4 {
		// negozio/negozi, rasoio/rasoi; secchio keeps its h, unlike secco.
		return w[:len(w)-2]
	}
	plural := w[len(w)-1] == 'i' || w[len(w)-1] == 'e'
	s := w[:len(w)-1]
	// -ia/-ie/-ii: the i belongs to the ending, not the stem (camicia/camicie).
	if len(s) >= 3 && s[len(s)-1] == 'i' {
		s = s[:len(s)-1]
	}
	// -chi/-ghi/-che/-ghe keep the hard sound that the singular's -co/-go
	// and -ca/-ga have without the h: sacchi/sacco, lische/lisca.
	if plural && len(s) >= 3 && (strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "gh")) {
		s = s[:len(s)-1]
	}
	return s
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// typoBudget is how many edits a term of n letters may carry and still
// be recognised: none for short words, where one letter changes the word
// (pil, oss), more as words get longer.
func typoBudget(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 5:
		return 1
	default:
		return maxTypos
	}
}

const maxTypos = 2

// editDistance is the optimal-string-alignment form of the
// Damerau-Levenshtein distance: insertions, deletions, substitutions and
// swaps of two neighbouring letters ("scontirno") each cost one. It gives
// up, returning limit+1, once the distance is sure to exceed limit.
// buf, when long enough (3*(len(b)+1)), spares the allocation.
func editDistance(a, b []rune, limit int, buf []int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	n := len(b) + 1
	if len(buf) < 3*n {
		buf = make([]int, 3*n)
	}
	// Three rows: the one before the previous is needed for swaps.
	prev2, prev, cur := buf[:n], buf[n:2*n], buf[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
