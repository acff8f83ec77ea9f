package admin

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

func TestAssigningToAPersonBringsTheReportIntoTheirInbox(t *testing.T) {
	sc := newScoped(t)
	ctx := context.Background()
	road := sc.report("Buca", sc.categoryID("strade"), store.ReportNew)
	waste := sc.report("Sacchi abbandonati", sc.categoryID("rifiuti"), store.ReportNew)
	if err := sc.st.UpdateStaffProfile(ctx, sc.roads.ID, "Maria Rossi", store.RoleOperator); err != nil {
		t.Fatal(err)
	}
	path := "/admin/reports/" + itoa(waste.ID)

	_, body := sc.get(sc.adminC, path)
	for _, want := range []string{`action="` + path + `/assign"`, `<option value="` + itoa(sc.roads.ID) + `">Maria Rossi</option>`,
		"Ufficio ambiente", "nessuno in particolare (segue la categoria)", "testo non pubblicabile · foto non pubblicabili"} {
		if !strings.Contains(body, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	resp, _ := sc.post(sc.adminC, path+"/assign", url.Values{"csrf": {sc.adminCSRF}, "office": {"0"}, "person": {itoa(sc.roads.ID)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=assign" {
		t.Fatalf("assign %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	ev := sc.timeline(waste.ID)
	if last := ev[len(ev)-1]; last.Kind != store.EventAssigned || last.Text != "Assegnata a Maria Rossi" || last.Author.Name != "boss" {
		t.Errorf("timeline %+v", last)
	}

	// The operator now has it, and it is the only one under "mine".
	_, body = sc.get(sc.roadsC, "/admin/reports")
	if got := strings.Join(numbersIn(body), ","); got != waste.Number+","+road.Number {
		t.Errorf("operator's inbox %s", got)
	}
	_, body = sc.get(sc.roadsC, "/admin/reports?mine=1")
	if got := strings.Join(numbersIn(body), ","); got != waste.Number || !strings.Contains(body, `name="mine" value="1" checked`) {
		t.Errorf("mine %s", got)
	}
	if !strings.Contains(body, "mine=1&amp;status=nuova") {
		t.Error("the counters drop the mine filter")
	}
	if !strings.Contains(body, "<td>Maria Rossi</td>") {
		t.Error("the inbox does not say whom the report is assigned to")
	}
	_, csv := sc.get(sc.roadsC, "/admin/reports/export.csv?mine=1")
	if strings.Count(strings.TrimSpace(csv), "\n") != 1 || !strings.Contains(csv, waste.Number) {
		t.Errorf("mine export:\n%s", csv)
	}

	// Office and person together, named in the timeline and the facts.
	env := sc.officeID("Ufficio ambiente")
	resp, _ = sc.post(sc.roadsC, path+"/assign", url.Values{"csrf": {sc.roadsCSRF}, "office": {itoa(env)}, "person": {itoa(sc.roads.ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign office and person %d", resp.StatusCode)
	}
	_, body = sc.get(sc.roadsC, path+"?done=assign")
	for _, want := range []string{"Assegnazione salvata", "<dd>Ufficio ambiente · Maria Rossi</dd>", "<strong>assegnazione</strong>",
		"Assegnata a Ufficio ambiente · Maria Rossi", `<option value="` + itoa(env) + `" selected>`} {
		if !strings.Contains(body, want) {
			t.Errorf("detail after assignment lacks %q", want)
		}
	}
	if got := strings.Join(sc.auditActions(), ","); got != "report.assign,reports.export,report.assign" {
		t.Errorf("audit %s", got)
	}

	// The same again changes nothing, and says so.
	resp, _ = sc.post(sc.roadsC, path+"/assign", url.Values{"csrf": {sc.roadsCSRF}, "office": {itoa(env)}, "person": {itoa(sc.roads.ID)}})
	if resp.Header.Get("Location") != path+"?done=unchanged" || len(sc.timeline(waste.ID)) != len(ev)+1 {
		t.Errorf("unchanged assignment: %s", resp.Header.Get("Location"))
	}

	// Handed away from the operator: back to the inbox, the report gone.
	resp, _ = sc.post(sc.roadsC, path+"/assign", url.Values{"csrf": {sc.roadsCSRF}, "office": {itoa(env)}, "person": {""}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/reports?done=assigned_away" {
		t.Fatalf("assigned away %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body = sc.get(sc.roadsC, "/admin/reports?done=assigned_away"); !strings.Contains(body, "non la vedi più") {
		t.Error("no notice after assigning away")
	}
	if resp, _ := sc.get(sc.roadsC, path); resp.StatusCode != http.StatusNotFound {
		t.Errorf("report assigned away: %d", resp.StatusCode)
	}
	// Clearing both sends it back to its category's office.
	resp, _ = sc.post(sc.adminC, path+"/assign", url.Values{"csrf": {sc.adminCSRF}})
	ev = sc.timeline(waste.ID)
	if last := ev[len(ev)-1]; resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(last.Text, "Assegnazione tolta") {
		t.Errorf("clear %d %+v", resp.StatusCode, last)
	}
}

func TestWrongAssignmentIsRefusedAndChangesNothing(t *testing.T) {
	sc := newScoped(t)
	ctx := context.Background()
	waste := sc.report("Sacchi", sc.categoryID("rifiuti"), store.ReportNew)
	editor := sc.account("ed", store.RoleEditor, "a long enough password", false)
	gone := sc.account("gone", store.RoleOperator, "a long enough password", false)
	if err := sc.st.SetStaffDisabled(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	path := "/admin/reports/" + itoa(waste.ID) + "/assign"
	before := len(sc.timeline(waste.ID))
	for _, c := range []struct {
		name, office, person, want string
	}{
		{"office not a number", "abc", "", "Questo ufficio non esiste"},
		{"negative office", "-3", "", "Questo ufficio non esiste"},
		{"unknown office", "999999", "", "Questo ufficio non esiste"},
		{"person not a number", "", "x", "Questa persona non può ricevere segnalazioni"},
		{"unknown person", "", "999999", "Questa persona non può ricevere segnalazioni"},
		{"editor", "", itoa(editor.ID), "Questa persona non può ricevere segnalazioni"},
		{"disabled operator", "", itoa(gone.ID), "Questa persona non può ricevere segnalazioni"},
	} {
		resp, body := sc.post(sc.adminC, path, url.Values{"csrf": {sc.adminCSRF}, "office": {c.office}, "person": {c.person}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d", c.name, resp.StatusCode)
		}
	}
	after, _ := sc.st.ReportByID(ctx, waste.ID)
	if after.AssignedOfficeID != 0 || after.AssignedStaffID != 0 || len(sc.timeline(waste.ID)) != before || len(sc.auditActions()) != 0 {
		t.Errorf("a refused assignment changed something: %+v", after)
	}
}

func TestPublicationIsApprovedForTextAndPhotosApart(t *testing.T) {
	sc := newScoped(t)
	ctx := context.Background()
	road := sc.report("Buca", sc.categoryID("strade"), store.ReportNew)
	path := "/admin/reports/" + itoa(road.ID)

	resp, _ := sc.post(sc.roadsC, path+"/publication", url.Values{"csrf": {sc.roadsCSRF}, "text": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=publication" {
		t.Fatalf("publication %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	after, _ := sc.st.ReportByID(ctx, road.ID)
	if !after.PublishText || after.PublishPhotos {
		t.Fatalf("text only: %+v", after)
	}
	ev := sc.timeline(road.ID)
	if last := ev[len(ev)-1]; last.Kind != store.EventPublication || last.Text != "testo pubblicabile · foto non pubblicabili" {
		t.Errorf("timeline %+v", last)
	}
	_, body := sc.get(sc.roadsC, path+"?done=publication")
	for _, want := range []string{"Pubblicazione salvata", "<dd>testo pubblicabile · foto non pubblicabili</dd>", "<strong>pubblicazione</strong>",
		`id="a-publish-text" name="text" value="1" checked`, `id="a-publish-photos" name="photos" value="1">`} {
		if !strings.Contains(body, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	resp, _ = sc.post(sc.roadsC, path+"/publication", url.Values{"csrf": {sc.roadsCSRF}, "photos": {"1"}})
	if after, _ = sc.st.ReportByID(ctx, road.ID); resp.StatusCode != http.StatusSeeOther || after.PublishText || !after.PublishPhotos {
		t.Errorf("photos only: %d %+v", resp.StatusCode, after)
	}
	if got := strings.Join(sc.auditActions(), ","); got != "report.publication,report.publication" {
		t.Errorf("audit %s", got)
	}

	// A value our form never sends changes nothing.
	before := len(sc.timeline(road.ID))
	resp, body = sc.post(sc.roadsC, path+"/publication", url.Values{"csrf": {sc.roadsCSRF}, "text": {"yes"}, "photos": {"1"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Il modulo della pubblicazione non è valido") {
		t.Errorf("bad value %d", resp.StatusCode)
	}
	if after, _ = sc.st.ReportByID(ctx, road.ID); after.PublishText || !after.PublishPhotos || len(sc.timeline(road.ID)) != before {
		t.Errorf("a bad value changed the report: %+v", after)
	}
}

func TestAssignAndPublicationWithoutCSRFAreRefused(t *testing.T) {
	sc := newScoped(t)
	road := sc.report("Buca", sc.categoryID("strade"), store.ReportNew)
	path := "/admin/reports/" + itoa(road.ID)
	if resp, _ := sc.post(sc.roadsC, path+"/assign", url.Values{"person": {itoa(sc.roads.ID)}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("assign %d", resp.StatusCode)
	}
	if resp, _ := sc.post(sc.roadsC, path+"/publication", url.Values{"text": {"1"}, "photos": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("publication %d", resp.StatusCode)
	}
	after, _ := sc.st.ReportByID(context.Background(), road.ID)
	if after.AssignedStaffID != 0 || after.PublishText || after.PublishPhotos || len(sc.timeline(road.ID)) != 1 {
		t.Errorf("changed without a token: %+v", after)
	}
}

// Handed to another office, a report is mailed to it in the same
// transaction as the assignment.
func TestAssigningToAnOfficeMailsIt(t *testing.T) {
	in := newInbox(t)
	in.s.opt.Engine = flows.NewEngine(flows.Config{Comune: "Comune di Prova", MailOffices: true}, locales.MustLoad(), slog.New(slog.DiscardHandler))
	ctx := context.Background()
	rep := in.report("Buca profonda in via Roma", in.cats[0].ID, store.ReportNew)
	offices, err := in.st.Offices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var police store.Office
	for _, o := range offices {
		if o.Name == "Polizia locale" {
			police = o
		}
	}
	resp, _ := in.post(in.c, "/admin/reports/"+itoa(rep.ID)+"/assign", url.Values{"csrf": {in.csrf}, "office": {itoa(police.ID)}, "person": {"0"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	mails, err := in.st.DueMail(ctx, time.Now().Add(time.Hour), 10)
	if err != nil || len(mails) != 1 || mails[0].To != police.Email || !strings.Contains(mails[0].Subject, rep.Number) {
		t.Fatalf("mails %+v %v, want one to %s", mails, err, police.Email)
	}
}

// The clerk a report is handed to hears of it in the chat they linked;
// the one who assigns it to themselves does not.
func TestTheAssignedClerkIsToldInTheirChat(t *testing.T) {
	in := newInbox(t)
	ctx := context.Background()
	maria := in.account("maria", store.RoleOperator, "a long enough password", false)
	code, err := in.st.CreateStaffLinkCode(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	const mariaChat = 900_001
	if _, err := in.st.RedeemStaffLinkCode(ctx, code, mariaChat); err != nil {
		t.Fatal(err)
	}
	rep := in.report("Lampione spento in piazza", in.cats[0].ID, store.ReportNew)
	woken := in.woken
	resp, _ := in.post(in.c, "/admin/reports/"+itoa(rep.ID)+"/assign", url.Values{"csrf": {in.csrf}, "office": {"0"}, "person": {itoa(maria.ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	got := in.outboxTo(mariaChat)
	if len(got) != 1 || !strings.Contains(got[0], rep.Number) || !strings.Contains(got[0], "ti ha assegnato") {
		t.Fatalf("Maria's chat: %q", got)
	}
	if in.woken == woken {
		t.Error("the sender was not woken")
	}
}
