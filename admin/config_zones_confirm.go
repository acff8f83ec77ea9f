package admin

import (
	"errors"
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// configZonesConfirm stores the file the preview showed, in one
// transaction. The file comes back from the page, so it is checked again
// as if uploaded (a hand-edited form gains nothing), and the fingerprint
// ties the confirmation to the zones the preview compared it with: if a
// colleague changed them meanwhile, nothing is stored and the admin is
// asked to upload again, since the list of removed zones may be wrong.
func (s *Server) configZonesConfirm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		kind, err := zoneKindOf(r.PostFormValue("kind"))
		if err != nil {
			s.zoneFileRefused(w, r, err)
			return
		}
		data, base := r.PostFormValue("data"), r.PostFormValue("base")
		switch {
		case base == "":
			// Only a form not made by the preview lacks it.
			s.zoneFileRefused(w, r, store.ErrZonesChanged)
			return
		case len(data) > 2*maxZoneFileBytes:
			// Rewritten, a file grows a little: twice the limit is
			// more than any upload that passed.
			s.zoneFileRefused(w, r, errZoneFileTooBig)
			return
		}
		zones, err := s.parseZoneFile(ctx, kind, []byte(data))
		if err != nil {
			s.zoneFileRefused(w, r, err)
			return
		}
		rows, err := flows.StoreZones(kind, zones)
		if err != nil {
			s.zoneFileRefused(w, r, err)
			return
		}
		changes, err := s.st.SyncZones(ctx, kind, rows, base)
		if errors.Is(err, store.ErrZonesChanged) {
			s.zoneFileRefused(w, r, err)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		acct := stateFrom(r).acct
		s.audit(r, acct, "zones.replace", kind, changes.String())
		s.log.Info("zones replaced", "account_id", acct.ID, "kind", kind, "added", len(changes.Added),
			"updated", len(changes.Updated), "removed", len(changes.Removed))
		http.Redirect(w, r, "/admin/config/zones?done="+kind, http.StatusSeeOther)
	}
}
