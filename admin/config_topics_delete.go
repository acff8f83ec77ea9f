package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

type cfgTopicDeleteView struct {
	Topic     store.Topic
	Removal   store.TopicRemoval
	Citizens  string // the count the clerk confirms, posted back
	Recounted bool   // the count grew since the clerk last saw it
}

// configTopicDelete removes a topic with its subtopics and their
// subscriptions. When it takes citizens' subscriptions or subtopics with
// it, it first asks the clerk to confirm, saying how many citizens lose
// their subscription (their consent goes with it). The confirmation
// carries the number the clerk saw: if more citizens subscribed meanwhile,
// it asks again rather than remove consents nobody agreed to remove.
func (s *Server) configTopicDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, ok := s.topicTarget(w, r)
		if !ok {
			return
		}
		ctx := r.Context()
		rem, err := s.st.TopicRemovalOf(ctx, t.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		seen, seenErr := strconv.Atoi(r.PostFormValue("citizens"))
		confirmed := r.PostFormValue("confirm") == "1" && seenErr == nil && seen >= rem.Citizens
		if (rem.Citizens > 0 || rem.Subtopics > 0) && !confirmed {
			p := s.newPage(r, "admin.config.topic_delete_title", nil)
			p.Title = p.T("admin.config.topic_delete_title", "Name", t.NameIT)
			p.Data = cfgTopicDeleteView{Topic: t, Removal: rem, Citizens: strconv.Itoa(rem.Citizens),
				Recounted: r.PostFormValue("confirm") == "1"}
			s.render(w, r, http.StatusOK, "config_topic_delete", p)
			return
		}
		done, err := s.st.DeleteTopic(ctx, t.ID)
		if err != nil {
			s.configLookupFailed(w, r, err, "admin.config.topic_not_found")
			return
		}
		me := stateFrom(r).acct
		s.log.Info("topic deleted", "topic_id", t.ID, "subtopics", done.Subtopics, "citizens", done.Citizens,
			"subscriptions", done.Subscriptions, "account_id", me.ID)
		s.audit(r, me, "config.topic.delete", t.Slug, fmt.Sprintf("name_it=%q subtopics=%d citizens=%d subscriptions=%d",
			t.NameIT, done.Subtopics, done.Citizens, done.Subscriptions))
		cfgDone(w, r, topicsPage, "topic_deleted")
	}
}
