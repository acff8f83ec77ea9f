// Package mailer delivers the mail outbox over SMTP: every email the
// flows decide (a new report for its office, ...) is a row in the store
// until an SMTP server has accepted it, so a server that is down, slow or
// misconfigured delays mail but never loses it.
package mailer

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Config is how to reach the SMTP server.
type Config struct {
	// URL is smtp://user:pass@host:587 (STARTTLS required) or
	// smtps://user:pass@host:465 (TLS from the first byte). A local relay
	// without TLS needs smtp://host:25?starttls=off. User and password are
	// optional; when given they are sent with AUTH PLAIN, only over TLS or
	// to the local machine.
	URL string
	// From is the sender, with an optional display name:
	// "Comune di Esempio <segnalazioni@comune.example.it>".
	From string
	// HelloName is the name given in EHLO; the machine's host name when
	// empty.
	HelloName string
	// Timeout bounds one SMTP conversation; 30 s when zero.
	Timeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before retrying a mail
	// after a transient failure: MinBackoff, doubling each time, at most
	// MaxBackoff. 30 s and 1 h when zero; tests make them short.
	MinBackoff, MaxBackoff time.Duration
	// RootCAs verifies the server's certificate; the system's roots when
	// nil. For tests, and for servers with a certificate of a private CA.
	RootCAs *x509.CertPool
}

// server is the parsed URL.
type server struct {
	implicitTLS bool // smtps://
	startTLS    bool // smtp:// unless ?starttls=off
	host        string
	addr        string // host:port
	user, pass  string
	display     string // the URL with the password hidden, for logs and errors
}

func (s server) auth() bool { return s.user != "" }

var helloName = regexp.MustCompile(`^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$`)

// withDefaults validates cfg and fills in what was left out.
func (cfg Config) withDefaults() (Config, server, *mail.Address, error) {
	srv, err := parseURL(cfg.URL)
	if err != nil {
		return cfg, server{}, nil, err
	}
	if strings.TrimSpace(cfg.From) == "" {
		return cfg, server{}, nil, errors.New("mailer: no sender address (From) given")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return cfg, server{}, nil, fmt.Errorf("mailer: invalid sender address %q: %w", cfg.From, err)
	}
	if cfg.HelloName == "" {
		if h, err := os.Hostname(); err == nil && helloName.MatchString(h) {
			cfg.HelloName = h
		} else {
			cfg.HelloName = "localhost"
		}
	}
	if !helloName.MatchString(cfg.HelloName) {
		return cfg, server{}, nil, fmt.Errorf("mailer: invalid EHLO name %q: use a host name", cfg.HelloName)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = 30 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = time.Hour
	}
	cfg.MaxBackoff = max(cfg.MaxBackoff, cfg.MinBackoff)
	return cfg, srv, from, nil
}

// parseURL reads an SMTP URL. Its errors show the URL with the password
// replaced, since they end up in logs and on the operator's terminal.
func parseURL(raw string) (server, error) {
	raw = strings.TrimSpace(raw)
	display := redactURL(raw)
	bad := func(format string, args ...any) (server, error) {
		return server{}, fmt.Errorf("mailer: invalid SMTP URL %s: %s", display, fmt.Sprintf(format, args...))
	}
	if raw == "" {
		return server{}, errors.New("mailer: no SMTP URL given")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse quotes the whole URL, password included: report the
		// error of the redacted URL, or blame the part we hid.
		var uerr *url.Error
		if _, rerr := url.Parse(display); errors.As(rerr, &uerr) {
			return bad("%v", uerr.Err)
		}
		return bad("the user or password does not parse: characters such as @ : / ? # %% in them must be %%-escaped")
	}
	var srv server
	switch u.Scheme {
	case "smtp":
		srv.startTLS = true
	case "smtps":
		srv.implicitTLS = true
	default:
		return bad("the scheme must be smtp:// (with STARTTLS) or smtps:// (TLS), not %q", u.Scheme)
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return bad("no host: write it as %s://host:port", u.Scheme)
	}
	if u.Path != "" && u.Path != "/" || u.Fragment != "" {
		return bad("a path or fragment has no meaning here (in a password, / ? # must be %%-escaped)")
	}
	srv.host = u.Hostname()
	port := u.Port()
	if port == "" {
		port = map[bool]string{true: "465", false: "587"}[srv.implicitTLS]
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return bad("invalid port %q", port)
	}
	srv.addr = net.JoinHostPort(srv.host, port)
	if err := parseQuery(u, &srv); err != nil {
		return bad("%v", err)
	}
	if u.User != nil {
		srv.user = u.User.Username()
		srv.pass, _ = u.User.Password()
		switch {
		case srv.user == "":
			return bad("a password without a user")
		case srv.pass == "":
			return bad("a user without a password")
		case !srv.implicitTLS && !srv.startTLS && !loopback(srv.host):
			return bad("the password would travel unencrypted: drop ?starttls=off or the credentials")
		}
	}
	srv.display = u.Redacted()
	return srv, nil
}

func parseQuery(u *url.URL, srv *server) error {
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fmt.Errorf("the query does not parse: %v", err)
	}
	var unknown []string
	for key := range q {
		if key != "starttls" {
			unknown = append(unknown, key)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown parameter %s (only starttls=off is understood)", strings.Join(unknown, ", "))
	}
	if v, ok := q["starttls"]; ok {
		if len(v) != 1 || !strings.EqualFold(v[0], "off") {
			return fmt.Errorf("starttls can only be turned off (starttls=off), not set to %q", strings.Join(v, ","))
		}
		if srv.implicitTLS {
			return errors.New("starttls=off has no meaning with smtps://, which is always TLS")
		}
		srv.startTLS = false
	}
	return nil
}

// loopback tells the names that never leave the machine, the only ones
// net/smtp sends a password to without TLS.
func loopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// redactURL hides the password of a URL that may not even parse, by
// hand: everything between the user's ":" and the last "@".
func redactURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		// Not even a scheme: hide whatever may be a user and password.
		if at := strings.LastIndex(raw, "@"); at >= 0 {
			return "xxxxx" + raw[at:]
		}
		return raw
	}
	// The last "@" anywhere, not only in the authority: an unescaped / ?
	// or # in the password would otherwise hide it in a path.
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return raw
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return raw
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}
