package admin

import (
	"net/http"
	"strconv"
)

// logoutEverywhere ends every other session of the clerk (a phone left at
// the office, a shared computer), keeping this one.
func (s *Server) logoutEverywhere() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := stateFrom(r)
		n, err := s.st.DeleteStaffSessions(r.Context(), st.acct.ID, st.sess.IDHash)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.audit(r, st.acct, "logout.everywhere", st.acct.Username, "sessions="+strconv.Itoa(n))
		http.Redirect(w, r, "/admin/?ended=1", http.StatusSeeOther)
	}
}
