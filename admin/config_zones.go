package admin

import (
	"context"
	"html/template"
	"net/http"
	"slices"

	"github.com/campanile/campanile/admin/svg"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// The zones (quartieri) and the comune's boundary: admins only, since a
// new file changes where every new report lands and which waste calendar
// a citizen sees.
func init() {
	pages = append(pages, "config_zones", "config_zones_preview")
	routes = append(routes,
		route{http.MethodGet, "/admin/config/zones", (*Server).configZones, adminsOnly},
		route{http.MethodPost, "/admin/config/zones/upload", (*Server).configZonesUpload, adminsOnly},
		route{http.MethodPost, "/admin/config/zones/confirm", (*Server).configZonesConfirm, adminsOnly},
		route{http.MethodGet, "/admin/config/zones/zones.geojson", (*Server).configZonesDownload, adminsOnly},
		route{http.MethodGet, "/admin/config/zones/boundary.geojson", (*Server).configBoundaryDownload, adminsOnly},
	)
}

// Map sizes in pixels; CSS scales the drawing down on a phone.
const zonesMapWidth, zonesMapHeight = 640, 480

// zonesDone are the outcomes a redirect may name in ?done=.
var zonesDone = []string{store.ZoneKindZone, store.ZoneKindBoundary}

type zoneRow struct {
	Name       string
	Usage      store.ZoneUsage
	Unreadable bool
}

type zonesView struct {
	Map      template.HTML
	Zones    []zoneRow
	Boundary []zoneRow
	Notice   string // a message id
	Error    string // a translated message
	MaxMB    int
	// NameProps are the properties that name a zone, for the form's help.
	NameProps string
}

// configZones shows the map, the zones with what refers to them, the
// downloads and the two upload forms.
func (s *Server) configZones() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := zonesView{}
		if done := r.URL.Query().Get("done"); slices.Contains(zonesDone, done) {
			v.Notice = "admin.zones.done_" + done
		}
		s.showZones(w, r, http.StatusOK, v)
	}
}

// showZones renders the zones page with v's notice or error: the page a
// refused upload falls back to.
func (s *Server) showZones(w http.ResponseWriter, r *http.Request, code int, v zonesView) {
	ctx := r.Context()
	var areas []svg.Area
	var err error
	if v.Boundary, areas, err = s.zoneRows(ctx, store.ZoneKindBoundary, areas); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Zones, areas, err = s.zoneRows(ctx, store.ZoneKindZone, areas); err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Map = svg.Map(areas, nil, zonesMapWidth, zonesMapHeight, s.mapText(r))
	v.MaxMB = maxZoneFileBytes >> 20
	v.NameProps = quotedList(flows.ZoneNameProperties)
	s.render(w, r, code, "config_zones", s.newPage(r, "admin.zones.title", v))
}

// zoneRows lists the stored zones of a kind with their usage, and adds
// the readable ones to the map's areas.
func (s *Server) zoneRows(ctx context.Context, kind string, areas []svg.Area) ([]zoneRow, []svg.Area, error) {
	zones, err := s.st.Zones(ctx, kind)
	if err != nil {
		return nil, nil, err
	}
	usage, err := s.st.ZoneUsages(ctx, kind)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]zoneRow, 0, len(zones))
	for _, z := range zones {
		row := zoneRow{Name: z.Name, Usage: usage[z.ID]}
		if shape, err := flows.ParseArea(z.GeoJSON); err == nil {
			areas = append(areas, svg.Area{Name: z.Name, Shape: shape, Boundary: kind == store.ZoneKindBoundary})
		} else {
			// A shape stored before uploads were checked: named on the
			// page so an admin replaces it, not a failed page.
			s.log.Warn("zone not drawn", "zone_id", z.ID, "error", err)
			row.Unreadable = true
		}
		rows = append(rows, row)
	}
	return rows, areas, nil
}

// quotedList writes names as "a", "b", "c" for a help text.
func quotedList(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += `"` + n + `"`
	}
	return out
}
