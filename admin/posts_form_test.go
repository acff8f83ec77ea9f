package admin

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

func TestPostIsCreatedSanitizedAndEdited(t *testing.T) {
	n := newNewsroom(t)
	form := n.newsForm(n.edCSRF)
	form.Set("body", `<p>Da lunedì <b>via Roma</b> è chiusa.</p><script>alert(1)</script><img src="x.png"><a href="javascript:alert(1)">qui</a>`)
	form.Set("link", "https://www.comune.example/lavori")
	resp, _ := n.post(n.ed, "/admin/posts", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	m := postLocation.FindStringSubmatch(loc)
	if m == nil || !strings.Contains(loc, "removed=") || !strings.Contains(loc, "links=1") {
		t.Fatalf("redirect %q does not tell what was removed", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	p := n.postByID(id)
	if p.Status != store.PostDraft || p.Kind != store.PostNews || p.Title != "Lavori in via Roma" || p.CreatedBy != n.editor.ID ||
		!slices.Equal(p.TopicIDs, []int64{n.roadworks}) || p.Link != "https://www.comune.example/lavori" {
		t.Fatalf("stored %+v", p)
	}
	for _, bad := range []string{"<script", "<img", "javascript:", "<p>"} {
		if strings.Contains(p.BodyHTML, bad) {
			t.Errorf("the body keeps %q: %s", bad, p.BodyHTML)
		}
	}
	if !strings.Contains(p.BodyHTML, "<b>via Roma</b>") {
		t.Errorf("the body lost its bold: %s", p.BodyHTML)
	}
	_, page := n.get(n.ed, loc)
	for _, want := range []string{"img", "script", "Destinatari: 2", "Lavori in via Roma"} {
		if !strings.Contains(page, want) {
			t.Errorf("the post page lacks %q", want)
		}
	}

	edit := n.newsForm(n.edCSRF)
	edit.Set("title", "Lavori in via Roma: rinviati")
	if resp, body := n.post(n.ed, "/admin/posts/"+m[1]+"/edit", edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", resp.StatusCode, body)
	}
	if got := n.postByID(id).Title; got != "Lavori in via Roma: rinviati" {
		t.Errorf("title after edit %q", got)
	}
	actions := n.auditActions()
	if !slices.Contains(actions, "post.create") || !slices.Contains(actions, "post.update") {
		t.Errorf("audit %v", actions)
	}
}

// TestPostFormRefusesBadInput sends one wrong field at a time: each gets a
// 422 naming the problem, and nothing is stored.
func TestPostFormRefusesBadInput(t *testing.T) {
	n := newNewsroom(t)
	cases := []struct {
		name string
		set  map[string]string
		want string // message id of the field's error
	}{
		{"no title", map[string]string{"title": "  "}, "admin.posts.error_title_empty"},
		{"long title", map[string]string{"title": strings.Repeat("a", 201)}, "admin.posts.error_title_long"},
		{"unknown kind", map[string]string{"kind": "volantino"}, "admin.posts.error_kind"},
		{"script link", map[string]string{"link": "javascript:alert(1)"}, "admin.posts.error_link"},
		{"relative link", map[string]string{"link": "/lavori"}, "admin.posts.error_link"},
		{"event without date", map[string]string{"kind": store.PostEvent}, "admin.posts.error_when_empty"},
		{"event with a bad date", map[string]string{"kind": store.PostEvent, "event_at": "domani"}, "admin.posts.error_when"},
		{"no topic", map[string]string{"topic": ""}, "admin.posts.error_topics"},
		{"unknown topic", map[string]string{"topic": "99999"}, "admin.posts.error_topics"},
		{"unknown audience", map[string]string{"audience": "amici"}, "admin.posts.error_audience"},
		{"area without zones", map[string]string{"audience": store.AudienceArea}, "admin.posts.error_zones"},
		{"broken polygon", map[string]string{"audience": store.AudienceArea, "area_mode": areaPolygon, "polygon": `{"type":"Point","coordinates":[7,45]}`}, "admin.posts.error_polygon"},
		{"circle latitude", map[string]string{"audience": store.AudienceArea, "area_mode": areaCircle, "lat": "95", "lon": "7.68", "radius": "500"}, "admin.posts.error_circle_lat"},
		{"circle longitude", map[string]string{"audience": store.AudienceArea, "area_mode": areaCircle, "lat": "45", "lon": "est", "radius": "500"}, "admin.posts.error_circle_lon"},
		{"circle radius", map[string]string{"audience": store.AudienceArea, "area_mode": areaCircle, "lat": "45", "lon": "7.68", "radius": "0"}, "admin.posts.error_circle_radius"},
		{"circle too large", map[string]string{"audience": store.AudienceArea, "area_mode": areaCircle, "lat": "45", "lon": "7.68", "radius": "60000"}, "admin.posts.error_circle_radius"},
		{"unknown loudness", map[string]string{"loudness": "fortissimo"}, "admin.posts.error_loudness"},
		{"publish time passed", map[string]string{"publish_at": "2027-03-20T12:59"}, "admin.posts.error_publish_past"},
		{"publish time the clocks skip", map[string]string{"publish_at": "2027-03-28T02:30"}, "admin.posts.error_when_skipped"},
		{"everyone for news", map[string]string{"audience": store.AudienceEveryone}, "admin.posts.error_everyone_kind"},
	}
	cat := n.s.cat
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := n.newsForm(n.adCSRF)
			for k, v := range c.set {
				if v == "" {
					form.Del(k)
				} else {
					form.Set(k, v)
				}
			}
			resp, body := n.post(n.ad, "/admin/posts", form)
			want := messageStart(cat.T("it", c.want, nil))
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, htmlEscape(want)) {
				t.Errorf("%d, want %q in the page", resp.StatusCode, want)
			}
			if n.countPosts() != 0 {
				t.Fatal("a refused form stored a post")
			}
		})
	}
}

func TestPostFileIsCheckedAndStored(t *testing.T) {
	n := newNewsroom(t)
	form := n.newsForm(n.edCSRF)
	resp, body := n.multipartPost(n.ed, "/admin/posts", form, "media", "volantino.exe", []byte("MZ\x90\x00 not a picture"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, htmlEscape(n.s.cat.T("it", "admin.posts.error_media_kind", nil))) {
		t.Fatalf("a program as the photo: %d", resp.StatusCode)
	}
	if n.countPosts() != 0 {
		t.Fatal("a refused file stored a post")
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	resp, _ = n.multipartPost(n.ed, "/admin/posts", form, "media", `C:\Documenti\ordinanza 12.pdf`, pdf)
	m := postLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("a PDF: %d", resp.StatusCode)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	p := n.postByID(id)
	if p.MediaKind != "document" || p.MediaName != "ordinanza 12.pdf" || !strings.HasSuffix(p.MediaPath, ".pdf") {
		t.Fatalf("stored %q %q %q", p.MediaKind, p.MediaName, p.MediaPath)
	}
	r, got := n.get(n.ed, "/admin/posts/"+m[1]+"/media")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || got != string(pdf) {
		t.Fatalf("served %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

func TestPostThatWentOutCannotBeEdited(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	if err := n.st.SetPostStatus(context.Background(), id, store.PostSent, []string{store.PostDraft}, 1); err != nil {
		t.Fatal(err)
	}
	path := "/admin/posts/" + strconv.FormatInt(id, 10) + "/edit"
	if resp, _ := n.get(n.ed, path); resp.StatusCode != http.StatusConflict {
		t.Errorf("edit form of a sent post: %d", resp.StatusCode)
	}
	form := n.newsForm(n.edCSRF)
	form.Set("title", "Cambiato dopo l'invio")
	if resp, _ := n.post(n.ed, path, form); resp.StatusCode != http.StatusConflict {
		t.Errorf("edit of a sent post: %d", resp.StatusCode)
	}
	if n.postByID(id).Title != "Lavori in via Roma" {
		t.Error("a sent post changed")
	}
}

func TestPostWithoutCSRFTokenIsRefused(t *testing.T) {
	n := newNewsroom(t)
	form := n.newsForm("")
	form.Del("csrf")
	if resp, _ := n.post(n.ed, "/admin/posts", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	if n.countPosts() != 0 {
		t.Error("a post without a token was stored")
	}
}
