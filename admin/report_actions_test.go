package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

const squareZone = `{"type":"Polygon","coordinates":[[[7.6,45.0],[7.8,45.0],[7.8,45.2],[7.6,45.2],[7.6,45.0]]]}`

func TestReportDetailShowsTimelineMapAndActions(t *testing.T) {
	in := newInbox(t)
	ctx := context.Background()
	if err := in.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: squareZone}}); err != nil {
		t.Fatal(err)
	}
	r := in.report("Buca <b>grande</b>", in.cats[0].ID, store.ReportNew)
	if _, err := in.st.AddReportEvent(ctx, store.ReportEvent{ReportID: r.ID, Kind: store.EventComment, Author: store.Author{Kind: store.AuthorCitizen, Name: "Anna"}, Text: "è peggiorata"}); err != nil {
		t.Fatal(err)
	}
	resp, body := in.get(in.c, "/admin/reports/"+itoa(r.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	for _, want := range []string{r.Number, "<svg", "Centro", "openstreetmap.org/?mlat=45.070000", "Buca &lt;b&gt;grande&lt;/b&gt;",
		"messaggio del cittadino", "è peggiorata", `name="csrf"`, `value="presa_in_carico"`, "/admin/reports/" + itoa(r.ID) + "/reply"} {
		if !strings.Contains(body, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	if strings.Contains(body, `<option value="nuova"`) || strings.Contains(body, `<option value="duplicata"`) {
		t.Error("the status form offers a status the report cannot move to")
	}
	if resp, _ := in.get(in.c, "/admin/reports/999999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown report: %d", resp.StatusCode)
	}
}

func TestStatusChangeNotifiesTheCitizenAndIllegalOnesAreRefused(t *testing.T) {
	in := newInbox(t)
	r := in.report("Buca", in.cats[0].ID, store.ReportNew)
	path := "/admin/reports/" + itoa(r.ID)
	resp, _ := in.post(in.c, path+"/status", url.Values{"csrf": {in.csrf}, "status": {store.ReportTaken}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=status" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	after, _ := in.st.ReportByID(context.Background(), r.ID)
	if after.Status != store.ReportTaken {
		t.Fatalf("status %s", after.Status)
	}
	ev := in.timeline(r.ID)
	if last := ev[len(ev)-1]; last.Kind != store.EventStatus || last.Author.Name != "op" || last.ToStatus != store.ReportTaken {
		t.Errorf("timeline %+v", last)
	}
	if msgs := in.outboxTo(in.citizen.ChatID); len(msgs) != 1 || !strings.Contains(msgs[0], r.Number) {
		t.Errorf("citizen's outbox %q", msgs)
	}
	if in.woken != 1 {
		t.Errorf("sender woken %d times", in.woken)
	}
	_, body := in.get(in.c, path+"?done=status")
	if !strings.Contains(body, "Stato cambiato") {
		t.Error("no notice after the redirect")
	}
	// presa_in_carico -> nuova is not a transition.
	resp, body = in.post(in.c, path+"/status", url.Values{"csrf": {in.csrf}, "status": {store.ReportNew}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "non può passare a") {
		t.Fatalf("illegal transition: %d", resp.StatusCode)
	}
	if after, _ := in.st.ReportByID(context.Background(), r.ID); after.Status != store.ReportTaken {
		t.Error("an illegal transition changed the status")
	}
	if len(in.outboxTo(in.citizen.ChatID)) != 1 {
		t.Error("an illegal transition enqueued a message")
	}
	if got := strings.Join(in.auditActions(), ","); got != "report.status" {
		t.Errorf("audit %s", got)
	}
}

func TestReplyReachesTheCitizenAndNoteDoesNot(t *testing.T) {
	in := newInbox(t)
	r := in.report("Buca", in.cats[0].ID, store.ReportNew)
	path := "/admin/reports/" + itoa(r.ID)
	if resp, _ := in.post(in.c, path+"/reply", url.Values{"csrf": {in.csrf}, "text": {"Arriviamo domani"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply %d", resp.StatusCode)
	}
	msgs := in.outboxTo(in.citizen.ChatID)
	if len(msgs) != 1 || !strings.Contains(msgs[0], "Arriviamo domani") {
		t.Fatalf("citizen's outbox %q", msgs)
	}
	if resp, _ := in.post(in.c, path+"/note", url.Values{"csrf": {in.csrf}, "text": {"Chiamare il geometra"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("note %d", resp.StatusCode)
	}
	if got := in.outboxTo(in.citizen.ChatID); len(got) != 1 {
		t.Errorf("the note was enqueued: %q", got)
	}
	resp, body := in.post(in.c, path+"/reply", url.Values{"csrf": {in.csrf}, "text": {"   "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Scrivi un testo") {
		t.Errorf("empty reply %d", resp.StatusCode)
	}
	_, body = in.get(in.c, path)
	if !strings.Contains(body, "Chiamare il geometra") || !strings.Contains(body, "interna, non inviata") || !strings.Contains(body, "Arriviamo domani") {
		t.Error("the timeline lacks the reply or the internal note")
	}
	if got := strings.Join(in.auditActions(), ","); got != "report.note,report.reply" {
		t.Errorf("audit %s", got)
	}
}

func TestMarkDuplicate(t *testing.T) {
	in := newInbox(t)
	orig := in.report("Buca", in.cats[0].ID, store.ReportNew)
	dup := in.report("La stessa buca", in.cats[0].ID, store.ReportNew)
	path := "/admin/reports/" + itoa(dup.ID)
	resp, body := in.post(in.c, path+"/duplicate", url.Values{"csrf": {in.csrf}, "of": {"2000-999999"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "2000-999999") {
		t.Fatalf("unknown number %d", resp.StatusCode)
	}
	if resp, _ = in.post(in.c, path+"/duplicate", url.Values{"csrf": {in.csrf}, "of": {orig.Number}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("duplicate %d", resp.StatusCode)
	}
	after, _ := in.st.ReportByID(context.Background(), dup.ID)
	if after.Status != store.ReportDuplicate || after.DuplicateOf != orig.ID {
		t.Errorf("%+v", after)
	}
	_, body = in.get(in.c, path)
	if !strings.Contains(body, `href="/admin/reports/`+itoa(orig.ID)+`">`+orig.Number) {
		t.Error("the detail does not link the original")
	}
}

func TestReportActionWithoutCSRFIsRefused(t *testing.T) {
	in := newInbox(t)
	r := in.report("Buca", in.cats[0].ID, store.ReportNew)
	resp, _ := in.post(in.c, "/admin/reports/"+itoa(r.ID)+"/status", url.Values{"status": {store.ReportTaken}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("%d", resp.StatusCode)
	}
	if after, _ := in.st.ReportByID(context.Background(), r.ID); after.Status != store.ReportNew {
		t.Error("status changed without a token")
	}
}
