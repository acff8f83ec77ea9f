package store

import (
	"strings"
	"unicode"
)

// maxSearchWords bounds a search: a clerk types a few words, and each one
// is a lookup in the index.
const maxSearchWords = 8

// searchMatch turns what a clerk typed into an FTS4 query: every word
// must appear, each as the start of a word ("lamp" finds "lampione"),
// accents and case ignored. Only letters and digits reach the query, so
// nothing typed can become an operator; "" means no word at all.
func searchMatch(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	for i, w := range words {
		words[i] = w + "*"
	}
	return strings.Join(words, " ")
}
