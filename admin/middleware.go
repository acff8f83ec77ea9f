package admin

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"github.com/campanile/campanile/store"
)

// secure sets the headers every answer carries. The policy allows no
// inline script or style and nothing from elsewhere.
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// publicOnly guards a route open without a session: a form posted to it
// must still come from our own pages.
func (s *Server) publicOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !safeMethod(r.Method) && !s.sameOrigin(r) {
			s.forbidden(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// signedIn lets through a clerk of one of roles with a live session, and
// for a change of state only with the session's CSRF token. A clerk who
// must choose a new password sees nothing else until they do.
func (s *Server) signedIn(roles []store.StaffRole, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := s.loadSession(r)
		if err != nil {
			if !errors.Is(err, errNoSession) {
				s.serverError(w, r, err)
				return
			}
			if safeMethod(r.Method) {
				http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
				return
			}
			s.renderError(w, r, http.StatusUnauthorized, "admin.error.signed_out")
			return
		}
		if !safeMethod(r.Method) {
			// The form is read here, for its token, before any handler: cap
			// it first, so a huge upload costs neither memory nor disk.
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := parseForm(r); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					s.renderError(w, r, http.StatusRequestEntityTooLarge, "admin.error.too_large")
					return
				}
				s.renderError(w, r, http.StatusBadRequest, "admin.error.bad_request")
				return
			}
			token := r.PostFormValue("csrf")
			if !s.sameOrigin(r) || subtle.ConstantTimeCompare([]byte(token), []byte(st.sess.CSRFToken)) != 1 {
				s.log.Warn("refused a form without a valid csrf token", "account_id", st.acct.ID, "path", r.URL.Path)
				s.forbidden(w, r)
				return
			}
		}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
		if !slices.Contains(roles, st.acct.Role) {
			s.forbidden(w, r)
			return
		}
		if st.acct.MustChangePassword && r.URL.Path != "/admin/password" && r.URL.Path != "/admin/logout" {
			if safeMethod(r.Method) {
				http.Redirect(w, r, "/admin/password", http.StatusSeeOther)
				return
			}
			s.forbidden(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// maxFormBytes bounds any form sent to the admin: the largest is a zones
// file (5 MB) sent back whole with its preview's confirmation.
const maxFormBytes = 16 << 20

// parseForm reads a urlencoded or multipart form, keeping at most 8 MB of
// files in memory (the rest goes to temporary files, removed by net/http).
func parseForm(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(8 << 20)
	}
	return r.ParseForm()
}

func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// sameOrigin checks what browsers say about where a form came from, when
// they say it: Sec-Fetch-Site, and Origin against the Host asked for.
func (s *Server) sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	host := r.Host
	if fh := r.Header.Get("X-Forwarded-Host"); fh != "" && s.fromTrustedProxy(r) {
		host = fh
	}
	return strings.EqualFold(u.Host, host)
}

func remoteAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err == nil {
		return ap.Addr().Unmap()
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.opt.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (s *Server) fromTrustedProxy(r *http.Request) bool { return s.trusted(remoteAddr(r)) }

// clientIP is the address of the browser: the connection's, or, behind a
// trusted proxy, the nearest address in X-Forwarded-For that is not one of
// our proxies.
func (s *Server) clientIP(r *http.Request) string {
	a := remoteAddr(r)
	if !s.trusted(a) {
		return a.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = h.Unmap()
		if !s.trusted(a) {
			break
		}
	}
	return a.String()
}

// isHTTPS tells whether the browser reached us over https, directly or
// through a trusted proxy: then the cookie is marked Secure.
func (s *Server) isHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.fromTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusForbidden, "admin.error.forbidden")
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("admin request failed", "path", r.URL.Path, "error", err)
	s.renderError(w, r, http.StatusInternalServerError, "admin.error.internal")
}

// audit writes an entry and logs (never fails the request) when it cannot.
func (s *Server) audit(r *http.Request, acct store.StaffAccount, action, target, details string) {
	actor := acct.Username
	e := store.AuditEntry{AccountID: acct.ID, Actor: actor, Action: action, Target: target, Details: details, IP: s.clientIP(r)}
	if err := s.st.AppendAudit(r.Context(), e); err != nil {
		s.log.Error("unable to write audit entry", "action", action, "error", err)
	}
}
