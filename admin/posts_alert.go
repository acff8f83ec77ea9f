package admin

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// postAlertUpdate changes an emergency as it evolves ("allerta rossa
// prorogata") or ends it ("cessata allerta"): every citizen's copy is
// edited in place and a short notice tells them (flows' UpdateEmergency),
// through the same outbox and limits.
func (s *Server) postAlertUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		alert, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		p := s.newPage(r, "admin.posts.post_title", nil)
		ended := r.PostFormValue("ended") == "1"
		title := strings.TrimSpace(r.PostFormValue("title"))
		body := strings.TrimSpace(r.PostFormValue("body"))
		v := postView{UpdateTitle: title, UpdateBody: body}
		if ended && title == "" {
			// Citizens read the comune's language, whatever the clerk's.
			title = s.cat.T(locales.Source, "admin.posts.alert_ended_title", nil)
		}
		switch {
		case alert.Kind != store.PostAlert || alert.UpdateOf != 0 || (alert.Status != store.PostSending && alert.Status != store.PostSent):
			v.Error = p.T("admin.posts.error_not_alert")
		case title == "":
			v.Error = p.T("admin.posts.error_title_empty")
		case utf8.RuneCountInString(title) > maxTitleRunes || strings.ContainsAny(title, "\r\n"):
			v.Error = p.T("admin.posts.error_title_long", "Max", maxTitleRunes)
		case utf8.RuneCountInString(body) > maxBodyRunes:
			v.Error = p.T("admin.posts.error_body_long", "Max", maxBodyRunes)
		}
		if v.Error != "" {
			s.showPost(w, r, http.StatusUnprocessableEntity, v)
			return
		}
		acct := stateFrom(r).acct
		update := store.Post{Kind: store.PostAlert, Title: title, BodyHTML: richtext.Sanitize(body), Audience: alert.Audience,
			TopicIDs: alert.TopicIDs, ZoneIDs: alert.ZoneIDs, AreaGeoJSON: alert.AreaGeoJSON, Loudness: store.LoudnessLoud,
			UpdateOf: alert.ID, CreatedBy: acct.ID}
		e, err := s.posts()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		n, err := e.UpdateEmergency(r.Context(), s.st, alert.ID, update)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.notify(n)
		action := "post.alert_update"
		if ended {
			action = "post.alert_end"
		}
		s.log.Info("alert updated", "post_id", alert.ID, "account_id", acct.ID, "ended", ended, "recipients", n)
		s.audit(r, acct, action, postTarget(alert), fmt.Sprintf("recipients=%d", n))
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=alert_updated", alert.ID), http.StatusSeeOther)
	}
}
