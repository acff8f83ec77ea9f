package admin

import (
	"net/http"
	"slices"

	"github.com/campanile/campanile/store"
)

// section is a part of the admin the home page links to, for the roles
// that may open it. Some are built in later steps of issue 5.
type section struct {
	Path, Title, Hint string
	roles             []store.StaffRole
}

var sections = []section{
	{"/admin/reports", "admin.section.reports", "admin.section.reports_hint", reportStaff},
	{"/admin/posts", "admin.section.alerts", "admin.section.alerts_hint", postStaff},
	{"/admin/waste", "admin.section.waste", "admin.section.waste_hint", wasteStaff},
	{"/admin/stats", "admin.section.stats", "admin.section.stats_hint", []store.StaffRole{store.RoleAdmin, store.RoleEditor}},
	{"/admin/config", "admin.section.config", "admin.section.config_hint", adminsOnly},
	{"/admin/staff", "admin.section.staff", "admin.section.staff_hint", adminsOnly},
	{"/admin/audit", "admin.section.audit", "admin.section.audit_hint", adminsOnly},
}

type dashboardData struct {
	Sections    []section
	SignIns     []store.SignInAttempt
	EndedOthers bool
}

// dashboard is the clerk's home: where they may go, and their recent
// sign-ins, so that one they do not recognise stands out.
func (s *Server) dashboard() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := stateFrom(r)
		signins, err := s.st.RecentSignIns(r.Context(), st.acct.ID, 10)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d := dashboardData{SignIns: signins, EndedOthers: r.URL.Query().Get("ended") == "1"}
		for _, sec := range sections {
			if slices.Contains(sec.roles, st.acct.Role) {
				d.Sections = append(d.Sections, sec)
			}
		}
		s.render(w, r, http.StatusOK, "dashboard", s.newPage(r, "admin.dashboard.title", d))
	}
}
