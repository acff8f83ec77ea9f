package admin

import "net/http"

// The staff accounts pages (issue 5): admins only, since whoever manages
// accounts can give themselves any power.
func init() {
	pages = append(pages, "staff", "staff_account")
	routes = append(routes,
		route{http.MethodGet, "/admin/staff", (*Server).staffList, adminsOnly},
		route{http.MethodPost, "/admin/staff", (*Server).staffCreate, adminsOnly},
		route{http.MethodGet, "/admin/staff/{id}", (*Server).staffShow, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}", (*Server).staffUpdate, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}/scope", (*Server).staffScope, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}/disable", (*Server).staffDisable, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}/enable", (*Server).staffEnable, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}/password", (*Server).staffResetPassword, adminsOnly},
		route{http.MethodPost, "/admin/staff/{id}/totp-off", (*Server).staffTOTPOff, adminsOnly},
	)
}
