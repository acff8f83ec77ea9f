package emulator

import (
	"maps"
	"strings"
	"time"
)

// Request is one API call as the emulator saw it.
type Request struct {
	Method string            // canonical name, e.g. "sendMessage"
	Params map[string]string // every non-file field as its raw string
	Files  []string          // names of the file parts
	Status int               // HTTP status answered
	Time   time.Time
}

// requestLog keeps the most recent requests.
type requestLog struct {
	items []Request
	max   int
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.items = append(s.requests.items, r)
	// Trim in chunks so that a full log does not copy on every call.
	if len(s.requests.items) > s.requests.max+s.requests.max/4 {
		s.requests.items = append([]Request(nil), s.requests.items[len(s.requests.items)-s.requests.max:]...)
	}
	s.touchLocked() // WaitFor conditions on the log
}

// Requests returns the logged calls, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	items := s.requests.items
	if len(items) > s.requests.max {
		items = items[len(items)-s.requests.max:]
	}
	out := make([]Request, len(items))
	for i, r := range items {
		r.Params = maps.Clone(r.Params)
		r.Files = append([]string(nil), r.Files...)
		out[i] = r
	}
	return out
}

// RequestsFor returns the logged calls of one method (case-insensitive).
func (s *Server) RequestsFor(method string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if strings.EqualFold(r.Method, method) {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.items = nil
}

// injection is a queued failure.
type injection struct {
	method string // lower case; "" for any sending method
	times  int
	err    apiError
}

// InjectError makes the next times calls of method fail with that error
// (retryAfter > 0 adds parameters.retry_after). An empty method matches
// any method that sends or edits messages. Injections are used in the
// order they were made.
func (s *Server) InjectError(method string, times int, code int, description string, retryAfter int) {
	if times <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.injected = append(s.injected, injection{method: strings.ToLower(method), times: times,
		err: apiError{code: code, description: description, retryAfter: retryAfter}})
}

// takeInjected consumes the first injection that matches method.
func (s *Server) takeInjected(method string) *apiError {
	lower := strings.ToLower(method)
	counted := isCounted(method)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.injected {
		in := &s.injected[i]
		if in.method != lower && !(in.method == "" && counted) {
			continue
		}
		e := in.err
		in.times--
		if in.times <= 0 {
			s.injected = append(s.injected[:i:i], s.injected[i+1:]...)
		}
		return &e
	}
	return nil
}

// SetDown makes every call answer 502 with an HTML page, like a reverse
// proxy whose Bot API upstream is gone.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}
