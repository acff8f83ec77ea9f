package admin

import (
	"net/http"

	"github.com/campanile/campanile/store"
)

// The categories and offices page, and the forms behind it.
func init() {
	pages = append(pages, "config_categories", "config_category", "config_office")
	routes = append(routes,
		route{http.MethodGet, "/admin/config/categories", (*Server).configCategories, adminsOnly},
		// "new" comes before {id}, which would match it.
		route{http.MethodGet, "/admin/config/categories/new", (*Server).configCategoryNew, adminsOnly},
		route{http.MethodPost, "/admin/config/categories/new", (*Server).configCategoryCreate, adminsOnly},
		route{http.MethodGet, "/admin/config/categories/{id}", (*Server).configCategoryEdit, adminsOnly},
		route{http.MethodPost, "/admin/config/categories/{id}", (*Server).configCategoryUpdate, adminsOnly},
		route{http.MethodPost, "/admin/config/categories/{id}/delete", (*Server).configCategoryDelete, adminsOnly},
		route{http.MethodGet, "/admin/config/offices/new", (*Server).configOfficeNew, adminsOnly},
		route{http.MethodPost, "/admin/config/offices/new", (*Server).configOfficeCreate, adminsOnly},
		route{http.MethodGet, "/admin/config/offices/{id}", (*Server).configOfficeEdit, adminsOnly},
		route{http.MethodPost, "/admin/config/offices/{id}", (*Server).configOfficeUpdate, adminsOnly},
		route{http.MethodPost, "/admin/config/offices/{id}/delete", (*Server).configOfficeDelete, adminsOnly},
	)
}

// categoriesPage is where every category and office change returns.
const categoriesPage = "/admin/config/categories"

// categoryNotices are the changes a redirect to the list may name.
var categoryNotices = []string{"category_created", "category_saved", "category_deleted", "office_created", "office_saved", "office_deleted"}

type cfgCategoryRow struct {
	ID, ParentID                   int64
	Sub                            bool
	NameIT, NameEN, NameDE, Office string
	OfficeInherited, Open          bool
	ServiceDays, Position          int
	Reports, Subcategories         int
	// CitizensCannotReach flags an open subcategory under an internal
	// parent: citizens never see the parent, so never this one either.
	CitizensCannotReach bool
}

type cfgOfficeRow struct {
	ID          int64
	Name, Email string
	Categories  int
}

type cfgCategoriesView struct {
	Notice     string
	Categories []cfgCategoryRow
	Offices    []cfgOfficeRow
}

// configCategories lists the categories as citizens' two keyboards show
// them, each top-level one followed by its subcategories, and the offices
// their reports go to.
func (s *Server) configCategories() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		offices, err := s.st.Offices(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		reports, err := s.st.CategoryReportCounts(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		officeName := map[int64]string{}
		for _, o := range offices {
			officeName[o.ID] = o.Name
		}
		usedBy := map[int64]int{}
		v := cfgCategoriesView{Notice: cfgNotice(r, categoryNotices)}
		tops, err := s.st.Categories(ctx, 0, false)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, top := range tops {
			subs, err := s.st.Categories(ctx, top.ID, false)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			row := categoryRow(top, top, officeName, reports)
			row.Subcategories = len(subs)
			v.Categories = append(v.Categories, row)
			usedBy[top.OfficeID]++
			for _, c := range subs {
				v.Categories = append(v.Categories, categoryRow(c, top, officeName, reports))
				usedBy[c.OfficeID]++
			}
		}
		for _, o := range offices {
			v.Offices = append(v.Offices, cfgOfficeRow{ID: o.ID, Name: o.Name, Email: o.Email, Categories: usedBy[o.ID]})
		}
		s.render(w, r, http.StatusOK, "config_categories", s.newPage(r, "admin.config.categories_title", v))
	}
}

// categoryRow is c as the list shows it; parent is c itself for a
// top-level category. A subcategory without an office sends its reports
// to its parent's.
func categoryRow(c, parent store.Category, officeName map[int64]string, reports map[int64]int) cfgCategoryRow {
	row := cfgCategoryRow{ID: c.ID, Sub: c.ParentID != 0, ParentID: c.ParentID, NameIT: c.NameIT, NameEN: c.NameEN, NameDE: c.NameDE,
		Office: officeName[c.OfficeID], Open: c.OpenToCitizens, ServiceDays: c.ServiceDays, Position: c.Position, Reports: reports[c.ID]}
	if c.OfficeID == 0 && row.Sub {
		row.Office, row.OfficeInherited = officeName[parent.OfficeID], true
	}
	row.CitizensCannotReach = row.Sub && c.OpenToCitizens && !parent.OpenToCitizens
	return row
}
