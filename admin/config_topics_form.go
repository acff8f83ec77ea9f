package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/campanile/campanile/store"
)

// cfgTopicForm is the topic form as the clerk filled it in. The parent is
// chosen when the topic is made and stays: subscribers chose the topic
// where it is.
type cfgTopicForm struct {
	ID                     int64 // 0 for a new topic
	Slug, ParentName       string
	NameIT, NameEN, NameDE string
	Parent, Position       string
}

type cfgTopicView struct {
	Form        cfgTopicForm
	Errors      cfgErrors
	Parents     []idOption // for a new topic only
	Subscribers int
}

// Action is where the form posts.
func (v cfgTopicView) Action() string {
	if v.Form.ID == 0 {
		return topicsPage + "/new"
	}
	return topicsPage + "/" + strconv.FormatInt(v.Form.ID, 10)
}

func (s *Server) showTopicForm(w http.ResponseWriter, r *http.Request, code int, v cfgTopicView) {
	ctx := r.Context()
	p := s.newPage(r, "admin.config.topic_new_title", nil)
	if v.Form.ID != 0 {
		p.Title = p.T("admin.config.topic_edit_title", "Name", v.Form.NameIT)
		rem, err := s.st.TopicRemovalOf(ctx, v.Form.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Subscribers = rem.Citizens
	} else {
		tops, err := s.st.Topics(ctx, 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, t := range tops {
			v.Parents = append(v.Parents, idOption{t.ID, t.Name(p.Lang), idText(t.ID) == strings.TrimSpace(v.Form.Parent)})
		}
	}
	p.Data = v
	s.render(w, r, code, "config_topic", p)
}

// topicTarget is the topic of /admin/config/topics/{id}; it answers 404
// itself when there is none.
func (s *Server) topicTarget(w http.ResponseWriter, r *http.Request) (store.Topic, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.config.topic_not_found")
		return store.Topic{}, false
	}
	t, err := s.st.TopicByID(r.Context(), id)
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.config.topic_not_found")
		return t, false
	}
	return t, true
}

func (s *Server) topicFormOf(r *http.Request, t store.Topic) cfgTopicForm {
	return cfgTopicForm{ID: t.ID, Slug: t.Slug, NameIT: t.NameIT, NameEN: t.NameEN, NameDE: t.NameDE,
		Position: strconv.Itoa(t.Position), ParentName: s.topicParentName(r, t)}
}

// topicParentName is the Italian name of t's parent, "" for a top-level
// topic.
func (s *Server) topicParentName(r *http.Request, t store.Topic) string {
	if t.ParentID == 0 {
		return ""
	}
	parent, err := s.st.TopicByID(r.Context(), t.ParentID)
	if err != nil {
		return ""
	}
	return parent.NameIT
}

// configTopicNew is the empty form; ?parent= preselects the parent, as
// the list's "add a subtopic" links do.
func (s *Server) configTopicNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var f cfgTopicForm
		if id, ok := cfgOptionalID(r.URL.Query().Get("parent")); ok {
			f.Parent = idText(id)
		}
		s.showTopicForm(w, r, http.StatusOK, cfgTopicView{Form: f})
	}
}

func (s *Server) configTopicEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, ok := s.topicTarget(w, r)
		if !ok {
			return
		}
		s.showTopicForm(w, r, http.StatusOK, cfgTopicView{Form: s.topicFormOf(r, t)})
	}
}

// configTopicCreate adds a topic; citizens find it the next time they
// open their topics.
func (s *Server) configTopicCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t, ok := s.saveTopic(w, r, store.Topic{})
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("topic created", "topic_id", t.ID, "account_id", me.ID)
		s.audit(r, me, "config.topic.create", t.Slug, fmt.Sprintf("name_it=%q parent=%d position=%d", t.NameIT, t.ParentID, t.Position))
		cfgDone(w, r, topicsPage, "topic_created")
	}
}

func (s *Server) configTopicUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		old, ok := s.topicTarget(w, r)
		if !ok {
			return
		}
		t, ok := s.saveTopic(w, r, old)
		if !ok {
			return
		}
		me := stateFrom(r).acct
		s.log.Info("topic updated", "topic_id", t.ID, "account_id", me.ID)
		s.audit(r, me, "config.topic.update", t.Slug, cfgDiff(
			cfgChange{"name_it", old.NameIT, t.NameIT}, cfgChange{"name_en", old.NameEN, t.NameEN}, cfgChange{"name_de", old.NameDE, t.NameDE},
			cfgChange{"position", strconv.Itoa(old.Position), strconv.Itoa(t.Position)}))
		cfgDone(w, r, topicsPage, "topic_saved")
	}
}

// saveTopic validates the posted form and adds (old.ID 0) or updates the
// topic; a wrong form comes back with the clerk's input and a message per
// field, and changes nothing.
func (s *Server) saveTopic(w http.ResponseWriter, r *http.Request, old store.Topic) (store.Topic, bool) {
	ctx := r.Context()
	p := s.newPage(r, "admin.config.topic_new_title", nil)
	names := cfgNamesOf(r)
	f := cfgTopicForm{ID: old.ID, Slug: old.Slug, NameIT: names.IT, NameEN: names.EN, NameDE: names.DE, Position: r.PostFormValue("position")}
	var errs cfgErrors
	names = names.clean(p, &errs)
	t := store.Topic{ID: old.ID, ParentID: old.ParentID, NameIT: names.IT, NameEN: names.EN, NameDE: names.DE}
	if old.ID == 0 {
		f.Parent = r.PostFormValue("parent")
		var ok bool
		if t.ParentID, ok = cfgOptionalID(f.Parent); !ok {
			errs.add("parent", p.T("admin.config.error_topic_parent"))
		}
	} else {
		f.ParentName = s.topicParentName(r, old)
	}
	t.Position = cfgPosition(p, f.Position, &errs)
	if t.NameIT != "" && errs["parent"] == "" {
		siblings, err := s.st.Topics(ctx, t.ParentID)
		if err != nil {
			s.serverError(w, r, err)
			return t, false
		}
		for _, o := range siblings {
			if o.ID != t.ID && sameName(o.NameIT, t.NameIT) {
				errs.add("name_it", p.T("admin.config.error_name_taken"))
			}
		}
	}
	if errs == nil {
		var err error
		if old.ID == 0 {
			t, err = s.st.AddTopic(ctx, t)
		} else {
			t, err = s.st.UpdateTopic(ctx, t)
		}
		switch {
		case errors.Is(err, store.ErrTopicParent):
			errs.add("parent", p.T("admin.config.error_topic_parent"))
		case err != nil:
			s.configLookupFailed(w, r, err, "admin.config.topic_not_found")
			return t, false
		}
	}
	if errs != nil {
		s.showTopicForm(w, r, http.StatusUnprocessableEntity, cfgTopicView{Form: f, Errors: errs})
		return t, false
	}
	return t, true
}
