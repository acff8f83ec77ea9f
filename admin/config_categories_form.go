package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/campanile/campanile/store"
)

// cfgCategoryForm is the category form as the clerk filled it in, kept as
// typed so that a refused form comes back with their input.
type cfgCategoryForm struct {
	ID                     int64 // 0 for a new category
	Slug                   string
	NameIT, NameEN, NameDE string
	Parent, Office, Open   string
	ServiceDays, Position  string
}

type cfgCategoryView struct {
	Form    cfgCategoryForm
	Errors  cfgErrors
	Error   string // a refusal of the whole form, such as a delete
	Parents []idOption
	Offices []idOption
	Usage   store.CategoryUsage
}

// Action is where the form posts.
func (v cfgCategoryView) Action() string {
	if v.Form.ID == 0 {
		return categoriesPage + "/new"
	}
	return categoriesPage + "/" + strconv.FormatInt(v.Form.ID, 10)
}

func categoryFormOf(c store.Category) cfgCategoryForm {
	f := cfgCategoryForm{ID: c.ID, Slug: c.Slug, NameIT: c.NameIT, NameEN: c.NameEN, NameDE: c.NameDE,
		Parent: idText(c.ParentID), Office: idText(c.OfficeID), Open: "0",
		ServiceDays: strconv.Itoa(c.ServiceDays), Position: strconv.Itoa(c.Position)}
	if c.OpenToCitizens {
		f.Open = "1"
	}
	return f
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// parseCategoryForm reads the posted form into a category with id, and
// the message of every field that is wrong.
func parseCategoryForm(p page, r *http.Request, id int64) (store.Category, cfgCategoryForm, cfgErrors) {
	names := cfgNamesOf(r)
	f := cfgCategoryForm{ID: id, NameIT: names.IT, NameEN: names.EN, NameDE: names.DE,
		Parent: r.PostFormValue("parent"), Office: r.PostFormValue("office"), Open: r.PostFormValue("open"),
		ServiceDays: r.PostFormValue("service_days"), Position: r.PostFormValue("position")}
	var errs cfgErrors
	names = names.clean(p, &errs)
	c := store.Category{ID: id, NameIT: names.IT, NameEN: names.EN, NameDE: names.DE}
	var ok bool
	if c.ParentID, ok = cfgOptionalID(f.Parent); !ok {
		errs.add("parent", p.T("admin.config.error_parent"))
	}
	if c.OfficeID, ok = cfgOptionalID(f.Office); !ok {
		errs.add("office", p.T("admin.config.error_office"))
	}
	switch f.Open {
	case "1":
		c.OpenToCitizens = true
	case "0":
	default:
		errs.add("open", p.T("admin.config.error_open"))
	}
	days, err := strconv.Atoi(strings.TrimSpace(f.ServiceDays))
	if err != nil || days < 1 || days > cfgServiceDaysMax {
		errs.add("service_days", p.T("admin.config.error_service_days", "Max", cfgServiceDaysMax))
	}
	c.ServiceDays = days
	c.Position = cfgPosition(p, f.Position, &errs)
	return c, f, errs
}

// checkCategorySiblings refuses a name another category of the same level
// has: citizens would see two identical buttons.
func (s *Server) checkCategorySiblings(ctx context.Context, p page, c store.Category, errs *cfgErrors) error {
	if c.NameIT == "" || (*errs)["parent"] != "" {
		return nil
	}
	siblings, err := s.st.Categories(ctx, c.ParentID, false)
	if err != nil {
		return err
	}
	for _, o := range siblings {
		if o.ID != c.ID && sameName(o.NameIT, c.NameIT) {
			errs.add("name_it", p.T("admin.config.error_name_taken"))
		}
	}
	return nil
}

// showCategoryForm renders the new or edit form of v with its choices: a
// parent is a top-level category other than the one edited; offices are
// all of them.
func (s *Server) showCategoryForm(w http.ResponseWriter, r *http.Request, code int, v cfgCategoryView) {
	ctx := r.Context()
	p := s.newPage(r, "admin.config.category_new_title", nil)
	if v.Form.ID != 0 {
		p.Title = p.T("admin.config.category_edit_title", "Name", v.Form.NameIT)
	}
	tops, err := s.st.Categories(ctx, 0, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range tops {
		if c.ID != v.Form.ID {
			v.Parents = append(v.Parents, idOption{c.ID, c.Name(p.Lang), idText(c.ID) == strings.TrimSpace(v.Form.Parent)})
		}
	}
	offices, err := s.st.Offices(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, o := range offices {
		v.Offices = append(v.Offices, idOption{o.ID, o.Name, idText(o.ID) == strings.TrimSpace(v.Form.Office)})
	}
	if v.Form.ID != 0 {
		if v.Usage, err = s.st.CategoryUsageOf(ctx, v.Form.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data = v
	s.render(w, r, code, "config_category", p)
}

// categoryTarget is the category of /admin/config/categories/{id}; it
// answers 404 itself when there is none.
func (s *Server) categoryTarget(w http.ResponseWriter, r *http.Request) (store.Category, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.config.category_not_found")
		return store.Category{}, false
	}
	c, err := s.st.CategoryByID(r.Context(), id)
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.config.category_not_found")
		return c, false
	}
	return c, true
}
