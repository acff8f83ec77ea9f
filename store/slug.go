package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugMaxLen keeps slugs short enough to read in exports and logs.
const slugMaxLen = 60

// slugOf turns a name into the lower-case ASCII words joined by hyphens that
// slugs are made of: "Verde pubblico – Alberi" becomes
// "verde-pubblico-alberi". Accents are dropped rather than the letters, so
// "Viabilità" keeps its a; ß, which has no decomposition, becomes ss.
func slugOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > slugMaxLen {
		s = strings.TrimRight(s[:slugMaxLen], "-")
	}
	return s
}

// twoLevelTables are the tables of two-level trees whose rows carry a
// unique slug and a position; a table name is never taken from input.
var twoLevelTables = map[string]bool{"categories": true, "topics": true}

// uniqueSlug derives a slug from name that no other row of table has,
// adding -2, -3, ... when it is taken. fallback is used when the name has
// no letter or digit at all ("???"). exceptID is the row being renamed,
// 0 for a new one.
func (s *Store) uniqueSlug(ctx context.Context, table, name, fallback string, exceptID int64) (string, error) {
	if !twoLevelTables[table] {
		return "", fmt.Errorf("store: no slugs in table %q", table)
	}
	base := slugOf(name)
	if base == "" {
		base = fallback
	}
	slug := base
	for n := 2; ; n++ {
		var taken bool
		err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE slug = ? AND id <> ?)`, slug, exceptID).Scan(&taken)
		if err != nil {
			return "", fmt.Errorf("store: unable to check slug %q in %s: %w", slug, table, err)
		}
		if !taken {
			return slug, nil
		}
		slug = fmt.Sprintf("%s-%d", base, n)
	}
}
