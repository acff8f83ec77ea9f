package admin

import (
	"net/http"
	"slices"

	"github.com/campanile/campanile/store"
)

// wasteStaff keep the waste calendar: admins, and editors (the ufficio
// ambiente), who write what citizens read but do not handle reports.
var wasteStaff = []store.StaffRole{store.RoleAdmin, store.RoleEditor}

// The waste calendar's pages. "new" comes before {n}, which would match it.
func init() {
	pages = append(pages, "waste", "waste_zone", "waste_rule", "waste_exception", "waste_import", "waste_import_preview")
	routes = append(routes,
		route{http.MethodGet, "/admin/waste", (*Server).wasteHome, wasteStaff},
		route{http.MethodPost, "/admin/waste/ecocentro", (*Server).wasteEcocentroSave, wasteStaff},
		route{http.MethodGet, "/admin/waste/export.csv", (*Server).wasteExport, wasteStaff},
		route{http.MethodGet, "/admin/waste/import", (*Server).wasteImportForm, wasteStaff},
		route{http.MethodPost, "/admin/waste/import", (*Server).wasteImportUpload, wasteStaff},
		route{http.MethodPost, "/admin/waste/import/confirm", (*Server).wasteImportConfirm, wasteStaff},
		route{http.MethodGet, "/admin/waste/zones/{id}", (*Server).wasteZone, wasteStaff},
		route{http.MethodGet, "/admin/waste/zones/{id}/rules/new", (*Server).wasteRuleNew, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/rules/new", (*Server).wasteRuleCreate, wasteStaff},
		route{http.MethodGet, "/admin/waste/zones/{id}/rules/{n}", (*Server).wasteRuleEdit, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/rules/{n}", (*Server).wasteRuleUpdate, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/rules/{n}/delete", (*Server).wasteRuleDelete, wasteStaff},
		route{http.MethodGet, "/admin/waste/zones/{id}/exceptions/new", (*Server).wasteExceptionNew, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/exceptions/new", (*Server).wasteExceptionCreate, wasteStaff},
		route{http.MethodGet, "/admin/waste/zones/{id}/exceptions/{n}", (*Server).wasteExceptionEdit, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/exceptions/{n}", (*Server).wasteExceptionUpdate, wasteStaff},
		route{http.MethodPost, "/admin/waste/zones/{id}/exceptions/{n}/delete", (*Server).wasteExceptionDelete, wasteStaff},
	)
}

// wasteHomePath is where the calendar's changes that concern no single
// zone return.
const wasteHomePath = "/admin/waste"

// wasteHomeNotices are the outcomes a redirect to the home may name.
var wasteHomeNotices = []string{"ecocentro", "imported"}

type wasteZoneRow struct {
	ID                int64
	Name              string
	Rules, Exceptions int
}

type wasteHomeView struct {
	Zones                []wasteZoneRow
	Ecocentro            ecocentroForm
	Errors               cfgErrors
	Notice               string // a message id
	AddressMax, HoursMax int
}

// wasteHome lists the zones with the size of their calendars, the
// ecocentro's details and the ways in and out (CSV, dictionary).
func (s *Server) wasteHome() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := wasteHomeView{}
		if done := r.URL.Query().Get("done"); slices.Contains(wasteHomeNotices, done) {
			v.Notice = "admin.waste.done_" + done
		}
		f, err := s.ecocentroStored(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Ecocentro = f
		s.showWasteHome(w, r, http.StatusOK, v)
	}
}

// showWasteHome renders the home with v's notice or the ecocentro form's
// errors: the page a refused ecocentro form falls back to.
func (s *Server) showWasteHome(w http.ResponseWriter, r *http.Request, code int, v wasteHomeView) {
	ctx := r.Context()
	zones, err := s.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	usage, err := s.st.ZoneUsages(ctx, store.ZoneKindZone)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, z := range zones {
		u := usage[z.ID]
		v.Zones = append(v.Zones, wasteZoneRow{ID: z.ID, Name: z.Name, Rules: u.WasteRules, Exceptions: u.WasteExceptions})
	}
	v.AddressMax, v.HoursMax = ecocentroAddressMax, ecocentroHoursMax
	s.render(w, r, code, "waste", s.newPage(r, "admin.waste.title", v))
}
