package admin

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

// The publishing pages (issue 6). /admin/posts/new comes before
// /admin/posts/{id}, which would not match it anyway ({id} is a number by
// postIDOf) but reads clearer in this order.
func init() {
	pages = append(pages, "posts", "post_form", "post", "post_confirm")
	routes = append(routes,
		route{http.MethodGet, "/admin/posts", (*Server).postsList, postStaff},
		route{http.MethodGet, "/admin/posts/new", (*Server).postNew, postStaff},
		route{http.MethodPost, "/admin/posts", (*Server).postCreate, postStaff},
		route{http.MethodGet, "/admin/posts/{id}", (*Server).postShow, postStaff},
		route{http.MethodGet, "/admin/posts/{id}/edit", (*Server).postEdit, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/edit", (*Server).postUpdate, postStaff},
		route{http.MethodGet, "/admin/posts/{id}/media", (*Server).postMedia, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/send", (*Server).postSend, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/schedule", (*Server).postSchedule, postStaff},
		route{http.MethodGet, "/admin/posts/{id}/confirm", (*Server).postConfirm, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/cancel", (*Server).postCancel, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/stop", (*Server).postStop, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/send-to-me", (*Server).postSendToMe, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/link-code", (*Server).postLinkCode, postStaff},
		route{http.MethodPost, "/admin/posts/{id}/alert-update", (*Server).postAlertUpdate, postStaff},
	)
}

// postIDOf reads {id}; a malformed one is as unknown as a missing one.
func postIDOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	return id, err == nil && id > 0
}
