package store

import (
	"context"
	"testing"
)

// The text search finds words by their start, whatever the accents and
// case, in the number, the description and the place; it follows edits
// and deletions; what a clerk types never breaks the query.
func TestReportSearchThroughTheWordsIndex(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	file := func(desc, place string) Report {
		r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, ChatID: c.ChatID, CategoryID: categoryID(t, s, "strade-buca"), Description: desc, PlaceText: place})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := file("Buca profonda davanti all'università", "Via Città di Castello 3")
	b := file("Lampione spento da giorni", "Piazza Garibaldi")
	found := func(q string) []int64 {
		t.Helper()
		page, err := s.ListReports(ctx, ReportFilter{Query: q})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ids []int64
		for _, r := range page.Reports {
			ids = append(ids, r.ID)
		}
		if page.Total != len(ids) {
			t.Fatalf("%q: total %d for %d rows", q, page.Total, len(ids))
		}
		return ids
	}
	for _, tc := range []struct {
		q    string
		want []int64
	}{
		{"universita", []int64{a.ID}},     // accent folded
		{"CITTÀ castello", []int64{a.ID}}, // case, accent, two words
		{"lamp", []int64{b.ID}},           // start of a word
		{"all'università", []int64{a.ID}}, // apostrophe splits words
		{"garibaldi buca", nil},           // every word must be there
		{"ampione", nil},                  // not the middle of a word
		{b.Number[5:], []int64{b.ID}},     // the sequence part of a number
		{`" OR * NEAR ( ) -`, nil},        // no word: nothing, and no error
		{"buca OR lampione", nil},         // "or" is a word, not an operator
		{"piazza garibaldi", []int64{b.ID}},
	} {
		if got := found(tc.q); len(got) != len(tc.want) || (len(got) == 1 && got[0] != tc.want[0]) {
			t.Errorf("%q: %v, want %v", tc.q, got, tc.want)
		}
	}
	// The index follows what happens to the reports.
	if _, err := s.db.Exec(`UPDATE reports SET description = 'Tombino rumoroso' WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := found("tombino"); len(got) != 1 || got[0] != a.ID {
		t.Errorf("after an edit, the new words: %v", got)
	}
	if got := found("buca"); len(got) != 0 {
		t.Errorf("after an edit, the old words: %v", got)
	}
	if _, err := s.db.Exec(`DELETE FROM reports WHERE id = ?`, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := found("lampione"); len(got) != 0 {
		t.Errorf("a deleted report is still found: %v", got)
	}
}

func FuzzSearchMatch(f *testing.F) {
	for _, q := range []string{"buca", `"a" OR b*`, "città", "NEAR/3 x", "", "2026-000123", "(((", "\x00"} {
		f.Add(q)
	}
	s := newTestStore(f)
	f.Fuzz(func(t *testing.T, q string) {
		// Whatever is typed, the query runs: the words reach FTS4 as
		// prefixes of letters and digits only.
		if _, err := s.ListReports(context.Background(), ReportFilter{Query: q}); err != nil {
			t.Fatalf("%q (match %q): %v", q, searchMatch(q), err)
		}
	})
}
