package richtext

import "unicode"

// minLimit is the smallest limit Split honours: one character may take
// two UTF-16 units (an emoji), and a piece must hold at least one.
const minLimit = 2

// Split sanitizes html and cuts it into pieces of at most limit
// characters as Telegram counts them (UTF-16 code units of the visible
// text), for a message (MessageLimit) or a caption (CaptionLimit). It
// cuts at a paragraph, else a line, else a sentence end, else a word,
// else wherever the limit falls (never inside a character or before a
// combining mark); never inside a tag. Elements open at a cut are closed
// at the end of the piece and reopened at the start of the next, so a
// cut bold run, link or <pre> stays valid in both. Whitespace at a cut is
// dropped. An empty text gives no pieces; a limit below 2 counts as 2.
func Split(html string, limit int) []string {
	limit = max(limit, minLimit)
	d := parse(html)
	r := renderer{d: &d}
	var pieces []string
	for a := skipSpace(d.text, 0); a < len(d.text); {
		b := cut(d.text, a, limit)
		end := trimSpaceBack(d.text, a, b)
		pieces = append(pieces, r.piece(a, end))
		a = skipSpace(d.text, b)
	}
	return pieces
}

// cut picks where the piece starting at text[a] ends: len(text) if the
// rest fits, otherwise the best boundary within the limit.
func cut(text []rune, a, limit int) int {
	fit, used := a, 0
	for fit < len(text) && used+runeUnits(text[fit]) <= limit {
		used += runeUnits(text[fit])
		fit++
	}
	if fit == len(text) {
		return fit
	}
	// A paragraph, line or sentence boundary only counts in the second
	// half of the window, so that an early blank line does not leave a
	// message almost empty; a word boundary anywhere beats a hard cut.
	half := a + (fit-a)/2
	if c := lastBoundary(text, half, fit, paragraphEnd); c > a {
		return c
	}
	if c := lastBoundary(text, half, fit, lineEnd); c > a {
		return c
	}
	if c := lastBoundary(text, half, fit, sentenceEnd); c > a {
		return c
	}
	if c := lastBoundary(text, a+1, fit, wordEnd); c > a {
		return c
	}
	return hardCut(text, a, fit)
}

// lastBoundary is the largest c in [from, to] where isEnd(text, c) holds,
// or -1: a piece ending just before text[c].
func lastBoundary(text []rune, from, to int, isEnd func([]rune, int) bool) int {
	for c := to; c >= from && c > 0; c-- {
		if isEnd(text, c) {
			return c
		}
	}
	return -1
}

func paragraphEnd(text []rune, c int) bool {
	return text[c] == '\n' && c+1 < len(text) && text[c+1] == '\n'
}

func lineEnd(text []rune, c int) bool { return text[c] == '\n' }

// sentenceEnd: a space after a full stop, question or exclamation mark
// or ellipsis, possibly behind a closing quote or bracket.
func sentenceEnd(text []rune, c int) bool {
	if !unicode.IsSpace(text[c]) {
		return false
	}
	p := c - 1
	for p > 0 && isCloser(text[p]) {
		p--
	}
	switch text[p] {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '»', '”', '’':
		return true
	}
	return false
}

func wordEnd(text []rune, c int) bool { return unicode.IsSpace(text[c]) }

// hardCut ends the piece at fit, moved back so as not to separate a
// character from the marks, joiners or variation selectors that belong
// to it (an emoji sequence or an accent written as a combining mark),
// as long as the piece keeps at least one character.
func hardCut(text []rune, a, fit int) int {
	c := fit
	for c > a+1 && joinsPrevious(text, c) {
		c--
	}
	if c == a+1 && joinsPrevious(text, c) {
		return fit // one giant cluster: cut it rather than loop forever
	}
	return c
}

func joinsPrevious(text []rune, c int) bool {
	r := text[c]
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200D ||
		r >= 0xFE00 && r <= 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF || text[c-1] == 0x200D
}

func skipSpace(text []rune, i int) int {
	for i < len(text) && unicode.IsSpace(text[i]) {
		i++
	}
	return i
}

func trimSpaceBack(text []rune, a, b int) int {
	for b > a && unicode.IsSpace(text[b-1]) {
		b--
	}
	return b
}
