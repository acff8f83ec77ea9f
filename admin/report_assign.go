package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

func init() {
	routes = append(routes, route{http.MethodPost, "/admin/reports/{id}/assign", (*Server).reportAssign, reportStaff})
}

// errUnchanged is an action that would leave the report as it is: nothing
// is written, not even to the timeline.
var errUnchanged = errors.New("admin: nothing to change")

// assignView is the assignment as the report page shows it and the
// choices of its form.
type assignView struct {
	Assigned string // "Ufficio tecnico · Maria Rossi", "" when nobody
	Offices  []idOption
	People   []idOption
}

// reportAssign hands a report to an office, a clerk, both or neither (0
// for either clears it). The report then follows the office's scope, not
// its category's, and the clerk finds it under "mine".
func (s *Server) reportAssign() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		ctx := r.Context()
		p := s.newPage(r, "admin.report.title", nil)
		office, person, msg, err := s.assignTarget(ctx, r.PostFormValue("office"), r.PostFormValue("person"))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if msg != "" {
			s.showReport(w, r, id, http.StatusUnprocessableEntity, reportView{Error: p.T(msg)})
			return
		}
		text := assignmentText(p, office.Name, clerkNameOrEmpty(person))
		notified := false
		rep, ok := s.changeInScope(w, r, id, func(tx *store.Store, before store.Report) error {
			if before.AssignedOfficeID == office.ID && before.AssignedStaffID == person.ID {
				return errUnchanged
			}
			assigned, err := tx.AssignReport(ctx, id, office.ID, person.ID, staffAuthor(r), text)
			if err != nil || s.opt.Engine == nil {
				return err
			}
			// The office it is handed to hears of it by email, and the clerk
			// in their linked chat, in the same transaction.
			if office.ID != before.AssignedOfficeID {
				if err := s.opt.Engine.EnqueueAssignmentEmail(ctx, tx, assigned, office.ID, staffAuthor(r).Name); err != nil {
					return err
				}
			}
			if person.ID == 0 || person.ID == before.AssignedStaffID || person.ID == stateFrom(r).acct.ID {
				return nil
			}
			notice, ok, err := s.opt.Engine.AssignedNotice(ctx, tx, assigned, person.ID, staffAuthor(r).Name)
			if err != nil || !ok {
				return err
			}
			notified = true
			return flows.Enqueue(ctx, tx, store.PriorityNotice, notice)
		})
		if !ok {
			return
		}
		if notified {
			s.notify(1)
		}
		acct := stateFrom(r).acct
		s.log.Info("report assigned", "report_id", id, "office_id", office.ID, "staff_id", person.ID, "account_id", acct.ID)
		s.audit(r, acct, "report.assign", rep.Number, text)
		// Handed outside the clerk's own scope, the report's page would
		// answer 404: the inbox says where it went instead.
		if _, err := s.visibleReport(r, id); errors.Is(err, store.ErrNotFound) {
			http.Redirect(w, r, "/admin/reports?done=assigned_away", http.StatusSeeOther)
			return
		}
		backToReport(w, r, id, "assign")
	}
}

// assignTarget reads the office and the clerk a form names ("" or "0" for
// none). A malformed or unknown office, or a clerk who cannot take
// reports (unknown, disabled, an editor), is refused with the message id
// that says so.
func (s *Server) assignTarget(ctx context.Context, officeField, personField string) (store.Office, store.StaffAccount, string, error) {
	var office store.Office
	var person store.StaffAccount
	officeID, ok := optionalID(officeField)
	if !ok {
		return office, person, "admin.report.error_unknown_office", nil
	}
	personID, ok := optionalID(personField)
	if !ok {
		return office, person, "admin.report.error_unknown_person", nil
	}
	if officeID != 0 {
		var err error
		office, err = s.st.OfficeByID(ctx, officeID)
		if errors.Is(err, store.ErrNotFound) {
			return office, person, "admin.report.error_unknown_office", nil
		}
		if err != nil {
			return office, person, "", err
		}
	}
	if personID != 0 {
		people, err := s.st.AssignableStaff(ctx)
		if err != nil {
			return office, person, "", err
		}
		for _, a := range people {
			if a.ID == personID {
				person = a
			}
		}
		if person.ID == 0 {
			return office, person, "admin.report.error_unknown_person", nil
		}
	}
	return office, person, "", nil
}

// optionalID reads a select's id: "" and "0" are none, anything else must
// be a positive number.
func optionalID(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" || v == "0" {
		return 0, true
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

func clerkNameOrEmpty(a store.StaffAccount) string {
	if a.ID == 0 {
		return ""
	}
	return clerkName(a)
}

// joinNames is "office · person", either left out when empty.
func joinNames(office, person string) string {
	switch {
	case office == "":
		return person
	case person == "":
		return office
	}
	return office + " · " + person
}

// assignmentText is the timeline's line for an assignment, in the words
// of the clerk who made it.
func assignmentText(p page, office, person string) string {
	if to := joinNames(office, person); to != "" {
		return p.T("admin.report.assigned_to", "To", to)
	}
	return p.T("admin.report.assigned_none")
}

// fillAssignment adds the assignment and its form's choices to v. The
// office shown among the facts becomes the assigned one, which is the one
// that now handles the report.
func (s *Server) fillAssignment(ctx context.Context, names *reportNames, rep store.Report, v *reportView) error {
	people, err := s.st.AssignableStaff(ctx)
	if err != nil {
		return err
	}
	person := ""
	for _, a := range people {
		v.Assign.People = append(v.Assign.People, idOption{a.ID, clerkName(a), a.ID == rep.AssignedStaffID})
		if a.ID == rep.AssignedStaffID {
			person = clerkName(a)
		}
	}
	if rep.AssignedStaffID != 0 && person == "" {
		// Disabled since, or no longer an operator: still named, as
		// the report is still theirs until someone hands it on.
		a, err := s.st.StaffAccount(ctx, rep.AssignedStaffID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		person = clerkNameOrEmpty(a)
	}
	for _, o := range names.officeList {
		v.Assign.Offices = append(v.Assign.Offices, idOption{o.ID, o.Name, o.ID == rep.AssignedOfficeID})
	}
	if rep.AssignedOfficeID != 0 {
		v.Office = names.offices[rep.AssignedOfficeID]
	}
	v.Assign.Assigned = joinNames(names.offices[rep.AssignedOfficeID], person)
	return nil
}
