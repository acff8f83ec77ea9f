package admin

import (
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

const auditPageSize = 50

type auditData struct {
	Entries            []store.AuditEntry
	Total, Page, Pages int
	Prev, Next         int
}

// auditList shows the log of staff actions, newest first, for admins.
func (s *Server) auditList() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pg, _ := strconv.Atoi(r.URL.Query().Get("page"))
		pg = max(pg, 1)
		entries, total, err := s.st.AuditEntries(r.Context(), (pg-1)*auditPageSize, auditPageSize)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d := auditData{Entries: entries, Total: total, Page: pg, Pages: max(1, (total+auditPageSize-1)/auditPageSize)}
		if pg > 1 {
			d.Prev = pg - 1
		}
		if pg < d.Pages {
			d.Next = pg + 1
		}
		s.render(w, r, http.StatusOK, "audit", s.newPage(r, "admin.audit.title", d))
	}
}
