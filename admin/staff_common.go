package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/store"
)

type roleOption struct {
	Code     store.StaffRole
	Selected bool
}

func roleOptions(selected store.StaffRole) []roleOption {
	out := make([]roleOption, 0, len(store.StaffRoles))
	for _, r := range store.StaffRoles {
		out = append(out, roleOption{Code: r, Selected: r == selected})
	}
	return out
}

// staffIDOf reads {id}; a malformed one is as unknown as a missing one.
func staffIDOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	return id, err == nil && id > 0
}

// staffTarget is the account an action on /admin/staff/{id} is about; it
// answers 404 itself when there is none.
func (s *Server) staffTarget(w http.ResponseWriter, r *http.Request) (store.StaffAccount, bool) {
	id, ok := staffIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.staff.not_found")
		return store.StaffAccount{}, false
	}
	a, err := s.st.StaffAccount(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "admin.staff.not_found")
		return a, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return a, false
	}
	return a, true
}

// isSelf tells whether a is the clerk making the request.
func isSelf(r *http.Request, a store.StaffAccount) bool { return stateFrom(r).acct.ID == a.ID }

// backToStaff ends an action with a redirect to the account (POST,
// redirect, GET), naming what was done so that the page can say so and a
// reload does not post twice.
func backToStaff(w http.ResponseWriter, r *http.Request, id int64, done string) {
	http.Redirect(w, r, fmt.Sprintf("/admin/staff/%d?done=%s", id, done), http.StatusSeeOther)
}

// staffRefused answers an action that changed nothing because of what the
// admin asked: the account page again, with the reason (msgID and its
// name, value pairs).
func (s *Server) staffRefused(w http.ResponseWriter, r *http.Request, id int64, v staffAccountView, msgID string, args ...any) {
	v.Error = s.newPage(r, "admin.staff.account_title", nil).T(msgID, args...)
	s.showStaff(w, r, id, http.StatusUnprocessableEntity, v)
}

// staffFailed answers a store error of an action: the account vanished
// (404), it was the last admin (the page with the reason and v's typed
// values), or a fault of ours (500).
func (s *Server) staffFailed(w http.ResponseWriter, r *http.Request, id int64, err error, v staffAccountView) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.renderError(w, r, http.StatusNotFound, "admin.staff.not_found")
	case errors.Is(err, store.ErrLastAdmin):
		s.staffRefused(w, r, id, v, "admin.staff.error_last_admin")
	default:
		s.serverError(w, r, err)
	}
}

// selfRefusal is the reason an admin may not demote or disable their own
// account (selfMsgID), unless they are the last enabled admin: that says
// more, and what to do first.
func (s *Server) selfRefusal(ctx context.Context, selfMsgID string) (string, error) {
	n, err := s.st.EnabledAdminCount(ctx)
	if err != nil {
		return "", err
	}
	if n <= 1 {
		return "admin.staff.error_last_admin", nil
	}
	return selfMsgID, nil
}
