// Package specgen reads the machine-readable Bot API description
// (shared/telegram/api.json) and reduces it to the compact spec the
// emulator embeds. It lives in its own package so that the generator
// command, the emulator's staleness test and emutest's conformance
// checker all read api.json through one definition of its shape.
package specgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// File is the subset of api.json this project reads.
type File struct {
	Version     string            `json:"version"`
	ReleaseDate string            `json:"release_date"`
	Methods     map[string]Object `json:"methods"`
	Types       map[string]Object `json:"types"`
}

// Object is a method or a type: both are a named list of fields. Types
// that are unions (InputMedia, BotCommandScope, ...) list Subtypes instead.
type Object struct {
	Name      string   `json:"name"`
	Fields    []Field  `json:"fields"`
	Subtypes  []string `json:"subtypes"`
	SubtypeOf []string `json:"subtype_of"`
}

// Field is one parameter of a method or one key of a type. Types holds
// alternatives such as "Integer", "InputFile" or "Array of MessageEntity".
type Field struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`
}

// Decode parses api.json and checks the few facts everything else relies on.
func Decode(data []byte) (*File, error) {
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("specgen: decode api.json: %w", err)
	}
	if len(f.Methods) == 0 {
		return nil, fmt.Errorf("specgen: api.json lists no methods")
	}
	for key, m := range f.Methods {
		for _, fl := range m.Fields {
			if fl.Name == "" || len(fl.Types) == 0 {
				return nil, fmt.Errorf("specgen: method %s has a field without name or types", key)
			}
		}
	}
	return &f, nil
}

// Spec is the compact form embedded by the emulator: per method, which
// fields exist, which are required and what they may hold.
type Spec struct {
	Version     string                `json:"version"`
	ReleaseDate string                `json:"release_date,omitempty"`
	Methods     map[string]SpecMethod `json:"methods"`
}

// SpecMethod lists a method's fields by name.
type SpecMethod struct {
	Fields map[string]SpecField `json:"fields"`
}

// SpecField says whether a field is required and which types it accepts.
type SpecField struct {
	Required bool     `json:"required"`
	Types    []string `json:"types"`
}

// Compact reduces a decoded api.json to the embedded spec. Methods are
// keyed by their canonical name (the "name" field, falling back to the key).
func Compact(f *File) Spec {
	s := Spec{Version: f.Version, ReleaseDate: f.ReleaseDate, Methods: make(map[string]SpecMethod, len(f.Methods))}
	for key, m := range f.Methods {
		name := m.Name
		if name == "" {
			name = key
		}
		fields := make(map[string]SpecField, len(m.Fields))
		for _, fl := range m.Fields {
			fields[fl.Name] = SpecField{Required: fl.Required, Types: slices.Clone(fl.Types)}
		}
		s.Methods[name] = SpecMethod{Fields: fields}
	}
	return s
}

// Encode writes the spec with one method per line: small enough to embed,
// and a Bot API upgrade shows up in review as a readable per-method diff.
func Encode(s Spec) ([]byte, error) {
	var buf bytes.Buffer
	head, err := json.Marshal(struct {
		Version     string `json:"version"`
		ReleaseDate string `json:"release_date,omitempty"`
	}{s.Version, s.ReleaseDate})
	if err != nil {
		return nil, fmt.Errorf("specgen: encode version: %w", err)
	}
	buf.Write(head[:len(head)-1]) // reopen the object to append "methods"
	buf.WriteString(",\n\"methods\": {\n")
	names := make([]string, 0, len(s.Methods))
	for name := range s.Methods {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		line, err := json.Marshal(s.Methods[name])
		if err != nil {
			return nil, fmt.Errorf("specgen: encode method %s: %w", name, err)
		}
		key, _ := json.Marshal(name) // a string always marshals
		buf.Write(key)
		buf.WriteString(": ")
		buf.Write(line)
		if i < len(names)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("}}\n")
	return buf.Bytes(), nil
}

// Generate turns the bytes of api.json into the bytes of spec.json.
func Generate(apiJSON []byte) ([]byte, error) {
	f, err := Decode(apiJSON)
	if err != nil {
		return nil, err
	}
	return Encode(Compact(f))
}
