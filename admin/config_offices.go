package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

// The office pages answer under /admin/config/offices and return to the
// categories page, which lists offices with the categories they serve.

type cfgOfficeForm struct {
	ID          int64 // 0 for a new office
	Name, Email string
}

type cfgOfficeView struct {
	Form   cfgOfficeForm
	Errors cfgErrors
	Error  string
	Usage  store.OfficeUsage
}

// Action is where the form posts.
func (v cfgOfficeView) Action() string {
	if v.Form.ID == 0 {
		return "/admin/config/offices/new"
	}
	return "/admin/config/offices/" + strconv.FormatInt(v.Form.ID, 10)
}

func (s *Server) showOfficeForm(w http.ResponseWriter, r *http.Request, code int, v cfgOfficeView) {
	p := s.newPage(r, "admin.config.office_new_title", nil)
	if v.Form.ID != 0 {
		p.Title = p.T("admin.config.office_edit_title", "Name", v.Form.Name)
		var err error
		if v.Usage, err = s.st.OfficeUsageOf(r.Context(), v.Form.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data = v
	s.render(w, r, code, "config_office", p)
}

// officeTarget is the office of /admin/config/offices/{id}; it answers
// 404 itself when there is none.
func (s *Server) officeTarget(w http.ResponseWriter, r *http.Request) (store.Office, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.config.office_not_found")
		return store.Office{}, false
	}
	o, err := s.st.OfficeByID(r.Context(), id)
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.config.office_not_found")
		return o, false
	}
	return o, true
}

func (s *Server) configOfficeNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showOfficeForm(w, r, http.StatusOK, cfgOfficeView{})
	}
}

func (s *Server) configOfficeEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := s.officeTarget(w, r)
		if !ok {
			return
		}
		s.showOfficeForm(w, r, http.StatusOK, cfgOfficeView{Form: cfgOfficeForm{ID: o.ID, Name: o.Name, Email: o.Email}})
	}
}

func (s *Server) configOfficeCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := s.saveOffice(w, r, store.Office{})
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("office created", "office_id", o.ID, "account_id", me.ID)
		s.audit(r, me, "config.office.create", o.Name, fmt.Sprintf("email=%q", o.Email))
		cfgDone(w, r, categoriesPage, "office_created")
	}
}

// configOfficeUpdate renames an office or changes its address; the next
// new report of its categories is mailed to the new one.
func (s *Server) configOfficeUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		old, ok := s.officeTarget(w, r)
		if !ok {
			return
		}
		o, ok := s.saveOffice(w, r, old)
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("office updated", "office_id", o.ID, "account_id", me.ID)
		s.audit(r, me, "config.office.update", o.Name, cfgDiff(cfgChange{"name", old.Name, o.Name}, cfgChange{"email", old.Email, o.Email}))
		cfgDone(w, r, categoriesPage, "office_saved")
	}
}

// saveOffice validates the posted form and creates (old.ID 0) or updates
// the office; a wrong form comes back with the clerk's input and a
// message per field, and changes nothing.
func (s *Server) saveOffice(w http.ResponseWriter, r *http.Request, old store.Office) (store.Office, bool) {
	p := s.newPage(r, "admin.config.office_new_title", nil)
	f := cfgOfficeForm{ID: old.ID, Name: r.PostFormValue("name"), Email: r.PostFormValue("email")}
	var errs cfgErrors
	o := store.Office{ID: old.ID, Name: cleanName(f.Name)}
	switch {
	case o.Name == "":
		errs.add("name", p.T("admin.config.error_name_required"))
	case len([]rune(o.Name)) > cfgNameMax:
		errs.add("name", p.T("admin.config.error_name_long", "Max", cfgNameMax))
	}
	if o.Name != "" {
		// Checked here too, not only by the store, so that one answer
		// names every wrong field.
		offices, err := s.st.Offices(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return o, false
		}
		for _, other := range offices {
			if other.ID != o.ID && sameName(other.Name, o.Name) {
				errs.add("name", p.T("admin.config.error_office_name_taken"))
			}
		}
	}
	var ok bool
	if o.Email, ok = cfgEmail(f.Email); !ok {
		errs.add("email", p.T("admin.config.error_email"))
	}
	if errs == nil {
		var err error
		if old.ID == 0 {
			o, err = s.st.CreateOffice(r.Context(), o)
		} else {
			o, err = s.st.UpdateOffice(r.Context(), o)
		}
		switch {
		case errors.Is(err, store.ErrOfficeNameTaken):
			errs.add("name", p.T("admin.config.error_office_name_taken"))
		case err != nil:
			s.configLookupFailed(w, r, err, "admin.config.office_not_found")
			return o, false
		}
	}
	if errs != nil {
		s.showOfficeForm(w, r, http.StatusUnprocessableEntity, cfgOfficeView{Form: f, Errors: errs})
		return o, false
	}
	return o, true
}

// configOfficeDelete removes an office nothing uses. One that categories,
// assigned reports or operators point at stays: deleting it would leave
// their reports reaching no one.
func (s *Server) configOfficeDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := s.officeTarget(w, r)
		if !ok {
			return
		}
		err := s.st.DeleteOffice(r.Context(), o.ID)
		var inUse *store.OfficeInUseError
		if errors.As(err, &inUse) {
			p := s.newPage(r, "admin.config.office_new_title", nil)
			msg := cfgRefusal(p, "admin.config.error_office_in_use", []cfgCount{{"admin.config.error_office_categories", inUse.Categories},
				{"admin.config.error_office_reports", inUse.Reports}, {"admin.config.error_office_staff", inUse.Staff}}, "admin.config.error_office_reassign")
			s.showOfficeForm(w, r, http.StatusConflict, cfgOfficeView{Form: cfgOfficeForm{ID: o.ID, Name: o.Name, Email: o.Email}, Error: msg})
			return
		}
		if err != nil {
			s.configLookupFailed(w, r, err, "admin.config.office_not_found")
			return
		}
		me := stateFrom(r).acct
		s.log.Info("office deleted", "office_id", o.ID, "account_id", me.ID)
		s.audit(r, me, "config.office.delete", o.Name, fmt.Sprintf("email=%q", o.Email))
		cfgDone(w, r, categoriesPage, "office_deleted")
	}
}
