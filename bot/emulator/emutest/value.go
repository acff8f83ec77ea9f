package emutest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// checkUnion checks a decoded JSON value against the alternatives a field
// accepts. It passes if any alternative fits; otherwise it reports the
// problems of the alternative that came closest, so a typo inside an
// inline keyboard is reported as such and not as "not a ForceReply".
func (a *API) checkUnion(path string, v any, types []string) []problem {
	// "Array of InputMediaPhoto" or "Array of InputMediaVideo" really means
	// an array of photos and videos: Telegram lets a media group mix them.
	if elems, ok := arrayElems(types); ok && len(types) > 1 {
		return a.checkArray(path, v, elems)
	}
	leaves := a.expand(types, nil)
	if obj, ok := v.(map[string]any); ok && len(leaves) > 1 {
		var kept, values []string
		for _, t := range leaves {
			o := a.types[t]
			if o == nil || o.discField == "" || obj[o.discField] == o.discValue {
				kept = append(kept, t)
			} else if q := fmt.Sprintf("%q", o.discValue); !slices.Contains(values, q) {
				values = append(values, q)
			}
		}
		if len(kept) == 0 {
			field := a.types[leaves[0]].discField
			if obj[field] == nil {
				return []problem{{path + "." + field, "required field missing, want one of " + strings.Join(values, ", ")}}
			}
			return []problem{{path + "." + field, fmt.Sprintf("%s is not one of %s", jsonText(obj[field]), strings.Join(values, ", "))}}
		}
		leaves = kept
	}
	var best []problem
	var bestType string
	for _, t := range leaves {
		p := a.checkType(path, v, t)
		if len(p) == 0 {
			return nil
		}
		if best == nil || len(p) < len(best) {
			best, bestType = p, t
		}
	}
	if len(leaves) > 1 && a.types[bestType] != nil {
		for i := range best {
			best[i].reason += " (closest match: " + bestType + ")"
		}
	}
	if len(leaves) > 1 && a.types[bestType] == nil && len(best) == 1 && best[0].path == path {
		best[0].reason = fmt.Sprintf("want %s, got %s", strings.Join(leaves, " or "), jsonKind(v))
	}
	return best
}

// arrayElems returns the element types when every alternative is an array.
func arrayElems(types []string) ([]string, bool) {
	var elems []string
	for _, t := range types {
		e, ok := strings.CutPrefix(t, "Array of ")
		if !ok {
			return nil, false
		}
		elems = append(elems, e)
	}
	return elems, true
}

// expand replaces union types by their subtypes, recursively.
func (a *API) expand(types []string, out []string) []string {
	for _, t := range types {
		if o := a.types[t]; o != nil && len(o.subtypes) > 0 {
			out = a.expand(o.subtypes, out)
		} else if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (a *API) checkArray(path string, v any, elems []string) []problem {
	arr, ok := v.([]any)
	if !ok {
		return []problem{{path, "want an array, got " + jsonKind(v)}}
	}
	var out []problem
	for i, e := range arr {
		out = append(out, a.checkUnion(fmt.Sprintf("%s[%d]", path, i), e, elems)...)
	}
	return out
}

// checkType checks a value against one type: a scalar, an array or an object.
func (a *API) checkType(path string, v any, t string) []problem {
	if elem, ok := strings.CutPrefix(t, "Array of "); ok {
		return a.checkArray(path, v, []string{elem})
	}
	ok := true
	switch t {
	case "String", "InputFile": // inside JSON a file is a file_id, URL or attach:// string
		_, ok = v.(string)
	case "Boolean":
		_, ok = v.(bool)
	case "Integer":
		n, isNum := v.(json.Number)
		_, err := n.Int64()
		ok = isNum && err == nil
	case "Float":
		_, ok = v.(json.Number)
	default:
		return a.checkObject(path, v, t)
	}
	if !ok {
		return []problem{{path, fmt.Sprintf("want %s, got %s", t, jsonKind(v))}}
	}
	return nil
}

func (a *API) checkObject(path string, v any, t string) []problem {
	o := a.types[t]
	if o == nil {
		return nil // a type api.json names but does not describe: nothing to hold it to
	}
	if len(o.subtypes) > 0 {
		return a.checkUnion(path, v, o.subtypes)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []problem{{path, fmt.Sprintf("want a %s object, got %s", t, jsonKind(v))}}
	}
	var out []problem
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		f, known := o.fields[k]
		switch {
		case !known:
			out = append(out, problem{path + "." + k, "unknown field"})
		case obj[k] == nil && f.Required:
			out = append(out, problem{path + "." + k, "required field is null"})
		case obj[k] != nil:
			out = append(out, a.checkUnion(path+"."+k, obj[k], f.Types)...)
		}
	}
	if o.discField != "" && obj[o.discField] != nil && obj[o.discField] != o.discValue {
		out = append(out, problem{path + "." + o.discField, fmt.Sprintf("must be %q", o.discValue)})
	}
	for _, k := range o.order {
		if _, present := obj[k]; o.fields[k].Required && !present {
			out = append(out, problem{path + "." + k, "required field missing"})
		}
	}
	return append(out, checkRules(t, path, obj)...)
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
