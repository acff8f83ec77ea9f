package admin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

// sessionCookie carries the session id; the store keeps only its hash.
const sessionCookie = "campanile_session"

// touchEvery limits writes of last_seen_at to one a minute per session.
const touchEvery = time.Minute

func hashSessionID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// signedInState is what a request of a signed-in clerk carries.
type signedInState struct {
	acct store.StaffAccount
	sess store.StaffSession
}

type ctxKey struct{}

func stateFrom(r *http.Request) *signedInState {
	st, _ := r.Context().Value(ctxKey{}).(*signedInState)
	return st
}

// startSession creates a fresh session for acct and returns the cookie's
// value. A new id at each sign-in means an id planted before it (session
// fixation) is worthless.
func (s *Server) startSession(ctx context.Context, acct store.StaffAccount, ip, userAgent string) (id string, sess store.StaffSession, err error) {
	id = auth.RandomToken(32)
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	sess, err = s.st.CreateStaffSession(ctx, store.StaffSession{
		IDHash:    hashSessionID(id),
		AccountID: acct.ID,
		CSRFToken: auth.RandomToken(32),
		ExpiresAt: s.st.Now().Add(s.opt.SessionLifetime).Unix(),
		IP:        ip,
		UserAgent: userAgent,
	})
	return id, sess, err
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, id string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: id, Path: "/admin",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.isHTTPS(r),
		MaxAge: int(s.opt.SessionLifetime / time.Second),
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/admin", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.isHTTPS(r),
	})
}

// errNoSession covers every reason a request is not signed in: no cookie,
// an unknown or expired session, a disabled account.
var errNoSession = errors.New("admin: not signed in")

// loadSession finds the live session of the request's cookie and its
// account.
func (s *Server) loadSession(r *http.Request) (*signedInState, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, errNoSession
	}
	ctx := r.Context()
	hash := hashSessionID(c.Value)
	sess, err := s.st.StaffSession(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, err
	}
	now := s.st.Now()
	if now.Unix() >= sess.ExpiresAt || now.Sub(time.Unix(sess.LastSeenAt, 0)) >= s.opt.IdleTimeout {
		_ = s.st.DeleteStaffSession(ctx, hash)
		return nil, errNoSession
	}
	acct, err := s.st.StaffAccount(ctx, sess.AccountID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && acct.Disabled) {
		_ = s.st.DeleteStaffSession(ctx, hash)
		return nil, errNoSession
	}
	if err != nil {
		return nil, err
	}
	if now.Sub(time.Unix(sess.LastSeenAt, 0)) >= touchEvery {
		if err := s.st.TouchStaffSession(ctx, hash); err != nil {
			s.log.Warn("unable to touch session", "account_id", acct.ID, "error", err)
		}
	}
	return &signedInState{acct: acct, sess: sess}, nil
}
