package richtext

// write adds text, collapsing whitespace outside <pre> the way a browser
// shows it, except that a newline counts: staff type plain text with
// line breaks as often as they paste HTML. The block markers left by
// blocksToText become newlines here.
func (b *builder) write(text string) {
	verbatim := b.keptOpen("pre")
	for _, r := range text {
		switch {
		case r == 0xFEFF || r < 0x20 && r != '\n' && r != '\t' || r == 0x7F:
			// Byte-order marks and control characters show nothing useful.
		case r == brRune:
			if verbatim {
				b.visible('\n')
				continue
			}
			b.pendingLines++
			b.afterBreak = true
		case r == lineRune:
			b.breakAtLeast(1, verbatim)
		case r == paragraphRune:
			b.breakAtLeast(2, verbatim)
		case verbatim:
			b.visible(r)
		case r == '\n':
			// A newline right after a block boundary is only the source's
			// layout ("<br>\n", "</li>\n<li>").
			if !b.afterBreak {
				b.pendingLines++
			}
		case r == ' ' || r == '\t':
			b.pendingSpace = true
		default:
			b.visible(r)
		}
	}
}

// breakAtLeast makes sure at least lines newlines separate the text on
// either side of a block boundary; inside <pre> the source's own
// newlines already do.
func (b *builder) breakAtLeast(lines int, verbatim bool) {
	if verbatim {
		return
	}
	b.pendingLines = max(b.pendingLines, lines)
	b.afterBreak = true
}

// visible appends a rune that shows: first the whitespace collapsed
// before it (dropped at the very start), then the start tags of the
// elements it is the first rune of.
func (b *builder) visible(r rune) {
	if len(b.d.text) > 0 {
		switch {
		case b.pendingLines >= 2:
			b.d.text = append(b.d.text, '\n', '\n')
		case b.pendingLines == 1:
			b.d.text = append(b.d.text, '\n')
		case b.pendingSpace:
			b.d.text = append(b.d.text, ' ')
		}
	}
	b.pendingLines, b.pendingSpace, b.afterBreak = 0, false, false
	for i := b.unemitted; i < len(b.stack); i++ {
		if e := &b.stack[i]; e.kept && !e.emitted {
			e.emitted = true
			e.tag.pos = len(b.d.text)
			b.d.tags = append(b.d.tags, e.tag)
		}
	}
	b.unemitted = len(b.stack)
	b.d.text = append(b.d.text, r)
}
