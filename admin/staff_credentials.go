package admin

import "net/http"

// staffResetPassword gives an account a new one-time password, shown once
// on the account's page, and ends its sessions. An admin changes their
// own password on /admin/password, which asks for the current one.
func (s *Server) staffResetPassword() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		if isSelf(r, a) {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_self_password")
			return
		}
		password, hash, err := IssueOneTimePassword(s.opt.Password)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := s.st.ResetStaffPassword(r.Context(), a.ID, hash); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		st := stateFrom(r)
		s.secrets.put(s.st.Now(), st.sess.IDHash, a.ID, password)
		s.log.Info("staff password reset", "account_id", a.ID, "by_account_id", st.acct.ID)
		s.audit(r, st.acct, "account.password_reset", a.Username, "")
		backToStaff(w, r, a.ID, "password")
	}
}

// staffTOTPOff turns two-factor sign-in off for a clerk who lost their
// phone, and ends their sessions; they sign in with the password and may
// set two-factor up again. An admin turns off their own on /admin/totp,
// which asks for a current code.
func (s *Server) staffTOTPOff() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		if isSelf(r, a) {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_self_totp")
			return
		}
		if a.TOTPSecret == "" {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_totp_off")
			return
		}
		if err := s.st.ClearStaffTOTP(r.Context(), a.ID); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		me := stateFrom(r).acct
		s.log.Info("staff two-factor turned off", "account_id", a.ID, "by_account_id", me.ID)
		s.audit(r, me, "account.totp_off", a.Username, "")
		backToStaff(w, r, a.ID, "totp")
	}
}
