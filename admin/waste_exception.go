package admin

import (
	"errors"
	"net/http"
	"slices"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
)

// errExceptionClash is a second exception for a collection that already
// has one.
var errExceptionClash = errors.New("admin: that day's collection already has an exception")

// wasteExceptionNew is the empty form of a new exception: a move, the
// usual case (25 December to 27 December).
func (s *Server) wasteExceptionNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		rules, exceptions, err := flows.ZoneSchedule(r.Context(), s.st, z.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.showExceptionForm(w, r, http.StatusOK, exceptionView{Zone: z, Base: scheduleFingerprint(rules, exceptions), Form: exceptionForm{Kind: exceptionMoved}})
	}
}

// wasteExceptionEdit is the form of the zone's n-th exception.
func (s *Server) wasteExceptionEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		n, ok := entryPosition(r)
		rules, exceptions, err := flows.ZoneSchedule(r.Context(), s.st, z.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !ok || n > len(exceptions) {
			s.renderError(w, r, http.StatusNotFound, "admin.waste.exception_not_found")
			return
		}
		s.showExceptionForm(w, r, http.StatusOK, exceptionView{Zone: z, N: n, Base: scheduleFingerprint(rules, exceptions), Form: exceptionFormOf(exceptions[n-1])})
	}
}

func (s *Server) wasteExceptionCreate() http.HandlerFunc { return s.saveException(false) }
func (s *Server) wasteExceptionUpdate() http.HandlerFunc { return s.saveException(true) }

// saveException adds an exception, or replaces the n-th one. A wrong form
// comes back with the clerk's input and a message per field, and changes
// nothing.
func (s *Server) saveException(update bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		n := 0
		if update {
			if n, ok = entryPosition(r); !ok {
				s.renderError(w, r, http.StatusNotFound, "admin.waste.exception_not_found")
				return
			}
		}
		p := s.newPage(r, "admin.waste.exception_new_title", nil)
		types, err := s.loadWasteTypes(r.Context(), p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v := exceptionView{Zone: z, N: n, Base: r.PostFormValue("base"), Form: postedExceptionForm(r)}
		ex, errs := v.Form.exception(p, types)
		if errs != nil {
			v.Errors = errs
			s.showExceptionForm(w, r, http.StatusUnprocessableEntity, v)
			return
		}
		var before string
		err = s.editSchedule(r.Context(), z.ID, v.Base, func(rules []waste.Rule, list []waste.Exception) ([]waste.Rule, []waste.Exception, error) {
			if update && n > len(list) {
				return nil, nil, errNoSuchEntry
			}
			if clashes(list, ex, n-1) {
				return nil, nil, errExceptionClash
			}
			if !update {
				return rules, append(list, ex), nil
			}
			before = exceptionAudit(list[n-1])
			list[n-1] = ex
			return rules, list, nil
		})
		if errors.Is(err, errExceptionClash) {
			v.Errors = cfgErrors{"date": p.T("admin.waste.error_clash")}
			s.showExceptionForm(w, r, http.StatusUnprocessableEntity, v)
			return
		}
		if !s.scheduleSaved(w, r, err, "admin.waste.exception_not_found", func(msg string) {
			v.Error = msg
			s.showExceptionForm(w, r, http.StatusConflict, v)
		}) {
			return
		}
		me := stateFrom(r).acct
		action, done, details := "waste.exception.create", "exception_added", exceptionAudit(ex)
		if update {
			action, done, details = "waste.exception.update", "exception_saved", before+" → "+details
		}
		s.log.Info("waste exception saved", "account_id", me.ID, "zone_id", z.ID, "position", n)
		s.audit(r, me, action, z.Name, details)
		backToZone(w, r, z.ID, done)
	}
}

// wasteExceptionDelete removes the zone's n-th exception: the collection
// goes back to its usual day.
func (s *Server) wasteExceptionDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		n, ok := entryPosition(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.waste.exception_not_found")
			return
		}
		var gone string
		err := s.editSchedule(r.Context(), z.ID, r.PostFormValue("base"), func(rules []waste.Rule, list []waste.Exception) ([]waste.Rule, []waste.Exception, error) {
			if n > len(list) {
				return nil, nil, errNoSuchEntry
			}
			gone = exceptionAudit(list[n-1])
			return rules, slices.Delete(list, n-1, n), nil
		})
		if !s.scheduleSaved(w, r, err, "admin.waste.exception_not_found", func(msg string) {
			s.showWasteZone(w, r, http.StatusConflict, z, zoneView{Error: msg})
		}) {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("waste exception deleted", "account_id", me.ID, "zone_id", z.ID, "position", n)
		s.audit(r, me, "waste.exception.delete", z.Name, gone)
		backToZone(w, r, z.ID, "exception_deleted")
	}
}
