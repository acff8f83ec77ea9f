package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

func (d *configDesk) topic(slug string) store.Topic {
	d.t.Helper()
	all, err := d.st.AllTopics(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	for _, tp := range all {
		if tp.Slug == slug {
			return tp
		}
	}
	d.t.Fatalf("no topic %q", slug)
	return store.Topic{}
}

func (d *configDesk) topicCount() int {
	d.t.Helper()
	all, err := d.st.AllTopics(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	return len(all)
}

func TestCreateAndEditATopic(t *testing.T) {
	d := newConfigDesk(t)
	ctx := context.Background()
	rifiuti := d.topic("rifiuti")
	resp, body := d.send("/admin/config/topics/new", url.Values{"name_it": {"Sfalci e potature"}, "name_en": {"Garden waste"}, "name_de": {""},
		"parent": {idStr(rifiuti.ID)}, "position": {""}})
	redirectedTo(t, resp, body, "/admin/config/topics?done=topic_created")
	tp := d.topic("sfalci-e-potature")
	if tp.ParentID != rifiuti.ID || tp.Position != 6 || tp.NameEN != "Garden waste" {
		t.Fatalf("created %+v", tp)
	}
	// The citizen's keyboard reads the same list.
	subs, _ := d.st.Topics(ctx, rifiuti.ID)
	if len(subs) != 6 || subs[5].ID != tp.ID {
		t.Errorf("subtopics of rifiuti: %+v", subs)
	}

	resp, body = d.send("/admin/config/topics/"+idStr(tp.ID), url.Values{"name_it": {"Verde e potature"}, "name_en": {"Garden waste"}, "name_de": {"Grünschnitt"},
		"parent": {""}, "position": {"1"}})
	redirectedTo(t, resp, body, "/admin/config/topics?done=topic_saved")
	got, _ := d.st.TopicByID(ctx, tp.ID)
	want := store.Topic{ID: tp.ID, ParentID: rifiuti.ID, Slug: "sfalci-e-potature", Position: 1, NameIT: "Verde e potature", NameEN: "Garden waste", NameDE: "Grünschnitt"}
	if got != want {
		t.Fatalf("updated %+v, want %+v (the parent stays)", got, want)
	}
	_, list := d.get(d.c, "/admin/config/topics?done=topic_saved")
	for _, want := range []string{d.text("admin.config.done_topic_saved"), "Verde e potature", "Grünschnitt"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	audits := d.audits("config.topic.")
	if len(audits) != 2 || audits[0].Action != "config.topic.create" || audits[1].Action != "config.topic.update" ||
		!strings.Contains(audits[1].Details, `name_it: "Sfalci e potature" → "Verde e potature"`) || !strings.Contains(audits[1].Details, `position: "6" → "1"`) {
		t.Fatalf("audit %+v", audits)
	}
}

func TestTopicFormRefusesWrongValuesAndChangesNothing(t *testing.T) {
	d := newConfigDesk(t)
	carta, vetro := d.topic("rifiuti-carta"), d.topic("rifiuti-vetro")
	for _, c := range []struct {
		label, path string
		form        url.Values
		msg, kept   string
	}{
		{"no Italian name", "new", url.Values{"name_it": {""}, "name_de": {"Grünschnitt"}}, d.text("admin.config.error_name_required"), `value="Grünschnitt"`},
		{"a name too long", "new", url.Values{"name_it": {strings.Repeat("x", cfgNameMax+1)}}, d.text("admin.config.error_name_long", "Max", cfgNameMax), strings.Repeat("x", cfgNameMax+1)},
		{"under a subtopic", "new", url.Values{"name_it": {"Cartone"}, "parent": {idStr(carta.ID)}}, d.text("admin.config.error_topic_parent"), `value="Cartone"`},
		{"under nothing real", "new", url.Values{"name_it": {"Cartone"}, "parent": {"-3"}}, d.text("admin.config.error_topic_parent"), `value="Cartone"`},
		{"a name its level has", "new", url.Values{"name_it": {"EVENTI"}}, d.text("admin.config.error_name_taken"), `value="EVENTI"`},
		{"renamed onto a sibling", idStr(vetro.ID), url.Values{"name_it": {"Carta"}, "position": {"3"}}, d.text("admin.config.error_name_taken"), `value="Carta"`},
		{"a position in words", idStr(vetro.ID), url.Values{"name_it": {"Vetro"}, "position": {"terzo"}}, d.text("admin.config.error_position", "Max", cfgPositionMax), `value="terzo"`},
	} {
		t.Run(c.label, func(t *testing.T) {
			before := d.topicCount()
			v, _ := d.st.TopicByID(context.Background(), vetro.ID)
			resp, body := d.send("/admin/config/topics/"+c.path, c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			for _, want := range []string{c.msg, d.text("admin.config.form_errors"), c.kept} {
				if !strings.Contains(body, want) {
					t.Errorf("the form lacks %q", want)
				}
			}
			if d.topicCount() != before {
				t.Error("a topic was created")
			}
			if after, _ := d.st.TopicByID(context.Background(), vetro.ID); after != v {
				t.Errorf("vetro changed: %+v", after)
			}
		})
	}
	if got := d.audits("config."); len(got) != 0 {
		t.Errorf("refused forms were audited: %+v", got)
	}
}

// Deleting a followed topic asks first, saying how many citizens lose the
// subscription; confirmed, it removes the topic, its subtopics and every
// consent to them.
func TestDeletingAFollowedTopicAsksThenRemovesTheSubscriptions(t *testing.T) {
	d := newConfigDesk(t)
	ctx := context.Background()
	rifiuti, carta, vetro, eventi := d.topic("rifiuti"), d.topic("rifiuti-carta"), d.topic("rifiuti-vetro"), d.topic("eventi")
	anna, _ := d.st.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	bruno, _ := d.st.CitizenSeen(ctx, 2, 2, "Bruno", "it", true)
	if err := d.st.Subscribe(ctx, anna.ID, carta.ID, vetro.ID, eventi.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.st.Subscribe(ctx, bruno.ID, vetro.ID); err != nil {
		t.Fatal(err)
	}
	path := "/admin/config/topics/" + idStr(rifiuti.ID) + "/delete"

	resp, body := d.send(path, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("first click: %d", resp.StatusCode)
	}
	for _, want := range []string{d.text("admin.config.topic_delete_citizens", "Count", 2, "Name", "Rifiuti"), d.text("admin.config.topic_delete_consent"),
		d.text("admin.config.topic_delete_subtopics", "Count", 5), `name="confirm" value="1"`, `name="citizens" value="2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("confirmation lacks %q", want)
		}
	}
	if d.topicCount() != 10 {
		t.Fatal("the first click deleted")
	}

	// A confirmation for fewer citizens than follow it now asks again.
	resp, body = d.send(path, url.Values{"confirm": {"1"}, "citizens": {"1"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, d.text("admin.config.topic_delete_recounted")) || !strings.Contains(body, `name="citizens" value="2"`) {
		t.Fatalf("stale confirmation: %d", resp.StatusCode)
	}
	if d.topicCount() != 10 {
		t.Fatal("a stale confirmation deleted")
	}

	resp, body = d.send(path, url.Values{"confirm": {"1"}, "citizens": {"2"}})
	redirectedTo(t, resp, body, "/admin/config/topics?done=topic_deleted")
	if d.topicCount() != 4 {
		t.Errorf("%d topics left, want 4", d.topicCount())
	}
	if subs, _ := d.st.SubscribedTopicIDs(ctx, anna.ID); len(subs) != 1 || !subs[eventi.ID] {
		t.Errorf("Anna keeps %v, want eventi only", subs)
	}
	if subs, _ := d.st.SubscribedTopicIDs(ctx, bruno.ID); len(subs) != 0 {
		t.Errorf("Bruno keeps %v", subs)
	}
	audits := d.audits("config.topic.")
	if len(audits) != 1 || audits[0].Action != "config.topic.delete" || audits[0].Target != "rifiuti" ||
		!strings.Contains(audits[0].Details, "subtopics=5 citizens=2 subscriptions=3") {
		t.Fatalf("audit %+v", audits)
	}

	// Nobody follows bandi and it has no subtopics: no question asked.
	resp, body = d.send("/admin/config/topics/"+idStr(d.topic("bandi").ID)+"/delete", nil)
	redirectedTo(t, resp, body, "/admin/config/topics?done=topic_deleted")
	if d.topicCount() != 3 {
		t.Errorf("%d topics left, want 3", d.topicCount())
	}
}
