package admin

import (
	"net/http"
)

// The topics citizens subscribe to, and the forms behind them.
func init() {
	pages = append(pages, "config_topics", "config_topic", "config_topic_delete")
	routes = append(routes,
		route{http.MethodGet, "/admin/config/topics", (*Server).configTopics, adminsOnly},
		// "new" comes before {id}, which would match it.
		route{http.MethodGet, "/admin/config/topics/new", (*Server).configTopicNew, adminsOnly},
		route{http.MethodPost, "/admin/config/topics/new", (*Server).configTopicCreate, adminsOnly},
		route{http.MethodGet, "/admin/config/topics/{id}", (*Server).configTopicEdit, adminsOnly},
		route{http.MethodPost, "/admin/config/topics/{id}", (*Server).configTopicUpdate, adminsOnly},
		route{http.MethodPost, "/admin/config/topics/{id}/delete", (*Server).configTopicDelete, adminsOnly},
	)
}

// topicsPage is where every topic change returns.
const topicsPage = "/admin/config/topics"

var topicNotices = []string{"topic_created", "topic_saved", "topic_deleted"}

type cfgTopicRow struct {
	ID                     int64
	Sub                    bool
	NameIT, NameEN, NameDE string
	Position, Subscribers  int
}

type cfgTopicsView struct {
	Notice string
	Topics []cfgTopicRow
}

// configTopics lists the topics as the citizen's keyboards show them, each
// top-level one followed by its subtopics, with how many citizens follow
// each.
func (s *Server) configTopics() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		all, err := s.st.AllTopics(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		counts, err := s.st.TopicSubscriberCounts(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v := cfgTopicsView{Notice: cfgNotice(r, topicNotices)}
		// AllTopics lists parents first; each child goes after its parent.
		children := map[int64][]cfgTopicRow{}
		var tops []cfgTopicRow
		for _, t := range all {
			row := cfgTopicRow{ID: t.ID, Sub: t.ParentID != 0, NameIT: t.NameIT, NameEN: t.NameEN, NameDE: t.NameDE, Position: t.Position, Subscribers: counts[t.ID]}
			if row.Sub {
				children[t.ParentID] = append(children[t.ParentID], row)
			} else {
				tops = append(tops, row)
			}
		}
		for _, top := range tops {
			v.Topics = append(v.Topics, top)
			v.Topics = append(v.Topics, children[top.ID]...)
		}
		s.render(w, r, http.StatusOK, "config_topics", s.newPage(r, "admin.config.topics_title", v))
	}
}
