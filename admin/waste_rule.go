package admin

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteRuleNew is the empty form of a new rule: weekly, as most are.
func (s *Server) wasteRuleNew() http.HandlerFunc {
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
		s.showRuleForm(w, r, http.StatusOK, ruleView{Zone: z, Base: scheduleFingerprint(rules, exceptions), Form: ruleForm{Every: "1"}})
	}
}

// wasteRuleEdit is the form of the zone's n-th rule.
func (s *Server) wasteRuleEdit() http.HandlerFunc {
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
		if !ok || n > len(rules) {
			s.renderError(w, r, http.StatusNotFound, "admin.waste.rule_not_found")
			return
		}
		s.showRuleForm(w, r, http.StatusOK, ruleView{Zone: z, N: n, Base: scheduleFingerprint(rules, exceptions), Form: ruleFormOf(rules[n-1])})
	}
}

func (s *Server) wasteRuleCreate() http.HandlerFunc { return s.saveRule(false) }
func (s *Server) wasteRuleUpdate() http.HandlerFunc { return s.saveRule(true) }

// saveRule adds a rule, or replaces the n-th one. A wrong form comes back
// with the clerk's input and a message per field, and changes nothing.
func (s *Server) saveRule(update bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		n := 0
		if update {
			if n, ok = entryPosition(r); !ok {
				s.renderError(w, r, http.StatusNotFound, "admin.waste.rule_not_found")
				return
			}
		}
		p := s.newPage(r, "admin.waste.rule_new_title", nil)
		types, err := s.loadWasteTypes(r.Context(), p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v := ruleView{Zone: z, N: n, Base: r.PostFormValue("base"), Form: postedRuleForm(r)}
		rule, errs := v.Form.rule(p, types)
		if errs != nil {
			v.Errors = errs
			s.showRuleForm(w, r, http.StatusUnprocessableEntity, v)
			return
		}
		var before string
		err = s.editSchedule(r.Context(), z.ID, v.Base, func(rules []waste.Rule, ex []waste.Exception) ([]waste.Rule, []waste.Exception, error) {
			if !update {
				return append(rules, rule), ex, nil
			}
			if n > len(rules) {
				return nil, nil, errNoSuchEntry
			}
			before = ruleAudit(rules[n-1])
			rules[n-1] = rule
			return rules, ex, nil
		})
		if !s.scheduleSaved(w, r, err, "admin.waste.rule_not_found", func(msg string) {
			v.Error = msg
			s.showRuleForm(w, r, http.StatusConflict, v)
		}) {
			return
		}
		me := stateFrom(r).acct
		action, done, details := "waste.rule.create", "rule_added", ruleAudit(rule)
		if update {
			action, done, details = "waste.rule.update", "rule_saved", before+" → "+details
		}
		s.log.Info("waste rule saved", "account_id", me.ID, "zone_id", z.ID, "position", n)
		s.audit(r, me, action, z.Name, details)
		backToZone(w, r, z.ID, done)
	}
}

// wasteRuleDelete removes the zone's n-th rule.
func (s *Server) wasteRuleDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		n, ok := entryPosition(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.waste.rule_not_found")
			return
		}
		var gone string
		err := s.editSchedule(r.Context(), z.ID, r.PostFormValue("base"), func(rules []waste.Rule, ex []waste.Exception) ([]waste.Rule, []waste.Exception, error) {
			if n > len(rules) {
				return nil, nil, errNoSuchEntry
			}
			gone = ruleAudit(rules[n-1])
			return slices.Delete(rules, n-1, n), ex, nil
		})
		if !s.scheduleSaved(w, r, err, "admin.waste.rule_not_found", func(msg string) {
			s.showWasteZone(w, r, http.StatusConflict, z, zoneView{Error: msg})
		}) {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("waste rule deleted", "account_id", me.ID, "zone_id", z.ID, "position", n)
		s.audit(r, me, "waste.rule.delete", z.Name, gone)
		backToZone(w, r, z.ID, "rule_deleted")
	}
}

// scheduleSaved answers a failed edit and tells whether it succeeded: a
// calendar changed meanwhile goes back through refused with the reason,
// a position that is gone is a 404, anything else a 500.
func (s *Server) scheduleSaved(w http.ResponseWriter, r *http.Request, err error, notFoundID string, refused func(msg string)) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, errScheduleChanged):
		refused(s.newPage(r, "admin.waste.title", nil).T("admin.waste.error_changed"))
	case errors.Is(err, errNoSuchEntry), errors.Is(err, store.ErrNotFound):
		s.renderError(w, r, http.StatusNotFound, notFoundID)
	default:
		s.serverError(w, r, err)
	}
	return false
}

// ruleAudit is a rule as the audit log records it: its line of the CSV.
func ruleAudit(r waste.Rule) string { return strings.Join(waste.RuleRow("", r)[1:], ",") }

// exceptionAudit is an exception as the audit log records it.
func exceptionAudit(e waste.Exception) string {
	return strings.Join(waste.ExceptionRow("", e)[1:], ",")
}
