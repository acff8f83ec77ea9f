package admin

import (
	"net/http"

	"github.com/campanile/campanile/store"
)

func init() {
	routes = append(routes, route{http.MethodPost, "/admin/reports/{id}/publication", (*Server).reportPublication, reportStaff})
}

// reportPublication records what of a report staff approve for
// publication: the text and the photos apart, since a photo may show a
// face or a number plate that the text does not. The public pages that
// honour it come later; the approval is kept, audited and in the timeline.
func (s *Server) reportPublication() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.report.not_found")
			return
		}
		ctx := r.Context()
		p := s.newPage(r, "admin.report.title", nil)
		text, okText := checkbox(r.PostFormValue("text"))
		photos, okPhotos := checkbox(r.PostFormValue("photos"))
		if !okText || !okPhotos {
			s.showReport(w, r, id, http.StatusUnprocessableEntity, reportView{Error: p.T("admin.report.error_publication")})
			return
		}
		note := publicationText(p, text, photos)
		rep, ok := s.changeInScope(w, r, id, func(tx *store.Store, before store.Report) error {
			if before.PublishText == text && before.PublishPhotos == photos {
				return errUnchanged
			}
			_, err := tx.SetReportPublication(ctx, id, text, photos, staffAuthor(r), note)
			return err
		})
		if !ok {
			return
		}
		acct := stateFrom(r).acct
		s.log.Info("report publication set", "report_id", id, "publish_text", text, "publish_photos", photos, "account_id", acct.ID)
		s.audit(r, acct, "report.publication", rep.Number, note)
		backToReport(w, r, id, "publication")
	}
}

// checkbox reads a checkbox posted with value="1": absent is false, and
// any other value is a form we did not write.
func checkbox(v string) (checked, ok bool) {
	switch v {
	case "":
		return false, true
	case "1":
		return true, true
	}
	return false, false
}

// publicationText says what is approved, "testo pubblicabile · foto non
// pubblicabili": the facts and the timeline use the same words.
func publicationText(p page, text, photos bool) string {
	t, ph := "admin.report.publish_text_no", "admin.report.publish_photos_no"
	if text {
		t = "admin.report.publish_text_yes"
	}
	if photos {
		ph = "admin.report.publish_photos_yes"
	}
	return p.T(t) + " · " + p.T(ph)
}
