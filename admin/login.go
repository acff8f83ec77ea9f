package admin

import (
	"errors"
	"net/http"
	"strings"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

type loginData struct{ Username, Error string }

func (s *Server) loginForm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if st, err := s.loadSession(r); err == nil && st != nil {
			http.Redirect(w, r, "/admin/", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusOK, "login", s.newPage(r, "admin.login.title", loginData{}))
	}
}

// loginSubmit checks username, password and, when the account has one,
// the TOTP code. Every answer to a wrong guess is the same and costs the
// same time, known username or not. Too many failures and even the right
// password is refused for a while.
func (s *Server) loginSubmit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		username := strings.TrimSpace(r.PostFormValue("username"))
		password := r.PostFormValue("password")
		code := r.PostFormValue("code")
		ip := s.clientIP(r)
		p := s.newPage(r, "admin.login.title", nil)
		fail := func(code int, msgID string) {
			p.Data = loginData{Username: username, Error: p.T(msgID)}
			s.render(w, r, code, "login", p)
		}
		if username == "" || len(username) > 100 || len(password) > 1000 {
			auth.Waste(password, s.opt.Password)
			fail(http.StatusUnauthorized, "admin.login.wrong")
			return
		}
		byUser, byIP, err := s.st.FailedSignIns(ctx, username, ip, throttleWindow)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if byUser >= userMaxFailures || byIP >= ipMaxFailures {
			auth.Waste(password, s.opt.Password)
			s.log.Warn("sign-in throttled", "username", username, "ip", ip)
			w.Header().Set("Retry-After", "900")
			fail(http.StatusTooManyRequests, "admin.login.throttled")
			return
		}
		acct, err := s.st.StaffAccountByUsername(ctx, username)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		ok, rehash := false, false
		if err == nil {
			ok, rehash, err = auth.VerifyPassword(password, acct.PasswordHash, s.opt.Password)
			if err != nil {
				s.log.Error("stored password hash unreadable", "account_id", acct.ID, "error", err)
			}
			ok = ok && !acct.Disabled
			if ok && acct.TOTPSecret != "" && !auth.ValidTOTP(acct.TOTPSecret, code, s.st.Now()) {
				ok = false
			}
		} else {
			auth.Waste(password, s.opt.Password)
		}
		attempt := store.SignInAttempt{Username: username, AccountID: acct.ID, IP: ip, Success: ok}
		if err := s.st.RecordSignIn(ctx, attempt); err != nil {
			s.serverError(w, r, err)
			return
		}
		if !ok {
			s.log.Info("sign-in refused", "username", username, "ip", ip)
			s.auditAs(r, acct.ID, username, "signin.failure", username, "")
			fail(http.StatusUnauthorized, "admin.login.wrong")
			return
		}
		if rehash {
			if h, err := auth.HashPassword(password, s.opt.Password); err == nil {
				_ = s.st.SetStaffPassword(ctx, acct.ID, h, acct.MustChangePassword)
			}
		}
		// A session the browser had before (planted or stale) ends here;
		// the clerk gets a brand-new id.
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			_ = s.st.DeleteStaffSession(ctx, hashSessionID(c.Value))
		}
		id, _, err := s.startSession(ctx, acct, ip, r.UserAgent())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.setSessionCookie(w, r, id)
		s.log.Info("signed in", "account_id", acct.ID, "ip", ip)
		s.audit(r, acct, "signin.success", acct.Username, "")
		to := "/admin/"
		if acct.MustChangePassword {
			to = "/admin/password"
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// auditAs writes an entry for a request without a session (a failed
// sign-in); accountID is 0 for an unknown username.
func (s *Server) auditAs(r *http.Request, accountID int64, actor, action, target, details string) {
	s.audit(r, store.StaffAccount{ID: accountID, Username: actor}, action, target, details)
}
