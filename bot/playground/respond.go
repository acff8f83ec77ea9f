package playground

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

// apiError is a refusal the page can show: Code picks a translated text
// ("playground.error.<code>" when one exists), Message says it in English
// for whoever calls the API by hand.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func badRequest(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Message: fmt.Sprintf(format, args...)}
}

func notFound(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: code, Message: fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.Status, map[string]*apiError{"error": e})
}

// maxJSONBody bounds a JSON request: the longest text is 4096 UTF-16
// units, at most 16 KB of UTF-8 plus escaping.
const maxJSONBody = 64 << 10

// decodeJSON reads one JSON object into dst, refusing unknown fields so
// that a typo in a field name is an error rather than silently ignored.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) *apiError {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: "the request body is larger than 64 KB"}
		}
		return badRequest("bad_json", "the body is not the JSON object expected: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("bad_json", "the body holds more than one JSON value")
	}
	return nil
}

// chatOf resolves the {id} of the URL to a chat of the playground.
func (p *Playground) chatOf(r *http.Request) (*chatRef, *apiError) {
	raw := mux.Vars(r)["id"]
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return nil, notFound("unknown_chat", "no chat %q in the playground", raw)
	}
	c, ok := p.chats[id]
	if !ok {
		return nil, notFound("unknown_chat", "no chat %d in the playground", id)
	}
	return c, nil
}
