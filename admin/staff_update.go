package admin

import (
	"net/http"
	"strings"

	"github.com/campanile/campanile/store"
)

// staffUpdate changes an account's display name and role. The new role
// counts from the clerk's next request, since every request reads the
// account afresh. An admin cannot demote themselves here (they would lock
// themselves out of this page), nor anyone demote the last enabled admin.
func (s *Server) staffUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		roleText := r.PostFormValue("role")
		v := staffAccountView{Form: staffForm{DisplayName: r.PostFormValue("display_name"), Role: store.StaffRole(roleText)}, typed: true}
		role, ok := store.ParseStaffRole(roleText)
		if !ok {
			v.Form.Role = a.Role
			s.staffRefused(w, r, a.ID, v, "admin.staff.error_role")
			return
		}
		display, err := CleanDisplayName(v.Form.DisplayName)
		if err != nil {
			s.staffRefused(w, r, a.ID, v, "admin.staff.error_display_name", "Max", maxDisplayNameLen)
			return
		}
		if isSelf(r, a) && role != a.Role {
			msgID, err := s.selfRefusal(r.Context(), "admin.staff.error_self_role")
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.staffRefused(w, r, a.ID, v, msgID)
			return
		}
		if display == a.DisplayName && role == a.Role {
			backToStaff(w, r, a.ID, "saved")
			return
		}
		if err := s.st.UpdateStaffProfile(r.Context(), a.ID, display, role); err != nil {
			s.staffFailed(w, r, a.ID, err, v)
			return
		}
		var changes []string
		if role != a.Role {
			changes = append(changes, "role="+string(a.Role)+"→"+string(role))
		}
		if display != a.DisplayName {
			changes = append(changes, "name changed")
		}
		me := stateFrom(r).acct
		s.log.Info("staff account updated", "account_id", a.ID, "role", string(role), "by_account_id", me.ID)
		s.audit(r, me, "account.update", a.Username, strings.Join(changes, " "))
		backToStaff(w, r, a.ID, "saved")
	}
}
