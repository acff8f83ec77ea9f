package emutest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/campanile/campanile/bot/emulator"
)

// Check lists what is wrong with one request against the Bot API: an
// unknown method, a missing required field, a field the method does not
// have, a value of the wrong type, and, inside JSON parameters such as
// reply_markup or media, the same rules applied to every nested object.
// Each problem reads "method field.path: reason".
func (a *API) Check(r emulator.Request) []string {
	m, ok := a.method(r.Method)
	if !ok {
		return []string{fmt.Sprintf("%s: unknown method", r.Method)}
	}
	var problems []string
	report := func(path, format string, args ...any) {
		problems = append(problems, m.name+" "+path+": "+fmt.Sprintf(format, args...))
	}
	// attach:// references name the file parts that may follow the fields.
	attach := map[string]string{} // part name -> where it was referenced
	for _, name := range slices.Sorted(maps.Keys(r.Params)) {
		raw := r.Params[name]
		f, ok := m.fields[name]
		if !ok {
			report(name, "unknown field")
			continue
		}
		for _, p := range a.checkParam(name, raw, f.Types, attach) {
			report(p.path, "%s", p.reason)
		}
	}
	files := map[string]bool{}
	for _, name := range r.Files {
		files[name] = true
		f, isField := m.fields[name]
		switch {
		case isField && !slices.Contains(f.Types, "InputFile"):
			report(name, "sent as a file, but the field takes %s", strings.Join(f.Types, " or "))
		case isField:
			if _, dup := r.Params[name]; dup {
				report(name, "sent both as a value and as a file")
			}
		case attach[name] == "":
			report(name, "file part is neither a field of %s nor referenced as attach://%s", m.name, name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(attach)) {
		if !files[name] {
			report(attach[name], "attach://%s names no uploaded file part", name)
		}
	}
	for _, name := range m.order {
		_, inParams := r.Params[name]
		if m.fields[name].Required && !inParams && !files[name] {
			report(name, "required field missing")
		}
	}
	return problems
}

// problem is a reason attached to a path inside a parameter.
type problem struct{ path, reason string }

// checkParam checks one form value. Scalars arrive as plain text; objects
// and arrays arrive JSON-serialised, as the Bot API documents.
func (a *API) checkParam(name, raw string, types []string, attach map[string]string) []problem {
	if strings.HasPrefix(raw, "attach://") && slices.Contains(types, "InputFile") {
		attach[strings.TrimPrefix(raw, "attach://")] = name
		return nil
	}
	if isScalar(types) {
		if formScalarOK(raw, types) {
			return nil
		}
		if slices.Equal(types, []string{"InputFile"}) {
			return []problem{{name, "must be uploaded as a file part or given as attach://<name>"}}
		}
		return []problem{{name, fmt.Sprintf("want %s, got %q", strings.Join(types, " or "), raw)}}
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []problem{{name, fmt.Sprintf("not valid JSON: %v", err)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return []problem{{name, "unexpected data after the JSON value"}}
	}
	if v == nil {
		return []problem{{name, "is null; leave the field out instead"}}
	}
	collectAttach(name, v, attach)
	return a.checkUnion(name, v, types)
}

// isScalar reports whether every accepted type travels as plain form text.
func isScalar(types []string) bool {
	for _, t := range types {
		switch t {
		case "String", "Integer", "Float", "Boolean", "InputFile":
		default:
			return false
		}
	}
	return true
}

func formScalarOK(raw string, types []string) bool {
	for _, t := range types {
		switch t {
		case "String":
			return true
		case "Integer":
			if _, err := strconv.ParseInt(raw, 10, 64); err == nil {
				return true
			}
		case "Float":
			if _, err := strconv.ParseFloat(raw, 64); err == nil {
				return true
			}
		case "Boolean":
			if raw == "true" || raw == "false" {
				return true
			}
		}
	}
	return false
}

// collectAttach records every "attach://name" string inside a JSON value:
// media, thumbnail, cover and sticker fields may all point at file parts.
func collectAttach(path string, v any, attach map[string]string) {
	switch v := v.(type) {
	case string:
		if name, ok := strings.CutPrefix(v, "attach://"); ok {
			attach[name] = path
		}
	case []any:
		for i, e := range v {
			collectAttach(fmt.Sprintf("%s[%d]", path, i), e, attach)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			collectAttach(path+"."+k, v[k], attach)
		}
	}
}
