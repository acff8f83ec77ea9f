package admin

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// newsroomNow is the store's clock in these tests: Saturday 20 March
// 2027, 13:00 in Rome, eight days before summer time starts.
var newsroomNow = time.Date(2027, 3, 20, 12, 0, 0, 0, time.UTC)

// newsroom is a harness with an engine and a media folder, an editor and
// an admin signed in, and citizens: Anna and Bruno follow the roadworks
// topic, Carla follows events only, Dario follows nothing.
type newsroom struct {
	*harness
	editor, admin      store.StaffAccount
	ed, ad             *http.Client
	edCSRF, adCSRF     string
	roadworks, events  int64
	anna, bruno, carla store.Citizen
	dario              store.Citizen
}

func newNewsroom(t *testing.T) *newsroom {
	t.Helper()
	h := newHarness(t)
	n := &newsroom{harness: h}
	// A week before the clocks go forward: scheduling tests cross it. Set
	// before the sessions are made, which it dates.
	h.st.SetClock(func() time.Time { return newsroomNow })
	h.s.opt.Engine = flows.NewEngine(flows.Config{Comune: "Comune di Prova"}, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.s.opt.MediaDir = t.TempDir()
	if err := store.PrepareMediaDir(h.s.opt.MediaDir); err != nil {
		t.Fatal(err)
	}
	for _, top := range n.topics() {
		switch top.Slug {
		case "viabilita":
			n.roadworks = top.ID
		case "eventi":
			n.events = top.ID
		}
	}
	if n.roadworks == 0 || n.events == 0 {
		t.Fatal("the starter topics are missing")
	}
	n.anna = n.citizen(601, n.roadworks)
	n.bruno = n.citizen(602, n.roadworks, n.events)
	n.carla = n.citizen(603, n.events)
	n.dario = n.citizen(604)
	n.editor = h.account("redattrice", store.RoleEditor, "a long enough password", false)
	n.admin = h.account("capo", store.RoleAdmin, "a long enough password", false)
	n.ed, n.edCSRF = h.signedInClient(n.editor)
	n.ad, n.adCSRF = h.signedInClient(n.admin)
	return n
}

func (n *newsroom) topics() []store.Topic {
	n.t.Helper()
	tops, err := n.st.Topics(context.Background(), 0)
	if err != nil {
		n.t.Fatal(err)
	}
	return tops
}

func (n *newsroom) citizen(id int64, topics ...int64) store.Citizen {
	n.t.Helper()
	ctx := context.Background()
	c, err := n.st.CitizenSeen(ctx, id, id, "Cittadino "+strconv.FormatInt(id, 10), "it", true)
	if err != nil {
		n.t.Fatal(err)
	}
	if len(topics) > 0 {
		if err := n.st.Subscribe(ctx, c.ID, topics...); err != nil {
			n.t.Fatal(err)
		}
	}
	return c
}

// newsForm is a sound form: news about roadworks to its subscribers.
func (n *newsroom) newsForm(csrf string) url.Values {
	return url.Values{"csrf": {csrf}, "kind": {store.PostNews}, "title": {"Lavori in via Roma"},
		"body": {"<p>Da lunedì <b>via Roma</b> è chiusa.</p>"}, "audience": {store.AudienceTopics},
		"topic": {strconv.FormatInt(n.roadworks, 10)}, "area_mode": {areaZones}, "loudness": {store.LoudnessAuto}}
}

var (
	postLocation = regexp.MustCompile(`^/admin/posts/(\d+)\?`)
	linkCode     = regexp.MustCompile(`/collega ([A-Z0-9]{8})`)
)

// create posts a form as c and returns the new post's id, failing unless
// the answer is the redirect to it.
func (n *newsroom) create(c *http.Client, form url.Values) int64 {
	n.t.Helper()
	resp, body := n.post(c, "/admin/posts", form)
	m := postLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		n.t.Fatalf("create: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func (n *newsroom) postByID(id int64) store.Post {
	n.t.Helper()
	p, err := n.st.PostByID(context.Background(), id)
	if err != nil {
		n.t.Fatal(err)
	}
	return p
}

func (n *newsroom) countPosts() int {
	n.t.Helper()
	posts, err := n.st.ListPosts(context.Background(), store.PostFilter{Limit: 1000})
	if err != nil {
		n.t.Fatal(err)
	}
	return len(posts)
}

// outboxChats lists the chats with pending messages in the outbox.
func (n *newsroom) outboxChats() map[int64]int {
	n.t.Helper()
	items, err := n.st.DueOutbox(context.Background(), n.st.Now().Add(time.Hour).UnixMilli(), 10000)
	if err != nil {
		n.t.Fatal(err)
	}
	out := map[int64]int{}
	for _, it := range items {
		out[it.ChatID]++
	}
	return out
}

// multipartPost sends form with one file as a browser does.
func (n *newsroom) multipartPost(c *http.Client, path string, form url.Values, field, name string, data []byte) (*http.Response, string) {
	n.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		n.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, n.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func htmlEscape(s string) string { return template.HTMLEscapeString(s) }

// messageStart is the first words of a message, before any field's value.
func messageStart(s string) string {
	if i := strings.Index(s, "{{"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "<no value>"); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	return string(r[:min(len(r), 25)])
}
