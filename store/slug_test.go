package store

import (
	"context"
	"strings"
	"testing"
)

func TestSlugOfKeepsLettersWithoutAccents(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Viabilità e lavori", "viabilita-e-lavori"},
		{"  Straßen – Gehsteige!  ", "strassen-gehsteige"},
		{"Città d'Arte (centro)", "citta-d-arte-centro"},
		{"Perché? 24/7", "perche-24-7"},
		{"???", ""},
		{strings.Repeat("lungo ", 30), "lungo-lungo-lungo-lungo-lungo-lungo-lungo-lungo-lungo-lungo"},
	} {
		if got := slugOf(c.name); got != c.want {
			t.Errorf("slugOf(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestUniqueSlugAddsANumberWhenTaken(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	// "rifiuti" is a seeded topic: the next is rifiuti-2, then rifiuti-3.
	for _, want := range []string{"rifiuti-2", "rifiuti-3"} {
		tp, err := s.AddTopic(ctx, Topic{NameIT: "Rifiuti"})
		if err != nil {
			t.Fatal(err)
		}
		if tp.Slug != want {
			t.Errorf("slug %q, want %q", tp.Slug, want)
		}
	}
	got, err := s.uniqueSlug(ctx, "topics", "Rifiuti", "argomento", topicBySlug(t, s, "rifiuti").ID)
	if err != nil || got != "rifiuti" {
		t.Errorf("renaming a row to its own slug gave %q %v", got, err)
	}
	if tp, err := s.AddTopic(ctx, Topic{NameIT: "!!!"}); err != nil || tp.Slug != "argomento" {
		t.Errorf("a name without letters: %+v %v", tp, err)
	}
	if _, err := s.uniqueSlug(ctx, "citizens", "x", "x", 0); err == nil {
		t.Error("a table without slugs was accepted")
	}
}
