package admin

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/campanile/campanile/store"
)

// scopeOption is one checkbox of the offices or categories an operator
// serves.
type scopeOption struct {
	ID      int64
	Name    string
	Sub     bool // a subcategory, shown under its parent
	Checked bool
}

// staffForm is what the admin typed in the profile form, kept after a
// refusal so that nothing has to be typed again.
type staffForm struct {
	DisplayName string
	Role        store.StaffRole
}

type staffAccountView struct {
	A                   store.StaffAccount
	Self, Operator      bool
	Created             string
	LastSignIn, LastIP  string
	Form                staffForm
	typed               bool // Form holds what the admin typed
	Roles               []roleOption
	Offices, Categories []scopeOption
	CivilProtection     bool   // may alert everyone (staff_civil_protection.go)
	Password            string // a one-time password, on the one page that shows it
	PasswordGone        bool   // the page that showed it was reloaded
	NoticeID, Error     string
}

// staffNotices are the actions a redirect may name in ?done=.
var staffNotices = []string{"created", "saved", "scope", "disabled", "enabled", "password", "totp", "civil_protection"}

// staffShow is one account with everything an admin may change about it.
func (s *Server) staffShow() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := staffIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.staff.not_found")
			return
		}
		v := staffAccountView{}
		done := r.URL.Query().Get("done")
		if slices.Contains(staffNotices, done) {
			v.NoticeID = "admin.staff.done_" + done
		}
		if pw, ok := s.secrets.take(s.st.Now(), stateFrom(r).sess.IDHash, id); ok {
			v.Password = pw
		} else if done == "created" || done == "password" {
			v.PasswordGone = true
		}
		s.showStaff(w, r, id, http.StatusOK, v)
	}
}

// showStaff renders the account page with v's notice, error, password and
// typed values: the page every staff action ends on.
func (s *Server) showStaff(w http.ResponseWriter, r *http.Request, id int64, code int, v staffAccountView) {
	ctx := r.Context()
	a, err := s.st.StaffAccount(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "admin.staff.not_found")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "admin.staff.account_title", nil)
	if err := s.fillStaffView(ctx, p.Lang, a, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Self = isSelf(r, a)
	p.Title = p.T("admin.staff.account_heading", "Username", a.Username)
	p.Data = v
	s.render(w, r, code, "staff_account", p)
}

func (s *Server) fillStaffView(ctx context.Context, lang string, a store.StaffAccount, v *staffAccountView) error {
	v.A = a
	v.Created = romeTime(a.CreatedAt)
	last, err := s.st.LastStaffSignIn(ctx, a.ID)
	switch {
	case err == nil:
		v.LastSignIn, v.LastIP = romeTime(last.At), last.IP
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if !v.typed {
		v.Form = staffForm{DisplayName: a.DisplayName, Role: a.Role}
	}
	v.Roles = roleOptions(v.Form.Role)
	rights, err := s.st.StaffPublishingOf(ctx, a.ID)
	if err != nil {
		return err
	}
	v.CivilProtection = rights.CivilProtection
	v.Operator = a.Role == store.RoleOperator
	if !v.Operator {
		return nil
	}
	sc, err := s.st.StaffScopeOf(ctx, a.ID)
	if err != nil {
		return err
	}
	names, err := s.loadReportNames(ctx, lang)
	if err != nil {
		return err
	}
	for _, o := range names.officeList {
		v.Offices = append(v.Offices, scopeOption{ID: o.ID, Name: o.Name, Checked: slices.Contains(sc.OfficeIDs, o.ID)})
	}
	for _, c := range names.catList {
		v.Categories = append(v.Categories, scopeOption{ID: c.ID, Name: names.category(c.ID), Sub: c.ParentID != 0, Checked: slices.Contains(sc.CategoryIDs, c.ID)})
	}
	return nil
}
