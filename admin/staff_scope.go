package admin

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/campanile/campanile/store"
)

// staffScope saves the offices and categories an operator serves: the
// inbox shows them those reports (and the ones handed to them by name).
// Other roles see every report, so their scope would mean nothing.
func (s *Server) staffScope() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		a, ok := s.staffTarget(w, r)
		if !ok {
			return
		}
		if a.Role != store.RoleOperator {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_scope_role")
			return
		}
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest, "admin.error.bad_request")
			return
		}
		offices, categories, err := s.knownScopeIDs(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		officeIDs, okOffices := pickIDs(r.PostForm["office"], offices)
		categoryIDs, okCategories := pickIDs(r.PostForm["category"], categories)
		if !okOffices || !okCategories {
			s.staffRefused(w, r, a.ID, staffAccountView{}, "admin.staff.error_scope_unknown")
			return
		}
		if err := s.st.SetStaffScope(ctx, a.ID, officeIDs, categoryIDs); err != nil {
			s.staffFailed(w, r, a.ID, err, staffAccountView{})
			return
		}
		me := stateFrom(r).acct
		details := fmt.Sprintf("offices=%s categories=%s", joinIDs(officeIDs), joinIDs(categoryIDs))
		s.log.Info("staff scope saved", "account_id", a.ID, "offices", len(officeIDs), "categories", len(categoryIDs), "by_account_id", me.ID)
		s.audit(r, me, "account.scope", a.Username, details)
		backToStaff(w, r, a.ID, "scope")
	}
}

// knownScopeIDs are the ids a scope form may name.
func (s *Server) knownScopeIDs(ctx context.Context) (offices, categories []int64, err error) {
	list, err := s.st.Offices(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range list {
		offices = append(offices, o.ID)
	}
	tops, err := s.st.Categories(ctx, 0, false)
	if err != nil {
		return nil, nil, err
	}
	for _, top := range tops {
		categories = append(categories, top.ID)
		subs, err := s.st.Categories(ctx, top.ID, false)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range subs {
			categories = append(categories, c.ID)
		}
	}
	return offices, categories, nil
}

// pickIDs parses the checked values, each once; ok is false when one is
// not the number of a known office or category (a stale page, or a forged form).
func pickIDs(values []string, known []int64) (ids []int64, ok bool) {
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !slices.Contains(known, id) {
			return nil, false
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, true
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}
