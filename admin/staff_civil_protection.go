package admin

import "net/http"

// The civil-protection capability: an editor who may also alert every
// citizen (posts_audience.go). Admins have it by role; operators do not
// publish, so it means nothing for them.
func init() {
	routes = append(routes, route{http.MethodPost, "/admin/staff/{id}/civil-protection", (*Server).staffCivilProtection, adminsOnly})
}

// staffCivilProtection gives or takes the capability to alert everyone.
func (s *Server) staffCivilProtection() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		on := r.PostFormValue("civil_protection") == "1"
		rights, err := s.st.StaffPublishingOf(r.Context(), a.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if rights.CivilProtection == on {
			backToStaff(w, r, a.ID, "saved")
			return
		}
		if err := s.st.SetStaffCivilProtection(r.Context(), a.ID, on); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		me := stateFrom(r).acct
		details := "off"
		if on {
			details = "on"
		}
		s.log.Info("civil protection changed", "account_id", a.ID, "on", on, "by_account_id", me.ID)
		s.audit(r, me, "account.civil_protection", a.Username, details)
		backToStaff(w, r, a.ID, "civil_protection")
	}
}
