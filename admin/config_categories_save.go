package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

// configCategoryNew is the empty form; ?parent= preselects the parent, as
// the list's "add a subcategory" links do.
func (s *Server) configCategoryNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := cfgCategoryForm{Open: "1", ServiceDays: "30"}
		if id, ok := cfgOptionalID(r.URL.Query().Get("parent")); ok {
			f.Parent = idText(id)
		}
		s.showCategoryForm(w, r, http.StatusOK, cfgCategoryView{Form: f})
	}
}

func (s *Server) configCategoryEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.categoryTarget(w, r)
		if !ok {
			return
		}
		s.showCategoryForm(w, r, http.StatusOK, cfgCategoryView{Form: categoryFormOf(c)})
	}
}

// configCategoryCreate adds a category; citizens see it at their next tap
// when it is open to them.
func (s *Server) configCategoryCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.saveCategory(w, r, store.Category{})
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("category created", "category_id", c.ID, "account_id", me.ID)
		s.audit(r, me, "config.category.create", c.Slug, fmt.Sprintf("name_it=%q parent=%d office=%d open=%t service_days=%d position=%d",
			c.NameIT, c.ParentID, c.OfficeID, c.OpenToCitizens, c.ServiceDays, c.Position))
		cfgDone(w, r, categoriesPage, "category_created")
	}
}

func (s *Server) configCategoryUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		old, ok := s.categoryTarget(w, r)
		if !ok {
			return
		}
		c, ok := s.saveCategory(w, r, old)
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("category updated", "category_id", c.ID, "account_id", me.ID)
		s.audit(r, me, "config.category.update", c.Slug, cfgDiff(
			cfgChange{"name_it", old.NameIT, c.NameIT}, cfgChange{"name_en", old.NameEN, c.NameEN}, cfgChange{"name_de", old.NameDE, c.NameDE},
			cfgChange{"parent", idText(old.ParentID), idText(c.ParentID)}, cfgChange{"office", idText(old.OfficeID), idText(c.OfficeID)},
			cfgChange{"open", strconv.FormatBool(old.OpenToCitizens), strconv.FormatBool(c.OpenToCitizens)},
			cfgChange{"service_days", strconv.Itoa(old.ServiceDays), strconv.Itoa(c.ServiceDays)},
			cfgChange{"position", strconv.Itoa(old.Position), strconv.Itoa(c.Position)}))
		cfgDone(w, r, categoriesPage, "category_saved")
	}
}

// saveCategory validates the posted form and creates (old.ID 0) or
// updates the category. When the form is wrong it answers with the form,
// the clerk's input and a message per field, and reports false: nothing
// changed.
func (s *Server) saveCategory(w http.ResponseWriter, r *http.Request, old store.Category) (store.Category, bool) {
	ctx := r.Context()
	p := s.newPage(r, "admin.config.category_new_title", nil)
	c, f, errs := parseCategoryForm(p, r, old.ID)
	f.Slug = old.Slug
	if err := s.checkCategorySiblings(ctx, p, c, &errs); err != nil {
		s.serverError(w, r, err)
		return c, false
	}
	if errs == nil {
		var err error
		if old.ID == 0 {
			c, err = s.st.CreateCategory(ctx, c)
		} else {
			c, err = s.st.UpdateCategory(ctx, c)
		}
		switch {
		case errors.Is(err, store.ErrCategoryParent):
			errs.add("parent", p.T("admin.config.error_parent"))
		case errors.Is(err, store.ErrCategoryNesting):
			errs.add("parent", p.T("admin.config.error_nesting"))
		case errors.Is(err, store.ErrUnknownOffice):
			errs.add("office", p.T("admin.config.error_office"))
		case err != nil:
			s.configLookupFailed(w, r, err, "admin.config.category_not_found")
			return c, false
		}
	}
	if errs != nil {
		s.showCategoryForm(w, r, http.StatusUnprocessableEntity, cfgCategoryView{Form: f, Errors: errs})
		return c, false
	}
	return c, true
}

// configCategoryDelete removes a category nothing uses. One that past
// reports or subcategories point at stays, and the clerk is told why and
// what to do instead: make it internal, so citizens no longer see it.
func (s *Server) configCategoryDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.categoryTarget(w, r)
		if !ok {
			return
		}
		err := s.st.DeleteCategory(r.Context(), c.ID)
		var inUse *store.CategoryInUseError
		if errors.As(err, &inUse) {
			p := s.newPage(r, "admin.config.category_new_title", nil)
			// Hiding it is what the clerk usually wants: an internal
			// category (and its subcategories) leaves the citizens' picker.
			tail := "admin.config.error_category_make_internal"
			if !c.OpenToCitizens {
				tail = "admin.config.error_category_already_internal"
			}
			msg := cfgRefusal(p, "admin.config.error_category_in_use", []cfgCount{
				{"admin.config.error_category_reports", inUse.Reports}, {"admin.config.error_category_subcategories", inUse.Subcategories}}, tail)
			s.showCategoryForm(w, r, http.StatusConflict, cfgCategoryView{Form: categoryFormOf(c), Error: msg})
			return
		}
		if err != nil {
			s.configLookupFailed(w, r, err, "admin.config.category_not_found")
			return
		}
		me := stateFrom(r).acct
		s.log.Info("category deleted", "category_id", c.ID, "account_id", me.ID)
		s.audit(r, me, "config.category.delete", c.Slug, fmt.Sprintf("name_it=%q", c.NameIT))
		cfgDone(w, r, categoriesPage, "category_deleted")
	}
}
