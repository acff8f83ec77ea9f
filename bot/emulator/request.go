package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"strings"
)

// Telegram accepts uploads of up to 50 MB from bots; a form field is
// never legitimately larger than a few kilobytes of JSON.
const (
	maxUploadBytes = 50 << 20
	maxFieldBytes  = 1 << 20
	maxParts       = 1000
)

// upload is one file part of a multipart request.
type upload struct {
	field       string
	filename    string
	contentType string
	data        []byte
}

// params is a parsed request: every non-file field as its raw string
// (JSON values keep their JSON text), and the uploaded files by field name.
type params struct {
	values map[string]string
	files  map[string]*upload
	order  []string // file field names in arrival order
}

// parseRequest reads a Bot API request the way Telegram does: query string
// and body together, the body being multipart/form-data,
// application/x-www-form-urlencoded or application/json. It never panics,
// whatever the input.
func parseRequest(contentType string, query url.Values, body io.Reader) (*params, *apiError) {
	p := &params{values: map[string]string{}, files: map[string]*upload{}}
	for k, v := range query {
		if len(v) > 0 {
			p.values[k] = v[0]
		}
	}
	if body == nil {
		return p, nil
	}
	mediaType, mparams, err := mime.ParseMediaType(contentType)
	if err != nil {
		// No or unreadable content type: Telegram reads only the query.
		return p, nil
	}
	switch strings.ToLower(mediaType) {
	case "multipart/form-data":
		return p, p.readMultipart(body, mparams["boundary"])
	case "application/x-www-form-urlencoded":
		data, err := io.ReadAll(io.LimitReader(body, maxUploadBytes))
		if err != nil {
			return p, badRequest("can't read request body")
		}
		form, err := url.ParseQuery(string(data))
		if err != nil {
			return p, badRequest("can't parse URL encoded request body")
		}
		for k, v := range form {
			if len(v) > 0 {
				p.values[k] = v[0]
			}
		}
	case "application/json":
		return p, p.readJSON(body)
	}
	return p, nil
}

func (p *params) readMultipart(body io.Reader, boundary string) *apiError {
	if boundary == "" {
		return badRequest("can't parse multipart/form-data request: boundary is missing")
	}
	mr := multipart.NewReader(body, boundary)
	var total int64
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			// Also the empty body that go-telegram/bot sends, with a
			// multipart content type, for methods without parameters.
			return nil
		}
		if err != nil {
			return badRequest("can't parse multipart/form-data request")
		}
		if n >= maxParts {
			return badRequest("too many parts in multipart/form-data request")
		}
		name := part.FormName()
		limit := int64(maxFieldBytes)
		if part.FileName() != "" {
			limit = maxUploadBytes - total
		}
		data, err := io.ReadAll(io.LimitReader(part, limit+1))
		_ = part.Close()
		if err != nil {
			return badRequest("can't parse multipart/form-data request")
		}
		if int64(len(data)) > limit {
			return &apiError{code: 413, description: "Request Entity Too Large"}
		}
		if name == "" {
			continue
		}
		if part.FileName() != "" {
			total += int64(len(data))
			if _, dup := p.files[name]; !dup {
				p.order = append(p.order, name)
			}
			p.files[name] = &upload{field: name, filename: part.FileName(), contentType: part.Header.Get("Content-Type"), data: data}
			continue
		}
		p.values[name] = string(data)
	}
}

func (p *params) readJSON(body io.Reader) *apiError {
	data, err := io.ReadAll(io.LimitReader(body, maxUploadBytes))
	if err != nil {
		return badRequest("can't read request body")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return badRequest("can't parse JSON object")
	}
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
			continue
		case raw[0] == '"':
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return badRequest("can't parse JSON object")
			}
			p.values[k] = s
		default:
			p.values[k] = string(raw)
		}
	}
	return nil
}

// get returns a field, "" when absent.
func (p *params) get(name string) string { return p.values[name] }

// has reports whether a field or a file part of that name was sent.
func (p *params) has(name string) bool {
	if v, ok := p.values[name]; ok && v != "" {
		return true
	}
	_, ok := p.files[name]
	return ok
}

// fileNames lists the file parts, for the request log.
func (p *params) fileNames() []string { return append([]string(nil), p.order...) }
