package admin

import (
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// reportReply answers the citizen from the admin: the same road as a
// reply in the staff group, delivered to the chat through the outbox.
func (s *Server) reportReply() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		text := r.PostFormValue("text")
		var number string
		err := s.actInScope(r, id, store.PriorityReply, func(tx *store.Store, e *flows.Engine) ([]flows.Message, error) {
			rep, err := tx.ReportByID(r.Context(), id)
			if err != nil {
				return nil, err
			}
			number = rep.Number
			return e.ReplyToReport(r.Context(), tx, id, staffAuthor(r), text)
		})
		if err != nil {
			s.actionFailed(w, r, id, err, reportView{Reply: text})
			return
		}
		s.log.Info("report replied", "report_id", id, "account_id", stateFrom(r).acct.ID)
		s.audit(r, stateFrom(r).acct, "report.reply", number, "")
		backToReport(w, r, id, "reply")
	}
}
