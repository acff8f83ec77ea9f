package admin

import "net/http"

// staffDisable stops an account from signing in and ends its sessions at
// once: a clerk who left the comune is out on their next click. Not for
// the admin's own account, nor for the last enabled admin.
func (s *Server) staffDisable() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		if isSelf(r, a) {
			msgID, err := s.selfRefusal(r.Context(), "admin.staff.error_self_disable")
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.staffRefused(w, r, a.ID, staffAccountView{}, msgID)
			return
		}
		if a.Disabled {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_already_disabled")
			return
		}
		if err := s.st.SetStaffDisabled(r.Context(), a.ID, true); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		me := stateFrom(r).acct
		s.log.Info("staff account disabled", "account_id", a.ID, "by_account_id", me.ID)
		s.audit(r, me, "account.disable", a.Username, "")
		backToStaff(w, r, a.ID, "disabled")
	}
}

// staffEnable lets a disabled account sign in again, with the password
// and two-factor it had.
func (s *Server) staffEnable() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		if !a.Disabled {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_already_enabled")
			return
		}
		if err := s.st.SetStaffDisabled(r.Context(), a.ID, false); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		me := stateFrom(r).acct
		s.log.Info("staff account enabled", "account_id", a.ID, "by_account_id", me.ID)
		s.audit(r, me, "account.enable", a.Username, "")
		backToStaff(w, r, a.ID, "enabled")
	}
}
