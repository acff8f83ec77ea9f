package playground

import (
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// sameOrigin refuses a POST that another site could have made the
// visitor's browser send. Two checks, both needed:
//   - the content type must be JSON or multipart: a cross-site page can
//     send multipart from a plain form, but JSON only after a CORS
//     preflight this server never grants;
//   - the browser must say the request comes from this origin: the
//     Sec-Fetch-Site header when it sends one (every current browser),
//     else an Origin whose host is the Host asked for.
//
// A request with neither header is refused too, unlike
// http.CrossOriginProtection, which lets it through as a non-browser
// client: the playground's only client is its own page, and someone
// scripting it with curl can add an Origin header.
func sameOrigin(allowed ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				next.ServeHTTP(w, r)
				return
			}
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || !slices.Contains(allowed, mt) {
				writeError(w, &apiError{Status: http.StatusUnsupportedMediaType, Code: "bad_content_type",
					Message: "expected Content-Type " + strings.Join(allowed, " or ")})
				return
			}
			if !fromSameOrigin(r) {
				writeError(w, &apiError{Status: http.StatusForbidden, Code: "cross_site",
					Message: "refused: the request does not come from the playground's own page"})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func fromSameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin"
	}
	origin := r.Header.Get("Origin")
	if origin == "" || origin == "null" {
		return false
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}
