package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/campanile/campanile/store"
)

// staffCreate makes an account with a one-time password, through the same
// function as `campanile admin create`. The password goes to the account's
// page through s.secrets, shown there once; it is never logged nor
// audited.
func (s *Server) staffCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := stateFrom(r)
		username := strings.TrimSpace(r.PostFormValue("username"))
		display := r.PostFormValue("display_name")
		roleText := r.PostFormValue("role")
		v := staffListView{Form: newStaffForm{Username: username, DisplayName: display}, Roles: roleOptions(store.StaffRole(roleText))}
		p := s.newPage(r, "admin.staff.title", nil)
		refuse := func(msg string) {
			v.Error = msg
			s.showStaffList(w, r, http.StatusUnprocessableEntity, v)
		}
		role, ok := store.ParseStaffRole(roleText)
		if !ok {
			v.Roles = roleOptions(store.RoleOperator)
			refuse(p.T("admin.staff.error_role"))
			return
		}
		a, password, err := CreateStaffAccount(ctx, s.st, s.opt.Password, username, display, role)
		switch {
		case errors.Is(err, ErrInvalidUsername):
			refuse(p.T("admin.staff.error_username"))
			return
		case errors.Is(err, ErrInvalidDisplayName):
			refuse(p.T("admin.staff.error_display_name", "Max", maxDisplayNameLen))
			return
		case errors.Is(err, store.ErrUsernameTaken):
			refuse(p.T("admin.staff.error_taken", "Username", username))
			return
		case err != nil:
			s.serverError(w, r, fmt.Errorf("admin: unable to create staff account %s: %w", username, err))
			return
		}
		s.secrets.put(s.st.Now(), st.sess.IDHash, a.ID, password)
		s.log.Info("staff account created", "account_id", a.ID, "role", string(role), "by_account_id", st.acct.ID)
		s.audit(r, st.acct, "account.create", a.Username, "role="+string(role))
		backToStaff(w, r, a.ID, "created")
	}
}
