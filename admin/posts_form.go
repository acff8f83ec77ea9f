package admin

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/campanile/campanile/store"
)

// localInput is the datetime-local input's format, read in Rome.
const localInput = "2006-01-02T15:04"

// postKinds and loudnesses in the order the form offers them.
var (
	postKinds  = []string{store.PostNews, store.PostNotice, store.PostEvent, store.PostAlert}
	loudnesses = []string{store.LoudnessAuto, store.LoudnessLoud, store.LoudnessSilent}
)

// postForm is what the clerk typed, kept as typed so a refused form comes
// back exactly as it was sent.
type postForm struct {
	Kind, Title, Body, Link string
	EventAt, EventPlace     string
	Audience, AreaMode      string
	Polygon                 string
	Lat, Lon, Radius        string
	TopicIDs, ZoneIDs       []int64
	Loudness, PublishAt     string
	RemoveMedia             bool
}

// postFormView is the new/edit page.
type postFormView struct {
	ID               int64 // 0 for a new post
	Action           string
	F                postForm
	Kinds            []string
	Loudnesses       []string
	Topics, Zones    []scopeOption
	CanAlertEveryone bool
	MediaName        string // the post's current file, on edit
	Errors           map[string]string
	Error            string
}

// formOfPost fills the form from a stored post, for editing.
func formOfPost(p store.Post) postForm {
	f := postForm{Kind: p.Kind, Title: p.Title, Body: p.BodyHTML, Link: p.Link, EventPlace: p.EventPlace,
		Audience: p.Audience, TopicIDs: p.TopicIDs, ZoneIDs: p.ZoneIDs, Loudness: p.Loudness, AreaMode: areaZones}
	if p.EventAt != 0 {
		f.EventAt = time.Unix(p.EventAt, 0).In(rome).Format(localInput)
	}
	if p.PublishAt != 0 {
		f.PublishAt = time.Unix(p.PublishAt, 0).In(rome).Format(localInput)
	}
	if p.AreaGeoJSON != "" {
		if lat, lon, r, ok := circleOf(p.AreaGeoJSON); ok {
			f.AreaMode = areaCircle
			f.Lat, f.Lon = strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64)
			f.Radius = strconv.FormatFloat(r, 'f', -1, 64)
		} else {
			f.AreaMode, f.Polygon = areaPolygon, p.AreaGeoJSON
		}
	}
	return f
}

// fillPostForm adds the choices (topics, zones) and what the clerk may do
// to a form view.
func (s *Server) fillPostForm(ctx context.Context, lang string, acct store.StaffAccount, v *postFormView) error {
	v.Kinds, v.Loudnesses = postKinds, loudnesses
	if v.ID == 0 {
		v.Action = "/admin/posts"
	} else {
		v.Action = "/admin/posts/" + strconv.FormatInt(v.ID, 10) + "/edit"
	}
	tops, err := s.st.Topics(ctx, 0)
	if err != nil {
		return err
	}
	for _, top := range tops {
		v.Topics = append(v.Topics, scopeOption{ID: top.ID, Name: top.Name(lang), Checked: slices.Contains(v.F.TopicIDs, top.ID)})
		subs, err := s.st.Topics(ctx, top.ID)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			v.Topics = append(v.Topics, scopeOption{ID: sub.ID, Name: sub.Name(lang), Sub: true, Checked: slices.Contains(v.F.TopicIDs, sub.ID)})
		}
	}
	zones, err := s.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return err
	}
	for _, z := range zones {
		v.Zones = append(v.Zones, scopeOption{ID: z.ID, Name: z.Name, Checked: slices.Contains(v.F.ZoneIDs, z.ID)})
	}
	v.CanAlertEveryone, err = s.mayAlertEveryone(ctx, acct)
	return err
}

// renderPostForm shows the form with code (200, or 422 after a refusal).
func (s *Server) renderPostForm(w http.ResponseWriter, r *http.Request, code int, v postFormView) {
	titleID := "admin.posts.new_title"
	if v.ID != 0 {
		titleID = "admin.posts.edit_title"
	}
	p := s.newPage(r, titleID, nil)
	if err := s.fillPostForm(r.Context(), p.Lang, stateFrom(r).acct, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = v
	s.render(w, r, code, "post_form", p)
}

// postNew is the empty form: a news item to topics, sent silently at night.
func (s *Server) postNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := postForm{Kind: store.PostNews, Audience: store.AudienceTopics, AreaMode: areaZones, Loudness: store.LoudnessAuto}
		s.renderPostForm(w, r, http.StatusOK, postFormView{F: f})
	}
}

// postEdit is the form of a post that has not gone out yet.
func (s *Server) postEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.editablePost(w, r)
		if !ok {
			return
		}
		s.renderPostForm(w, r, http.StatusOK, postFormView{ID: post.ID, F: formOfPost(post), MediaName: mediaLabel(post)})
	}
}

// editablePost loads {id} and answers for it when it is unknown (404) or
// already going out (409, with a link to its delivery).
func (s *Server) editablePost(w http.ResponseWriter, r *http.Request) (store.Post, bool) {
	post, ok := s.loadPost(w, r)
	if !ok {
		return post, false
	}
	if !editable(post.Status) {
		s.renderError(w, r, http.StatusConflict, "admin.posts.error_locked")
		return post, false
	}
	return post, true
}

// loadPost reads {id}, answering 404 for an unknown one.
func (s *Server) loadPost(w http.ResponseWriter, r *http.Request) (store.Post, bool) {
	id, ok := postIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.posts.not_found")
		return store.Post{}, false
	}
	post, err := s.st.PostByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, "admin.posts.not_found")
		return post, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return post, false
	}
	return post, true
}

func editable(status string) bool {
	return status == store.PostDraft || status == store.PostPendingApproval || status == store.PostScheduled
}

// mediaLabel names a post's file for the clerk.
func mediaLabel(p store.Post) string {
	if p.MediaName != "" {
		return p.MediaName
	}
	return p.MediaKind
}
