package admin

import (
	"net/http"

	"github.com/campanile/campanile/admin/svg"
)

// mapText is what the drawn maps say, in the clerk's language.
func (s *Server) mapText(r *http.Request) svg.MapText { return s.mapTextIn(requestLang(r)) }

func (s *Server) mapTextIn(lang string) svg.MapText {
	return svg.MapText{Title: s.cat.T(lang, "admin.map.title", nil), Empty: s.cat.T(lang, "admin.map.empty", nil)}
}
