package admin

import (
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// reportStatus moves a report along its lifecycle, as the staff group's
// buttons do: the citizen and the followers hear of it through the outbox.
func (s *Server) reportStatus() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		to := r.PostFormValue("status")
		var from, number string
		err := s.actInScope(r, id, store.PriorityNotice, func(tx *store.Store, e *flows.Engine) ([]flows.Message, error) {
			rep, err := tx.ReportByID(r.Context(), id)
			if err != nil {
				return nil, err
			}
			from, number = rep.Status, rep.Number
			return e.ChangeReportStatus(r.Context(), tx, id, to, staffAuthor(r))
		})
		if err != nil {
			s.actionFailed(w, r, id, err, reportView{})
			return
		}
		s.log.Info("report status changed", "report_id", id, "from", from, "to", to, "account_id", stateFrom(r).acct.ID)
		s.audit(r, stateFrom(r).acct, "report.status", number, from+" → "+to)
		backToReport(w, r, id, "status")
	}
}
