package admin

import "net/http"

// The configuration pages (issue 5): admins only, since what they change
// reaches every citizen at once.
func init() {
	pages = append(pages, "config")
	routes = append(routes, route{http.MethodGet, "/admin/config", (*Server).configIndex, adminsOnly})
}

// configLink is one part of the configuration, with a hint of what it
// holds. Zones and staff accounts have pages of their own, built apart.
type configLink struct{ Path, Title, Hint string }

var configLinks = []configLink{
	{"/admin/config/categories", "admin.config.categories_title", "admin.config.categories_hint"},
	{"/admin/config/topics", "admin.config.topics_title", "admin.config.topics_hint"},
	{"/admin/config/zones", "admin.config.link_zones", "admin.config.link_zones_hint"},
	{"/admin/staff", "admin.config.link_staff", "admin.config.link_staff_hint"},
}

// configIndex is where an admin finds what can be configured.
func (s *Server) configIndex() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "config", s.newPage(r, "admin.config.title", configLinks))
	}
}
