package flows

// The conversation scripts in testdata/conversations are plain text:
//
//	# comments, kept when the file is rewritten
//	> command user=1001 name=Maria lang=it cmd=start
//	send #2 chat=1001
//	  | Ciao Maria! ...
//	  [⬜ Rifiuti (0/5) › | to:1]
//	  key [📍 Segnala] [♻️ Rifiuti]
//
// A line starting with "> " is an input: its kind (a flows.InputKind, or
// one of the harness's own: "state", "topic") and key=value pairs, values
// optionally Go-quoted. The lines after it, up to the next input or
// comment, are the expected rendering of what the engine answered; -update
// rewrites them. Blank lines only separate.

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

type scriptStep struct {
	comments []string // comment lines before the input
	input    string   // the input line without "> "
	want     string   // expected rendering, lines joined by "\n"
}

type script struct {
	steps    []scriptStep
	trailing []string // comments after the last input
}

func readScript(path string) (script, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return script{}, err
	}
	var sc script
	var comments, want []string
	flush := func() {
		if n := len(sc.steps); n > 0 && sc.steps[n-1].want == "" {
			sc.steps[n-1].want = strings.Join(want, "\n")
		}
		want = nil
	}
	for i, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line = strings.TrimRight(line, " \t")
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			flush()
			comments = append(comments, line)
		case strings.HasPrefix(line, ">"):
			flush()
			sc.steps = append(sc.steps, scriptStep{comments: comments, input: strings.TrimSpace(line[1:])})
			comments = nil
		default:
			if len(sc.steps) == 0 || len(comments) > 0 {
				return script{}, fmt.Errorf("%s:%d: expected output before any input", path, i+1)
			}
			want = append(want, line)
		}
	}
	flush()
	sc.trailing = comments
	return sc, nil
}

func (sc script) format(got []string) string {
	var b strings.Builder
	for i, st := range sc.steps {
		if i > 0 && len(st.comments) > 0 {
			b.WriteString("\n")
		}
		for _, c := range st.comments {
			b.WriteString(c + "\n")
		}
		b.WriteString("> " + st.input + "\n")
		b.WriteString(got[i] + "\n")
	}
	if len(sc.trailing) > 0 {
		b.WriteString("\n" + strings.Join(sc.trailing, "\n") + "\n")
	}
	return b.String()
}

// parseInputLine splits `kind key=value key="quoted value"` into the kind
// and its arguments.
func parseInputLine(line string) (string, map[string]string, error) {
	kind, rest, _ := strings.Cut(line, " ")
	args := map[string]string{}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		key, after, ok := strings.Cut(rest, "=")
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return "", nil, fmt.Errorf("want key=value at %q", rest)
		}
		var value string
		if strings.HasPrefix(after, `"`) {
			quoted, err := strconv.QuotedPrefix(after)
			if err != nil {
				return "", nil, fmt.Errorf("bad quoted value for %s: %w", key, err)
			}
			value, _ = strconv.Unquote(quoted)
			rest = after[len(quoted):]
		} else {
			value, rest, _ = strings.Cut(after, " ")
		}
		if _, dup := args[key]; dup {
			return "", nil, fmt.Errorf("%s given twice", key)
		}
		args[key] = value
	}
	return kind, args, nil
}

// renderMessage writes one message in the script's notation; id is the
// message id the chat gave it (new messages) or its target (edits).
func renderMessage(m Message, id int) string {
	var b strings.Builder
	b.WriteString(string(m.Action))
	switch m.Action {
	case ActionAnswerCallback:
		fmt.Fprintf(&b, " id=%s", m.CallbackID)
	default:
		fmt.Fprintf(&b, " #%d", id)
	}
	fmt.Fprintf(&b, " chat=%d", m.ChatID)
	for _, flag := range []struct {
		on   bool
		name string
	}{{m.Alert, "alert"}, {m.Silent, "silent"}, {m.RemoveKeyboard, "remove_keyboard"}} {
		if flag.on {
			b.WriteString(" " + flag.name)
		}
	}
	if m.Text != "" {
		for _, line := range strings.Split(m.Text, "\n") {
			b.WriteString(strings.TrimRight("\n  | "+line, " "))
		}
	}
	for _, row := range m.Buttons {
		b.WriteString("\n ")
		for _, btn := range row {
			target := btn.Data
			if btn.URL != "" {
				target = "url=" + btn.URL
			}
			fmt.Fprintf(&b, " [%s | %s]", btn.Text, strconv.Quote(target)[1:len(strconv.Quote(target))-1])
		}
	}
	if kb := m.Keyboard; kb != nil {
		fmt.Fprintf(&b, "\n  keyboard placeholder=%q", kb.Placeholder)
		if kb.OneTime {
			b.WriteString(" one_time")
		}
		for _, row := range kb.Rows {
			b.WriteString("\n  key")
			for _, k := range row {
				if k.RequestLocation {
					fmt.Fprintf(&b, " [%s (location)]", k.Text)
				} else {
					fmt.Fprintf(&b, " [%s]", k.Text)
				}
			}
		}
	}
	if f := m.File; f != nil {
		fmt.Fprintf(&b, "\n  file name=%s mime=%s", f.Name, f.MIME)
		for _, line := range strings.Split(string(f.Data), "\n") {
			b.WriteString(strings.TrimRight("\n  : "+line, " "))
		}
	}
	return b.String()
}
