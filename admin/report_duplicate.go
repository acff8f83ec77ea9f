package admin

import (
	"errors"
	"net/http"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// errUnknownNumber is a duplicate of a number no report has.
var errUnknownNumber = errors.New("admin: unknown report number")

// reportDuplicate closes a report as a copy of another, named by its
// number as clerks quote it; its citizen starts following the other one.
// Both must be in the clerk's scope: a number outside it is answered as
// one that does not exist.
func (s *Server) reportDuplicate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		ofNumber := strings.TrimSpace(r.PostFormValue("of"))
		sc, err := s.scopeOf(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var number string
		err = s.act(r.Context(), store.PriorityNotice, func(tx *store.Store, e *flows.Engine) ([]flows.Message, error) {
			if err := checkScope(r.Context(), tx, sc, id); err != nil {
				return nil, err
			}
			rep, err := tx.ReportByID(r.Context(), id)
			if err != nil {
				return nil, err
			}
			number = rep.Number
			of, err := tx.ReportByNumber(r.Context(), ofNumber)
			if errors.Is(err, store.ErrNotFound) {
				return nil, errUnknownNumber
			}
			if err != nil {
				return nil, err
			}
			err = checkScope(r.Context(), tx, sc, of.ID)
			if errors.Is(err, store.ErrNotFound) {
				return nil, errUnknownNumber
			}
			if err != nil {
				return nil, err
			}
			return e.MarkDuplicate(r.Context(), tx, id, of.ID, staffAuthor(r))
		})
		if errors.Is(err, errUnknownNumber) {
			p := s.newPage(r, "admin.report.title", nil)
			s.showReport(w, r, id, http.StatusUnprocessableEntity, reportView{Of: ofNumber, Error: p.T("admin.report.error_unknown_number", "Number", ofNumber)})
			return
		}
		if err != nil {
			s.actionFailed(w, r, id, err, reportView{Of: ofNumber})
			return
		}
		s.log.Info("report marked duplicate", "report_id", id, "of", ofNumber, "account_id", stateFrom(r).acct.ID)
		s.audit(r, stateFrom(r).acct, "report.duplicate", number, ofNumber)
		backToReport(w, r, id, "duplicate")
	}
}
