package admin

import (
	"net/http"

	"github.com/campanile/campanile/admin/auth"
)

type totpData struct {
	Enabled          bool
	Secret, Key, URL string
	Error            string
}

// totpForm shows, when two-factor is off, a fresh secret as a setup key
// and an otpauth URL; the clerk confirms with a code from their app.
func (s *Server) totpForm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "totp", s.newPage(r, "admin.totp.title", s.totpData(r, auth.NewTOTPSecret())))
	}
}

func (s *Server) totpData(r *http.Request, secret string) totpData {
	st := stateFrom(r)
	if st.acct.TOTPSecret != "" {
		return totpData{Enabled: true}
	}
	return totpData{Secret: secret, Key: auth.GroupKey(secret), URL: auth.TOTPURL(s.opt.Issuer, st.acct.Username, secret)}
}

// totpSubmit turns two-factor on (the secret shown, confirmed by a code)
// or off (confirmed by a current code).
func (s *Server) totpSubmit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := stateFrom(r)
		code := r.PostFormValue("code")
		now := s.st.Now()
		p := s.newPage(r, "admin.totp.title", nil)
		switch r.PostFormValue("action") {
		case "enable":
			secret := r.PostFormValue("secret")
			if st.acct.TOTPSecret != "" {
				http.Redirect(w, r, "/admin/totp", http.StatusSeeOther)
				return
			}
			if len(secret) < 16 || !auth.ValidTOTP(secret, code, now) {
				d := s.totpData(r, secret)
				if len(secret) < 16 {
					d = s.totpData(r, auth.NewTOTPSecret())
				}
				d.Error = p.T("admin.totp.wrong_code")
				p.Data = d
				s.render(w, r, http.StatusBadRequest, "totp", p)
				return
			}
			if err := s.st.SetStaffTOTP(ctx, st.acct.ID, secret); err != nil {
				s.serverError(w, r, err)
				return
			}
			s.audit(r, st.acct, "totp.enable", st.acct.Username, "")
		case "disable":
			if st.acct.TOTPSecret == "" {
				http.Redirect(w, r, "/admin/totp", http.StatusSeeOther)
				return
			}
			if !auth.ValidTOTP(st.acct.TOTPSecret, code, now) {
				p.Data = totpData{Enabled: true, Error: p.T("admin.totp.wrong_code")}
				s.render(w, r, http.StatusBadRequest, "totp", p)
				return
			}
			if err := s.st.SetStaffTOTP(ctx, st.acct.ID, ""); err != nil {
				s.serverError(w, r, err)
				return
			}
			s.audit(r, st.acct, "totp.disable", st.acct.Username, "")
		default:
			s.renderError(w, r, http.StatusBadRequest, "admin.error.bad_request")
			return
		}
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
	}
}
