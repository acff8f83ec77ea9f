package waste

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The codes of store/migrate_waste.go and store/migrate_waste_items.go.
var knownTypes = []string{"carta", "plastica", "vetro", "umido", "secco", "verde", "ingombranti",
	"raee", "pile", "farmaci", "oli", "tessili", "pericolosi", "ecocentro"}

func TestStarterDictionary(t *testing.T) {
	items, err := StarterDictionary()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 150 {
		t.Errorf("%d items, the issue asks for at least 150", len(items))
	}
	perType := map[string]int{}
	for _, it := range items {
		perType[it.Type]++
		if !slices.Contains(knownTypes, it.Type) {
			t.Errorf("%q: unknown type %q", it.Name, it.Type)
		}
		if it.Name != strings.ToLower(it.Name) && it.Name != strings.ToLower(it.Name[:1])+it.Name[1:] {
			t.Errorf("%q: names are written in lower case, as the bot quotes them", it.Name)
		}
	}
	for _, code := range knownTypes {
		if perType[code] == 0 {
			t.Errorf("no item goes to %s", code)
		}
	}
}

// TestStarterItemsAreFoundByTheirNames: every name gives its item at once,
// and every alias gives its item first: two items never share a name or
// an alias, which would leave citizens always choosing.
func TestStarterItemsAreFoundByTheirNames(t *testing.T) {
	d := starter(t)
	owner := map[string]string{} // folded terms -> item
	for _, it := range d.Items() {
		if m := d.Lookup(it.Name); !m.Sure || m.Item.Name != it.Name {
			t.Errorf("Lookup(%q) = %s", it.Name, describe(m))
		}
		for _, text := range append([]string{it.Name}, it.Aliases...) {
			ts := terms(text)
			slices.Sort(ts)
			k := strings.Join(ts, " ")
			if other, dup := owner[k]; dup && other != it.Name {
				t.Errorf("%q of %q is also %q", text, it.Name, other)
			}
			owner[k] = it.Name
			if m := d.Lookup(text); m.Item == nil || m.Item.Name != it.Name {
				t.Errorf("alias Lookup(%q) = %s, want %q", text, describe(m), it.Name)
			}
		}
	}
}

func TestParseDictionaryCSV(t *testing.T) {
	in := "\ufeffNome,Sinonimi,Rifiuto,Nota\n" +
		"cartone della pizza, scatola della pizza ; cartone pizza;;,carta,\"Carta se pulito; unto nell'umido.\"\n" +
		"\n" +
		",,,\n" +
		"pila,,pile,\n"
	items, errs := ParseDictionaryCSV(strings.NewReader(in))
	if errs != nil {
		t.Fatal(errs)
	}
	want := []Item{
		{Name: "cartone della pizza", Aliases: []string{"scatola della pizza", "cartone pizza"}, Type: "carta", Note: "Carta se pulito; unto nell'umido."},
		{Name: "pila", Type: "pile"},
	}
	if fmt.Sprintf("%q", items) != fmt.Sprintf("%q", want) {
		t.Errorf("items:\n got %q\nwant %q", items, want)
	}
}

func TestParseDictionaryCSVReportsEveryBadLineAndImportsNothing(t *testing.T) {
	header := "nome,sinonimi,rifiuto,nota\n"
	cases := []struct {
		label, csv string
		lines      []int
		says       string
	}{
		{"empty", "", []int{1}, "empty"},
		{"wrong header", "name,aliases,type,note\n", []int{1}, "header"},
		{"bad rows", header +
			"cartone,,carta,\n" + // 2 fine
			",scatolone,carta,\n" + // 3 no name
			"il,,carta,\n" + // 4 nothing to search by
			"lattina,,Plastica e metalli,\n" + // 5 not a code
			"pila,,,\n" + // 6 no type
			"Cartoni,,carta,\n" + // 7 the same as line 2
			"vetro,,vetro\n", // 8 columns
			[]int{3, 4, 5, 6, 7, 8}, "line 2"},
		{"broken quotes", header + "cartone,,carta,\"unclosed\n", []int{2}, "quotes"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			items, errs := ParseDictionaryCSV(strings.NewReader(c.csv))
			if items != nil {
				t.Errorf("a bad file gave %d items", len(items))
			}
			var lines []int
			var all []string
			for _, e := range errs {
				lines = append(lines, e.Line)
				all = append(all, e.Error())
			}
			if !slices.Equal(lines, c.lines) {
				t.Errorf("lines %v, want %v: %q", lines, c.lines, all)
			}
			if !strings.Contains(strings.Join(all, "\n"), c.says) {
				t.Errorf("errors %q do not say %q", all, c.says)
			}
		})
	}
}

func TestParseDictionaryCSVBoundsRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("nome,sinonimi,rifiuto,nota\n")
	for i := range maxDictionaryRows + 1 {
		fmt.Fprintf(&b, "oggetto%c%c%c%c,,secco,\n", 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26, 'a'+i/17576%26)
	}
	items, errs := ParseDictionaryCSV(strings.NewReader(b.String()))
	if items != nil || len(errs) != 1 || !strings.Contains(errs[0].Error(), "too many rows") {
		t.Errorf("%d items, errors %v", len(items), errs)
	}
}
