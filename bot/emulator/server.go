package emulator

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server is the emulated Bot API. It implements http.Handler; all its
// methods are safe for concurrent use.
type Server struct {
	opts Options
	log  *slog.Logger
	bot  UserInfo

	// ctx ends at Close, stopping webhook delivery and long polls.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	changed chan struct{} // closed and replaced at every state change

	users      map[int64]*User
	chats      map[int64]*chat
	files      map[string]*storedFile
	filePaths  map[string]*storedFile
	fileSeq    int
	queries    map[string]*pendingQuery
	querySeq   int64
	commands   map[string][]botCommand
	albumSeq   int64
	limiter    *limiter
	updates    updateQueue
	webhook    webhookState
	events     eventLog
	requests   requestLog
	injected   []injection
	down       bool
	closed     bool
	pollTicket int64
	pollCancel chan struct{} // closed to terminate the running getUpdates
}

// New builds a server. Call Close when done with it.
func New(opts Options) *Server {
	opts = opts.withDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts:      opts,
		log:       opts.Logger,
		bot:       UserInfo{ID: opts.BotID, IsBot: true, FirstName: opts.BotName, Username: opts.BotUsername},
		ctx:       ctx,
		cancel:    cancel,
		changed:   make(chan struct{}),
		users:     map[int64]*User{},
		chats:     map[int64]*chat{},
		files:     map[string]*storedFile{},
		filePaths: map[string]*storedFile{},
		queries:   map[string]*pendingQuery{},
		commands:  map[string][]botCommand{},
		updates:   newUpdateQueue(opts.FirstUpdateID),
	}
	if !opts.NoLimits {
		s.limiter = newLimiter(opts.Limits)
	}
	s.requests.max = opts.MaxRequests
	s.events.max = opts.MaxEvents
	return s
}

// Token is the token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// BotUser is the bot's own User object, as getMe returns it.
func (s *Server) BotUser() UserInfo { return s.bot }

// Close stops webhook delivery and releases pending long polls. The
// server still answers API calls afterwards.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.stopWebhookLocked()
	s.touchLocked()
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
}

// ServeHTTP routes /bot<token>/<method> and /file/bot<token>/<path>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		writeError(w, errNotFound)
		return
	}
	token, method, _ := strings.Cut(rest, "/")
	method = strings.TrimPrefix(method, "test/") // the library's test environment
	s.serveAPI(w, r, token, method)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, token, method string) {
	start := s.opts.Now()
	entry, known := lookupMethod(method)
	name := method
	if known {
		name = entry.name
	} else if spec, ok := MethodSpec(method); ok {
		name = spec.Name
	}
	// Uploads are capped by part in parseRequest; this caps the whole body.
	body := http.MaxBytesReader(w, r.Body, maxUploadBytes+maxFieldBytes*10)
	p, perr := parseRequest(r.Header.Get("Content-Type"), r.URL.Query(), body)
	if p == nil {
		p = &params{values: map[string]string{}, files: map[string]*upload{}}
	}
	status := s.answer(w, r, token, name, entry, known, p, perr)
	s.record(Request{Method: name, Params: p.values, Files: p.fileNames(), Status: status, Time: start})
	s.log.Debug("bot api call", "method", name, "status", status, "duration_ms", time.Since(start).Milliseconds())
}

// answer applies, in Telegram's order, the checks every call goes
// through, then the method itself; it returns the HTTP status written.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, token, name string, entry methodEntry, known bool, p *params, perr *apiError) int {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		return writeBadGateway(w)
	}
	if token != s.opts.Token {
		return writeError(w, errUnauthorized)
	}
	if !known {
		if _, inSpec := MethodSpec(name); inSpec {
			return writeError(w, badRequest("method %s is not supported by the emulator", name))
		}
		return writeError(w, errNotFound)
	}
	if perr != nil {
		return writeError(w, perr)
	}
	if e := s.takeInjected(name); e != nil {
		return writeError(w, e)
	}
	if e := checkRequired(name, p); e != nil {
		return writeError(w, e)
	}
	result, e := entry.fn(s, &call{ctx: r.Context(), method: name, p: p})
	if e != nil {
		return writeError(w, e)
	}
	return writeResult(w, result)
}

// touchLocked wakes everyone waiting for a change. Callers hold s.mu.
func (s *Server) touchLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) now() time.Time { return s.opts.Now() }
