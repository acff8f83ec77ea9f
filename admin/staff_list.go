package admin

import (
	"net/http"

	"github.com/campanile/campanile/store"
)

type staffRow struct {
	store.StaffOverview
	LastSignIn string
	Self       bool
}

// newStaffForm is what the admin typed in the "new account" form, kept
// after a refusal.
type newStaffForm struct {
	Username, DisplayName string
}

type staffListView struct {
	Rows    []staffRow
	Form    newStaffForm
	Roles   []roleOption
	Pattern string // usernamePattern for the browser's own check
	Error   string
}

// staffList shows every account with what an admin checks at a glance:
// role, two-factor, disabled, and when and where it last signed in.
func (s *Server) staffList() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showStaffList(w, r, http.StatusOK, staffListView{Roles: roleOptions(store.RoleOperator)})
	}
}

// showStaffList renders the list with the new account form as v holds it.
func (s *Server) showStaffList(w http.ResponseWriter, r *http.Request, code int, v staffListView) {
	list, err := s.st.StaffOverviews(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	me := stateFrom(r).acct.ID
	for _, o := range list {
		v.Rows = append(v.Rows, staffRow{StaffOverview: o, LastSignIn: romeTime(o.LastSignInAt), Self: o.ID == me})
	}
	v.Pattern = usernameHTMLPattern
	s.render(w, r, code, "staff", s.newPage(r, "admin.staff.title", v))
}
