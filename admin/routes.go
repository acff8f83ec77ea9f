package admin

import (
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/store"
)

// public marks a route anyone may open without signing in. Every other
// route names the roles that may open it; a route with neither does not
// register.
var public = []store.StaffRole{"public"}

var (
	everyone   = []store.StaffRole{store.RoleAdmin, store.RoleEditor, store.RoleOperator}
	adminsOnly = []store.StaffRole{store.RoleAdmin}
	// reportStaff handle citizens' reports: admins all of them, operators
	// those of their scope (report_scope.go).
	reportStaff = []store.StaffRole{store.RoleAdmin, store.RoleOperator}
)

// route is one line of the table below.
type route struct {
	method, path string
	handler      func(*Server) http.HandlerFunc
	roles        []store.StaffRole
}

// routes is the one place that lists every route of the web side and who
// may open it. Tests walk it, so a new line is tested for every role.
var routes = []route{
	{http.MethodGet, "/healthz", (*Server).healthHandler, public},
	{http.MethodGet, "/admin/static/admin.css", (*Server).cssHandler, public},
	{http.MethodGet, "/admin/login", (*Server).loginForm, public},
	{http.MethodPost, "/admin/login", (*Server).loginSubmit, public},
	{http.MethodPost, "/admin/logout", (*Server).logout, everyone},
	{http.MethodPost, "/admin/logout-everywhere", (*Server).logoutEverywhere, everyone},
	{http.MethodGet, "/admin/password", (*Server).passwordForm, everyone},
	{http.MethodPost, "/admin/password", (*Server).passwordSubmit, everyone},
	{http.MethodGet, "/admin/", (*Server).dashboard, everyone},
	{http.MethodGet, "/admin/totp", (*Server).totpForm, everyone},
	{http.MethodPost, "/admin/totp", (*Server).totpSubmit, everyone},
	{http.MethodGet, "/admin/audit", (*Server).auditList, adminsOnly},
	// The exports come before /admin/reports/{id}, which would match them.
	{http.MethodGet, "/admin/reports", (*Server).reportsList, reportStaff},
	{http.MethodGet, "/admin/reports/export.csv", (*Server).reportsExportCSV, reportStaff},
	{http.MethodGet, "/admin/reports/export.xlsx", (*Server).reportsExportXLSX, reportStaff},
	{http.MethodGet, "/admin/reports/{id}", (*Server).reportShow, reportStaff},
	{http.MethodPost, "/admin/reports/{id}/status", (*Server).reportStatus, reportStaff},
	{http.MethodPost, "/admin/reports/{id}/reply", (*Server).reportReply, reportStaff},
	{http.MethodPost, "/admin/reports/{id}/note", (*Server).reportNote, reportStaff},
	{http.MethodPost, "/admin/reports/{id}/duplicate", (*Server).reportDuplicate, reportStaff},
	{http.MethodGet, "/admin/reports/{id}/photos/{n}", (*Server).reportPhoto, reportStaff},
}

// registerRoutes adds the table to r, each handler wrapped in what its
// roles require. It panics on a route that does not say who may open it.
func registerRoutes(r *mux.Router, s *Server) {
	for _, rt := range routes {
		r.Handle(rt.path, s.wrap(rt)).Methods(methodsOf(rt.method)...)
	}
	r.Handle("/admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently)).Methods(http.MethodGet)
}

func methodsOf(m string) []string {
	if m == http.MethodGet {
		return []string{http.MethodGet, http.MethodHead}
	}
	return []string{m}
}

func (s *Server) wrap(rt route) http.Handler {
	if len(rt.roles) == 0 {
		panic(fmt.Sprintf("admin: route %s %s does not say which roles may open it", rt.method, rt.path))
	}
	h := rt.handler(s)
	if isPublic(rt.roles) {
		return s.secure(s.publicOnly(h))
	}
	return s.secure(s.signedIn(rt.roles, h))
}

func isPublic(roles []store.StaffRole) bool { return len(roles) == 1 && roles[0] == public[0] }
