package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// wasteImportConfirm replaces the calendars of the zones the file names,
// all in one transaction; zones it does not name stay as they are. The
// file comes back from the preview, so it is checked again as if
// uploaded (a hand-edited form gains nothing), and the fingerprint ties
// the confirmation to the calendars the preview compared it with: if a
// colleague changed one meanwhile, nothing is stored and the clerk is
// asked to upload again.
func (s *Server) wasteImportConfirm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := s.newPage(r, "admin.waste.import_title", nil)
		data, base := r.PostFormValue("data"), r.PostFormValue("base")
		switch {
		case base == "":
			// Only a form not made by the preview lacks it.
			s.showImport(w, r, http.StatusUnprocessableEntity, importView{Error: p.T("admin.waste.import_changed")})
			return
		case len(data) > wasteFileMax:
			s.showImport(w, r, http.StatusRequestEntityTooLarge, importView{Error: p.T("admin.waste.import_too_large", "Max", wasteFileMax>>20)})
			return
		}
		plan, ok := s.checkImport(w, r, p, []byte(data))
		if !ok {
			return
		}
		err := s.st.InTx(ctx, func(tx *store.Store) error {
			now, err := currentBase(ctx, tx, plan)
			if err != nil {
				return err
			}
			if now != base {
				return errScheduleChanged
			}
			for i, z := range plan.zones {
				sc := plan.schedules[i]
				if err := flows.SaveZoneSchedule(ctx, tx, z.ID, sc.Rules, sc.Exceptions); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, errScheduleChanged) {
			s.showImport(w, r, http.StatusConflict, importView{Error: p.T("admin.waste.import_changed")})
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		me := stateFrom(r).acct
		var summary []string
		for i, z := range plan.zones {
			summary = append(summary, fmt.Sprintf("%s: %d rules, %d exceptions", z.Name, len(plan.schedules[i].Rules), len(plan.schedules[i].Exceptions)))
		}
		s.log.Info("waste calendar imported", "account_id", me.ID, "zones", len(plan.zones))
		s.audit(r, me, "waste.import", "csv", strings.Join(summary, "; "))
		http.Redirect(w, r, wasteHomePath+"?done=imported", http.StatusSeeOther)
	}
}
