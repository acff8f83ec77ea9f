package admin

import "net/http"

// logout ends this browser's session.
func (s *Server) logout() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := stateFrom(r)
		if err := s.st.DeleteStaffSession(r.Context(), st.sess.IDHash); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.audit(r, st.acct, "logout", st.acct.Username, "")
		s.clearSessionCookie(w, r)
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
	}
}
