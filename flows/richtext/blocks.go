package richtext

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Block elements become these markers, private-use characters that pass
// through the policy untouched (parse removes any from the input first)
// and that the builder turns into newlines: paragraph and line breaks
// merge with their neighbours, so emitting them generously is harmless,
// while each <br> adds a line.
const (
	lineRune       = '\uE000'
	paragraphRune  = '\uE001'
	brRune         = '\uE002'
	lineBreak      = string(lineRune)
	paragraphBreak = string(paragraphRune)
	brBreak        = string(brRune)
	bullet         = "• "
)

// markers strips the marker characters from raw input.
var markers = strings.NewReplacer(paragraphBreak, "", lineBreak, "", brBreak, "")

// skippedContent are elements whose contents are never readable text:
// code, styling, embedded documents, form widgets and foreign markup.
var skippedContent = map[string]bool{
	"script": true, "style": true, "head": true, "title": true, "template": true,
	"iframe": true, "noscript": true, "noembed": true, "noframes": true, "object": true,
	"svg": true, "math": true, "select": true, "textarea": true, "xmp": true, "plaintext": true,
}

// paragraphs are the block elements that stand apart from their
// neighbours by a blank line.
var paragraphs = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "header": true, "footer": true,
	"main": true, "aside": true, "nav": true, "figure": true, "figcaption": true, "address": true,
	"table": true, "ul": true, "ol": true, "dl": true, "hr": true, "details": true, "summary": true,
	"center": true, "fieldset": true, "form": true, "body": true, "html": true,
}

// lines are the elements that start a new line but not a paragraph.
var lines = map[string]bool{"li": true, "tr": true, "dt": true, "dd": true, "caption": true}

var headings = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// blocksToText rewrites the block structure Telegram does not know into
// break markers (later newlines), so that bluemonday, which strips
// unknown tags, keeps the paragraphs, line breaks and list items apart
// instead of running them into one line. Headings become bold
// paragraphs, list items get a bullet or their number, comments and the
// contents of script-like elements go. Every other tag and the text pass
// through, re-escaped, for the policy to judge.
func blocksToText(src string) string {
	var out strings.Builder
	out.Grow(len(src) + len(src)/8)
	z := html.NewTokenizer(strings.NewReader(src))
	var skip []string // open elements whose contents are dropped
	var lists []int   // per open list: next number for <ol>, -1 for <ul>
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String() // io.EOF: a strings.Reader fails no other way
		}
		tok := z.Token()
		name := tok.Data
		if len(skip) > 0 {
			switch {
			case tt == html.StartTagToken && skippedContent[name]:
				skip = append(skip, name)
			case tt == html.EndTagToken && name == skip[len(skip)-1]:
				skip = skip[:len(skip)-1]
			}
			continue
		}
		switch tt {
		case html.TextToken:
			out.WriteString(html.EscapeString(tok.Data))
		case html.CommentToken, html.DoctypeToken:
			// Comments (and CDATA, which the tokenizer reports as one)
			// are never shown.
		case html.StartTagToken, html.SelfClosingTagToken:
			switch {
			case skippedContent[name]:
				if tt == html.StartTagToken {
					skip = append(skip, name)
				}
			case name == "li":
				out.WriteString(lineBreak + listMarker(lists))
				if n := len(lists); n > 0 && lists[n-1] > 0 {
					lists[n-1]++ // counted at the start: editors often omit </li>
				}
			case name == "ul" && tt == html.StartTagToken:
				lists = append(lists, -1)
				out.WriteString(paragraphBreak)
			case name == "ol" && tt == html.StartTagToken:
				lists = append(lists, 1)
				out.WriteString(paragraphBreak)
			case headings[name]:
				out.WriteString(paragraphBreak + "<b>")
			case name == "pre" || name == "blockquote":
				out.WriteString(paragraphBreak + tok.String())
			case paragraphs[name]:
				out.WriteString(paragraphBreak)
			case name == "br":
				out.WriteString(brBreak)
			case lines[name]:
				out.WriteString(lineBreak)
			case name == "td" || name == "th":
				out.WriteString(" ")
			default:
				out.WriteString(tok.String())
			}
		case html.EndTagToken:
			switch {
			case name == "ul" || name == "ol":
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
				out.WriteString(paragraphBreak)
			case headings[name]:
				out.WriteString("</b>" + paragraphBreak)
			case name == "pre" || name == "blockquote":
				out.WriteString(tok.String() + paragraphBreak)
			case paragraphs[name]:
				out.WriteString(paragraphBreak)
			case lines[name]:
				out.WriteString(lineBreak)
			case skippedContent[name], name == "td" || name == "th":
			default:
				out.WriteString(tok.String())
			}
		}
	}
}

// listMarker is what an <li> starts with: a bullet in an unordered list
// (or outside any list), the item's number in an ordered one.
func listMarker(lists []int) string {
	if n := len(lists); n > 0 && lists[n-1] > 0 {
		return strconv.Itoa(lists[n-1]) + ". "
	}
	return bullet
}
