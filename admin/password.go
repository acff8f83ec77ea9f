package admin

import (
	"net/http"
	"unicode/utf8"

	"github.com/campanile/campanile/admin/auth"
)

// minPasswordLen is the shortest password a clerk may choose: length
// beats complexity rules, and a passphrase is easy to remember.
const minPasswordLen = 12

type passwordData struct {
	Min   int
	Error string
	Done  bool
}

func (s *Server) passwordForm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "password", s.newPage(r, "admin.password.title", passwordData{Min: minPasswordLen, Done: r.URL.Query().Get("done") == "1"}))
	}
}

// passwordSubmit changes the clerk's password after checking the current
// one, and ends their other sessions: whoever knew the old password is out.
func (s *Server) passwordSubmit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := stateFrom(r)
		p := s.newPage(r, "admin.password.title", nil)
		fail := func(msgID string) {
			p.Data = passwordData{Min: minPasswordLen, Error: p.T(msgID, "Min", minPasswordLen)}
			s.render(w, r, http.StatusBadRequest, "password", p)
		}
		current, next, confirm := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm")
		if ok, _, _ := auth.VerifyPassword(current, st.acct.PasswordHash, s.opt.Password); !ok {
			fail("admin.password.wrong_current")
			return
		}
		switch {
		case utf8.RuneCountInString(next) < minPasswordLen || len(next) > 1000:
			fail("admin.password.too_short")
			return
		case next != confirm:
			fail("admin.password.mismatch")
			return
		case next == current:
			fail("admin.password.same")
			return
		}
		h, err := auth.HashPassword(next, s.opt.Password)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := s.st.SetStaffPassword(ctx, st.acct.ID, h, false); err != nil {
			s.serverError(w, r, err)
			return
		}
		if _, err := s.st.DeleteStaffSessions(ctx, st.acct.ID, st.sess.IDHash); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.audit(r, st.acct, "password.change", st.acct.Username, "")
		http.Redirect(w, r, "/admin/password?done=1", http.StatusSeeOther)
	}
}
