package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// scopeOf is the one place that says which reports the signed-in account
// may see and act on: nil for admins, who see every report, and the
// offices, categories and reports assigned by name for everyone else.
// Anything but admin is scoped, so a role added later starts seeing
// nothing rather than everything.
func (s *Server) scopeOf(r *http.Request) (*store.StaffScope, error) {
	acct := stateFrom(r).acct
	if acct.Role == store.RoleAdmin {
		return nil, nil
	}
	sc, err := s.st.StaffScopeOf(r.Context(), acct.ID)
	if err != nil {
		return nil, err
	}
	return &sc, nil
}

// errOutOfScope is a report the clerk may not see. It is a
// store.ErrNotFound, so every handler answers it exactly as a report that
// does not exist: numbers cannot be probed from outside one's scope.
var errOutOfScope = fmt.Errorf("admin: report out of the clerk's scope: %w", store.ErrNotFound)

// checkScope returns errOutOfScope unless sc (nil for everything) covers
// report id. Run inside an action's transaction, the check and the change
// see the same assignment.
func checkScope(ctx context.Context, st *store.Store, sc *store.StaffScope, id int64) error {
	if sc == nil {
		return nil
	}
	ok, err := st.ReportInScope(ctx, id, *sc)
	if err != nil {
		return err
	}
	if !ok {
		return errOutOfScope
	}
	return nil
}

// visibleReport reads report id for the signed-in clerk: store.ErrNotFound
// both when it does not exist and when it is out of the clerk's scope.
func (s *Server) visibleReport(r *http.Request, id int64) (store.Report, error) {
	sc, err := s.scopeOf(r)
	if err != nil {
		return store.Report{}, err
	}
	if err := checkScope(r.Context(), s.st, sc, id); err != nil {
		return store.Report{}, err
	}
	return s.st.ReportByID(r.Context(), id)
}

// actInScope is act on report id, refused with store.ErrNotFound before fn
// runs when the report is out of the clerk's scope.
func (s *Server) actInScope(r *http.Request, id int64, priority int, fn func(tx *store.Store, e *flows.Engine) ([]flows.Message, error)) error {
	sc, err := s.scopeOf(r)
	if err != nil {
		return err
	}
	return s.act(r.Context(), priority, func(tx *store.Store, e *flows.Engine) ([]flows.Message, error) {
		if err := checkScope(r.Context(), tx, sc, id); err != nil {
			return nil, err
		}
		return fn(tx, e)
	})
}

// inboxFilter is the store's filter for q as the signed-in clerk sees it:
// within their scope, and handed to them by name when they ask for "mine".
func (s *Server) inboxFilter(r *http.Request, q inboxQuery) (store.ReportFilter, error) {
	f := q.filter()
	sc, err := s.scopeOf(r)
	if err != nil {
		return f, err
	}
	f.Scope = sc
	if q.Mine {
		f.AssignedStaffID = stateFrom(r).acct.ID
	}
	return f, nil
}

// changeInScope runs change on report id in one transaction, after
// checking that the clerk may see it; change gets the report as it was and
// returns errUnchanged when there is nothing to write. It reports whether
// the change was made, having answered the request otherwise (404 for an
// unknown or hidden report, back to the report for no change, 500).
func (s *Server) changeInScope(w http.ResponseWriter, r *http.Request, id int64, change func(tx *store.Store, before store.Report) error) (store.Report, bool) {
	ctx := r.Context()
	sc, err := s.scopeOf(r)
	var before store.Report
	if err == nil {
		err = s.st.InTx(ctx, func(tx *store.Store) error {
			if err := checkScope(ctx, tx, sc, id); err != nil {
				return err
			}
			if before, err = tx.ReportByID(ctx, id); err != nil {
				return err
			}
			return change(tx, before)
		})
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
	case errors.Is(err, errUnchanged):
		backToReport(w, r, id, "unchanged")
	case err != nil:
		s.serverError(w, r, err)
	default:
		return before, true
	}
	return before, false
}
