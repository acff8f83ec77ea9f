package emulator

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/campanile/campanile/bot/emulator/internal/specgen"
)

//go:embed spec.json
var specJSON []byte

// FieldInfo describes one parameter of a Bot API method. Types lists the
// accepted alternatives as the API documents them ("Integer", "String",
// "InputFile", "Array of MessageEntity", "InlineKeyboardMarkup", ...).
type FieldInfo struct {
	Required bool
	Types    []string
}

// MethodInfo is one Bot API method under its canonical name.
type MethodInfo struct {
	Name   string
	Fields map[string]FieldInfo
}

// loadedSpec is spec.json decoded once, with an index by lower-case name
// because Telegram resolves method names case-insensitively.
type loadedSpec struct {
	version string
	byLower map[string]MethodInfo
}

var loadSpec = sync.OnceValues(func() (loadedSpec, error) {
	return decodeSpec(specJSON)
})

func decodeSpec(data []byte) (loadedSpec, error) {
	var s specgen.Spec
	if err := json.Unmarshal(data, &s); err != nil {
		return loadedSpec{}, fmt.Errorf("emulator: decode embedded spec.json: %w", err)
	}
	ls := loadedSpec{version: s.Version, byLower: make(map[string]MethodInfo, len(s.Methods))}
	for name, m := range s.Methods {
		fields := make(map[string]FieldInfo, len(m.Fields))
		for fname, f := range m.Fields {
			fields[fname] = FieldInfo{Required: f.Required, Types: f.Types}
		}
		ls.byLower[strings.ToLower(name)] = MethodInfo{Name: name, Fields: fields}
	}
	return ls, nil
}

// MethodSpec looks a method up case-insensitively, as Telegram does, and
// returns it under its canonical spelling. The result is a copy: callers
// may change it without touching the shared spec.
func MethodSpec(name string) (MethodInfo, bool) {
	ls, err := loadSpec()
	if err != nil {
		return MethodInfo{}, false // TestEmbeddedSpecDecodes reports the cause
	}
	m, ok := ls.byLower[strings.ToLower(name)]
	if !ok {
		return MethodInfo{}, false
	}
	fields := make(map[string]FieldInfo, len(m.Fields))
	for k, f := range m.Fields {
		fields[k] = FieldInfo{Required: f.Required, Types: slices.Clone(f.Types)}
	}
	return MethodInfo{Name: m.Name, Fields: fields}, true
}

// SpecVersion is the Bot API version the embedded spec describes, for
// example "Bot API 10.1"; empty if the embedded spec cannot be read.
func SpecVersion() string {
	ls, err := loadSpec()
	if err != nil {
		return ""
	}
	return ls.version
}
