package admin

import (
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// reportNote records a note staff keep for themselves; nothing is sent.
func (s *Server) reportNote() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		text := r.PostFormValue("text")
		var number string
		err := s.actInScope(r, id, store.PriorityNotice, func(tx *store.Store, e *flows.Engine) ([]flows.Message, error) {
			rep, err := tx.ReportByID(r.Context(), id)
			if err != nil {
				return nil, err
			}
			number = rep.Number
			return nil, e.AddInternalNote(r.Context(), tx, id, staffAuthor(r), text)
		})
		if err != nil {
			s.actionFailed(w, r, id, err, reportView{Note: text})
			return
		}
		s.audit(r, stateFrom(r).acct, "report.note", number, "")
		backToReport(w, r, id, "note")
	}
}
