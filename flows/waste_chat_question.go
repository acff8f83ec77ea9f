package flows

import (
	"strings"
)

// wasteQuestionPrefixes are the ways a citizen asks where something goes
// without opening "Dove lo butto?" first. Only these open the lookup, so
// other free text still gets the usual answer.
var wasteQuestionPrefixes = []string{
	"dove lo butto", "dove la butto", "dove li butto", "dove le butto", "dove butto",
	"dove si buttano", "dove si butta", "dove getto",
	"which bin", "where do i throw", "where to throw", "where do i put",
	"wohin mit", "wohin gehört", "wohin kommt",
}

// wasteQuestion answers "dove butto la lampadina" typed with no
// conversation open; it reports whether the text was such a question.
func (s *session) wasteQuestion() (bool, error) {
	if s.in.Kind != KindText || len(s.in.Text) > 200 {
		return false, nil
	}
	text := strings.ToLower(strings.TrimSpace(s.in.Text))
	for _, p := range wasteQuestionPrefixes {
		rest, ok := strings.CutPrefix(text, p)
		if !ok || (rest != "" && !strings.ContainsAny(rest[:1], " ?:,")) {
			continue
		}
		rest = strings.Trim(rest, " ?!.:,")
		if rest == "" {
			return true, s.askItem()
		}
		if len([]rune(rest)) > maxItemQueryLen {
			return false, nil
		}
		// The question stays open, so the next item needs no prefix.
		return true, s.lookupItem(rest)
	}
	return false, nil
}
