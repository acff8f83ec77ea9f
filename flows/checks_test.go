package flows

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Telegram's limits, from the Bot API documentation.
const (
	maxTextRunes     = 4096
	maxCaptionRunes  = 1024
	maxToastRunes    = 200
	maxCallbackBytes = 64
)

// messageProblems lists what Telegram would refuse, or show wrongly, in m.
func messageProblems(m Message) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	switch m.Action {
	case ActionSend, ActionEditText:
		if m.Text == "" {
			add("%s without text", m.Action)
		}
		if n := utf8.RuneCountInString(m.Text); n > maxTextRunes {
			add("text of %d characters, over %d", n, maxTextRunes)
		}
	case ActionSendDocument:
		if m.File == nil || len(m.File.Data) == 0 {
			add("document without a file")
		}
		if n := utf8.RuneCountInString(m.Text); n > maxCaptionRunes {
			add("caption of %d characters, over %d", n, maxCaptionRunes)
		}
	case ActionAnswerCallback:
		if m.CallbackID == "" {
			add("callback answer without a callback id")
		}
		if n := utf8.RuneCountInString(m.Text); n > maxToastRunes {
			add("callback answer of %d characters, over %d", n, maxToastRunes)
		}
		checkPlain(m.Text, "callback answer", add)
	case ActionEditButtons:
	default:
		add("unknown action %q", m.Action)
	}
	if m.Action == ActionSend || m.Action == ActionEditText || m.Action == ActionSendDocument {
		if err := checkTelegramHTML(m.Text); err != nil {
			add("text is not Telegram HTML: %v in %q", err, m.Text)
		}
	}
	if m.ChatID == 0 {
		add("no chat id")
	}
	for _, row := range m.Buttons {
		if len(row) == 0 {
			add("an empty row of buttons")
		}
		for _, b := range row {
			if b.Text == "" {
				add("a button without a label")
			}
			checkPlain(b.Text, "button label", add)
			if b.URL == "" && (b.Data == "" || len(b.Data) > maxCallbackBytes) {
				add("button %q carries %d bytes of callback data, want 1 to %d", b.Text, len(b.Data), maxCallbackBytes)
			}
		}
	}
	if m.Keyboard != nil {
		for _, row := range m.Keyboard.Rows {
			for _, k := range row {
				checkPlain(k.Text, "keyboard label", add)
			}
		}
	}
	return problems
}

var escapedEntity = regexp.MustCompile(`&(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);`)

// checkPlain flags HTML escaping where Telegram shows text as it is:
// button labels and toasts would show "&amp;" to the citizen.
func checkPlain(s, what string, add func(string, ...any)) {
	if escapedEntity.MatchString(s) {
		add("%s %q is HTML-escaped, but Telegram shows it as plain text", what, s)
	}
}

func checkMessage(t testing.TB, m Message) {
	t.Helper()
	for _, p := range messageProblems(m) {
		t.Errorf("%s to chat %d: %s", m.Action, m.ChatID, p)
	}
}

// checkCallbackAnswered: Telegram shows a spinner on a pressed button until
// it is answered, so every callback from a citizen gets exactly one answer
// and nothing else does.
func checkCallbackAnswered(t testing.TB, in Input, msgs []Message) {
	t.Helper()
	answers := 0
	for _, m := range msgs {
		if m.Action == ActionAnswerCallback {
			answers++
		}
	}
	want := 0
	if in.Kind == KindCallback && in.Private() && in.UserID != 0 {
		want = 1
	}
	if answers != want {
		t.Errorf("%s %q got %d callback answers, want %d", in.Kind, in.CallbackData, answers, want)
	}
}

// checkAllMessages states the invariants over everything the cases
// produced, one subtest each, so a failure names the rule broken.
func checkAllMessages(t *testing.T, all []Message) {
	rules := []struct {
		name string
		bad  func(Message) bool
	}{
		{"callback data fits 64 bytes", func(m Message) bool {
			for _, row := range m.Buttons {
				for _, b := range row {
					if len(b.Data) > maxCallbackBytes {
						return true
					}
				}
			}
			return false
		}},
		{"texts fit 4096 characters", func(m Message) bool { return utf8.RuneCountInString(m.Text) > maxTextRunes }},
		{"HTML is well-formed", func(m Message) bool {
			return m.Action != ActionAnswerCallback && checkTelegramHTML(m.Text) != nil
		}},
	}
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			if len(all) == 0 {
				t.Skip("no messages")
			}
			for _, m := range all {
				if rule.bad(m) {
					t.Errorf("%s to chat %d breaks the rule: %+v", m.Action, m.ChatID, m)
				}
			}
		})
	}
}

// telegramTags are the HTML tags Campanile may use in messages.
var telegramTags = map[string]bool{"b": true, "i": true, "u": true, "s": true, "a": true, "code": true, "pre": true, "blockquote": true, "tg-spoiler": true}

var (
	openTag  = regexp.MustCompile(`^<([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>`)
	closeTag = regexp.MustCompile(`^</([a-z-]+)>`)
	entity   = regexp.MustCompile(`^&(amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});`)
	hrefAttr = regexp.MustCompile(`\shref="[^"]+"`)
)

// checkTelegramHTML is a small well-formedness check of Telegram's HTML
// subset: known tags, properly nested and closed, and no bare <, > or &.
func checkTelegramHTML(s string) error {
	var stack []string
	for i := 0; i < len(s); {
		rest := s[i:]
		switch s[i] {
		case '<':
			if m := closeTag.FindStringSubmatch(rest); m != nil {
				if len(stack) == 0 || stack[len(stack)-1] != m[1] {
					return fmt.Errorf("</%s> at %d closes %v", m[1], i, stack)
				}
				stack = stack[:len(stack)-1]
				i += len(m[0])
				continue
			}
			m := openTag.FindStringSubmatch(rest)
			if m == nil {
				return fmt.Errorf("bare < at %d", i)
			}
			if !telegramTags[m[1]] {
				return fmt.Errorf("tag <%s> at %d is not one Telegram knows", m[1], i)
			}
			if m[1] == "a" && !hrefAttr.MatchString(m[2]) {
				return fmt.Errorf("<a> without href at %d", i)
			}
			if m[1] != "a" && m[2] != "" && m[1] != "pre" && m[1] != "code" && m[1] != "blockquote" {
				return fmt.Errorf("<%s> with attributes at %d", m[1], i)
			}
			stack = append(stack, m[1])
			i += len(m[0])
		case '>':
			return fmt.Errorf("bare > at %d", i)
		case '&':
			m := entity.FindString(rest)
			if m == "" {
				return fmt.Errorf("bare & at %d", i)
			}
			i += len(m)
		default:
			i++
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed %s", strings.Join(stack, ", "))
	}
	return nil
}

func TestCheckTelegramHTML(t *testing.T) {
	tests := []struct {
		label string
		html  string
		ok    bool
	}{
		{"plain", "Ciao Maria!", true},
		{"bold", "<b>Argomenti</b>\nScegli", true},
		{"nested", "<b>a <i>b</i> c</b>", true},
		{"link", `<a href="https://example.org/?a=1&amp;b=2">x</a>`, true},
		{"entities", "a &lt; b &amp;&amp; c &gt; d &#39;e&#39; &#x1F600;", true},
		{"spoiler and quote", "<blockquote>q</blockquote><tg-spoiler>s</tg-spoiler><pre>p</pre><code>c</code><u>u</u><s>s</s>", true},
		{"unclosed", "<b>Argomenti", false},
		{"crossed", "<b><i>x</b></i>", false},
		{"stray close", "x</b>", false},
		{"unknown tag", "<div>x</div>", false},
		{"script", "<script>alert(1)</script>", false},
		{"bare less-than", "1 < 2", false},
		{"bare greater-than", "2 > 1", false},
		{"bare ampersand", "Carta & cartone", false},
		{"unknown entity", "&nbsp;", false},
		{"link without href", "<a>x</a>", false},
		{"bold with attribute", `<b onclick="x">y</b>`, false},
	}
	for _, tt := range tests {
		if err := checkTelegramHTML(tt.html); (err == nil) != tt.ok {
			t.Errorf("%s: checkTelegramHTML(%q) = %v, want ok=%v", tt.label, tt.html, err, tt.ok)
		}
	}
}
