package waste

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The dictionary's CSV format, one item a row, with a header:
//
//	nome,sinonimi,rifiuto,nota
//	cartone della pizza,scatola della pizza;cartone pizza,carta,"Carta se pulito; le parti unte nell'umido."
//
// sinonimi lists other names separated by ";"; rifiuto is a waste type
// code (carta, plastica, vetro, umido, secco, verde, ingombranti, raee,
// pile, farmaci, oli, tessili, pericolosi, ecocentro).
var dictionaryHeader = []string{"nome", "sinonimi", "rifiuto", "nota"}

// maxDictionaryRows bounds an upload: a comune's dictionary is a few
// hundred items.
const maxDictionaryRows = 5000

//go:embed dictionary_it.csv
var starterDictionaryCSV []byte

// StarterDictionary returns the items every comune starts with, common
// items with the bins most Italian comuni use (following ANCI and CONAI
// guidance); staff adapt them to their own rules in the admin. The store's
// migration seeds them.
func StarterDictionary() ([]Item, error) {
	items, errs := ParseDictionaryCSV(bytes.NewReader(starterDictionaryCSV))
	if errs != nil {
		joined := make([]error, len(errs))
		for i, e := range errs {
			joined[i] = e
		}
		return nil, fmt.Errorf("waste: the starter dictionary is broken: %w", errors.Join(joined...))
	}
	return items, nil
}

// ParseDictionaryCSV reads a dictionary. It returns every wrong row, not
// just the first, and no items at all when any row is wrong. Two items
// whose names differ only in case, accents or articles are one too many:
// a citizen could never tell them apart.
func ParseDictionaryCSV(r io.Reader) ([]Item, []RowError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []RowError{{Line: 1, Err: errors.New("the file is empty or not CSV")}}
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // spreadsheets' byte-order mark
	}
	if !equalFold(header, dictionaryHeader) {
		return nil, []RowError{{Line: 1, Err: fmt.Errorf("the first line must be the header %s", strings.Join(dictionaryHeader, ","))}}
	}
	var items []Item
	var errs []RowError
	seen := map[string]int{} // folded name -> line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, RowError{Line: line, Err: errors.New("not valid CSV (check quotes)")})
			break
		}
		line, _ := cr.FieldPos(0)
		if len(items)+len(errs) >= maxDictionaryRows {
			errs = append(errs, RowError{Line: line, Err: fmt.Errorf("too many rows: at most %d", maxDictionaryRows)})
			break
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank line, or a spreadsheet's empty row
		}
		it, err := dictionaryRow(rec)
		if err == nil {
			folded := strings.Join(terms(it.Name), " ")
			if first, dup := seen[folded]; dup {
				err = fmt.Errorf("%q is already on line %d", it.Name, first)
			} else {
				seen[folded] = line
			}
		}
		if err != nil {
			errs = append(errs, RowError{Line: line, Err: err})
			continue
		}
		items = append(items, it)
	}
	if errs != nil {
		return nil, errs
	}
	return items, nil
}

func dictionaryRow(rec []string) (Item, error) {
	if len(rec) != len(dictionaryHeader) {
		return Item{}, fmt.Errorf("%d columns instead of %d", len(rec), len(dictionaryHeader))
	}
	it := Item{Name: strings.TrimSpace(rec[0]), Type: strings.TrimSpace(rec[2]), Note: strings.TrimSpace(rec[3])}
	if it.Name == "" {
		return Item{}, errors.New("the name is empty")
	}
	if len(terms(it.Name)) == 0 {
		return Item{}, fmt.Errorf("the name %q has no word to search by", it.Name)
	}
	if !isTypeCode(it.Type) {
		return Item{}, fmt.Errorf("%q is not a waste type code (carta, plastica, vetro, ...)", it.Type)
	}
	for _, a := range strings.Split(rec[1], ";") {
		if a = strings.TrimSpace(a); a != "" && !containsString(it.Aliases, a) {
			it.Aliases = append(it.Aliases, a)
		}
	}
	return it, nil
}

// isTypeCode accepts what waste type codes look like: lower-case letters
// and dashes. Whether the type exists is the store's to say.
func isTypeCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

func equalFold(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !strings.EqualFold(strings.TrimSpace(got[i]), want[i]) {
			return false
		}
	}
	return true
}
