package waste

import (
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Perché":                 "perche",
		"CAFFÈ":                  "caffe",
		"città, però":            "citta pero",
		"dell'olio":              "dell olio",
		"dell’olio":              "dell olio",
		"  tetra-pak!!  ":        "tetra pak",
		"Größe Würstchen":        "große wurstchen",
		"cd\tdvd\nvhs":           "cd dvd vhs",
		"":                       "",
		"???":                    "",
		"n° 3 pile":              "n 3 pile",
		strings.Repeat("a", 400): strings.Repeat("a", maxQueryBytes),
	}
	for in, want := range cases {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStemJoinsSingularAndPlural(t *testing.T) {
	same := [][]string{
		{"bottiglia", "bottiglie"}, {"lampadina", "lampadine"}, {"sacchetto", "sacchetti"},
		{"pila", "pile"}, {"negozio", "negozi"}, {"sacco", "sacchi"}, {"camicia", "camicie"},
		{"lisca", "lische"}, {"fungo", "funghi"}, {"olio", "oli"}, {"rasoio", "rasoi"},
		{"valigia", "valigie"}, {"guscio", "gusci"}, {"farmaco", "farmaci"}, {"uovo", "uova"},
		{"scontrino", "scontrini"}, {"giornale", "giornali"}, {"osso", "ossa", "ossi"},
	}
	for _, words := range same {
		for _, w := range words[1:] {
			if stem(w) != stem(words[0]) {
				t.Errorf("stem(%q) = %q but stem(%q) = %q", w, stem(w), words[0], stem(words[0]))
			}
		}
	}
	apart := [][2]string{{"secco", "secchio"}, {"carta", "carne"}, {"pila", "pala"}}
	for _, p := range apart {
		if stem(p[0]) == stem(p[1]) {
			t.Errorf("%q and %q both stem to %q", p[0], p[1], stem(p[0]))
		}
	}
	for _, w := range []string{"led", "toner", "tv", "te", "pc"} {
		if stem(w) != w {
			t.Errorf("stem(%q) = %q, want it unchanged", w, stem(w))
		}
	}
}

func TestTermsDropArticlesAndQuestionWords(t *testing.T) {
	cases := map[string][]string{
		"il cartone della pizza":                      {"carton", "pizz"},
		"Dove butto le bottiglie dell'olio?":          {"bottigl", "ol"},
		"cartone cartoni":                             {"carton"},
		"perché?":                                     nil,
		"buongiorno, volevo sapere come si smaltisce": nil,
	}
	for in, want := range cases {
		if got := terms(in); !slices.Equal(got, want) {
			t.Errorf("terms(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("parola diversa ", 20) + strings.Repeat("x", 10)
	if got := terms(long); len(got) > maxQueryTerms {
		t.Errorf("%d terms from a long message, at most %d", len(got), maxQueryTerms)
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"scontrino", "scontrino", 2, 0},
		{"scontirno", "scontrino", 2, 1}, // a swap is one edit
		{"lampadna", "lampadina", 2, 1},
		{"bottigla", "bottiglia", 2, 1},
		{"vaschetta", "sacchetto", 2, 3}, // beyond the limit: limit+1
		{"abc", "abcdef", 1, 2},
		{"", "ab", 2, 2},
		{"ca", "ac", 1, 1},
	}
	for _, c := range cases {
		if got := editDistance([]rune(c.a), []rune(c.b), c.limit, nil); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestTypoBudgetGrowsWithLength(t *testing.T) {
	prev := 0
	for n := range 12 {
		b := typoBudget(n)
		if b < prev {
			t.Errorf("typoBudget(%d) = %d, less than for shorter words", n, b)
		}
		prev = b
	}
	if typoBudget(3) != 0 || typoBudget(8) != 2 {
		t.Errorf("budgets: 3 letters %d, 8 letters %d", typoBudget(3), typoBudget(8))
	}
}
