package admin

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/campanile/campanile/store"
)

// scoped is an inbox with an operator of the Ufficio tecnico ("roads")
// and an admin, each signed in.
type scoped struct {
	*inbox
	roads                store.StaffAccount
	roadsC, adminC       *http.Client
	roadsCSRF, adminCSRF string
}

func newScoped(t *testing.T) *scoped {
	t.Helper()
	in := newInbox(t)
	sc := &scoped{inbox: in}
	sc.roads = in.account("roads", store.RoleOperator, "a long enough password", false)
	if err := in.st.SetStaffScope(context.Background(), sc.roads.ID, []int64{in.officeID("Ufficio tecnico")}, nil); err != nil {
		t.Fatal(err)
	}
	sc.roadsC, sc.roadsCSRF = in.signedInClient(sc.roads)
	sc.adminC, sc.adminCSRF = in.signedInClient(in.account("boss", store.RoleAdmin, "a long enough password", false))
	return sc
}

func (in *inbox) officeID(name string) int64 {
	in.t.Helper()
	offices, err := in.st.Offices(context.Background())
	if err != nil {
		in.t.Fatal(err)
	}
	for _, o := range offices {
		if o.Name == name {
			return o.ID
		}
	}
	in.t.Fatalf("no office %q", name)
	return 0
}

func (in *inbox) categoryID(slug string) int64 {
	in.t.Helper()
	for _, c := range in.cats {
		if c.Slug == slug {
			return c.ID
		}
	}
	in.t.Fatalf("no top-level category %q", slug)
	return 0
}

// withPhoto files a report whose one photo is already in the media folder.
func (in *inbox) withPhoto(desc string, cat int64) store.Report {
	in.t.Helper()
	ctx := context.Background()
	r, err := in.st.CreateReport(ctx, store.NewReport{CitizenID: in.citizen.ID, ChatID: in.citizen.ChatID, AuthorName: "Anna",
		CategoryID: cat, PlaceText: "via Roma 1", Description: desc,
		Photos: []store.ReportPhoto{{Position: 1, FileID: "file-" + desc, FileUniqueID: "u-" + desc}}})
	if err != nil {
		in.t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		in.t.Fatal(err)
	}
	sum, rel, err := store.WriteMedia(in.s.opt.MediaDir, append(buf.Bytes(), desc...), "png")
	if err != nil {
		in.t.Fatal(err)
	}
	if err := in.st.SetPhotoStored(ctx, r.ID, 1, store.StoredMedia{SHA256: sum, Path: rel, Bytes: int64(buf.Len()), Width: 2, Height: 2}); err != nil {
		in.t.Fatal(err)
	}
	return r
}

func numbersIn(body string) []string {
	var out []string
	for _, m := range rowNumber.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestOperatorListsCountsAndExportsOnlyTheirReports(t *testing.T) {
	sc := newScoped(t)
	road := sc.report("Buca in via Roma", sc.categoryID("strade"), store.ReportNew)
	light := sc.report("Lampione spento", sc.categoryID("illuminazione"), store.ReportTaken)
	waste := sc.report("Sacchi abbandonati", sc.categoryID("rifiuti"), store.ReportNew)
	for range 50 {
		sc.report("Cassonetto pieno", sc.categoryID("rifiuti"), store.ReportNew)
	}

	resp, body := sc.get(sc.roadsC, "/admin/reports")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if got := strings.Join(numbersIn(body), ","); got != light.Number+","+road.Number {
		t.Errorf("operator's rows %s", got)
	}
	for _, want := range []string{"<strong>1</strong> nuove", "<strong>1</strong> in corso", "Segnalazioni trovate: 2"} {
		if !strings.Contains(body, want) {
			t.Errorf("operator's inbox lacks %q", want)
		}
	}
	if strings.Contains(body, "page=2") {
		t.Error("the operator's inbox has a second page of reports they cannot see")
	}

	_, csv := sc.get(sc.roadsC, "/admin/reports/export.csv")
	if !strings.Contains(csv, road.Number) || !strings.Contains(csv, light.Number) || strings.Contains(csv, waste.Number) {
		t.Errorf("operator's CSV:\n%s", csv)
	}
	if lines := strings.Count(strings.TrimSpace(csv), "\n"); lines != 2 {
		t.Errorf("operator's CSV has %d rows, want 2", lines)
	}
	resp, xlsx := sc.get(sc.roadsC, "/admin/reports/export.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("xlsx %d", resp.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != 3 || rows[1][0] != light.Number || rows[2][0] != road.Number {
		t.Errorf("operator's XLSX rows %v %v", rows, err)
	}

	// The admin sees every report, over two pages.
	_, body = sc.get(sc.adminC, "/admin/reports")
	if !strings.Contains(body, "Segnalazioni trovate: 53") || !strings.Contains(body, "page=2") {
		t.Error("the admin does not see every report")
	}
	_, csv = sc.get(sc.adminC, "/admin/reports/export.csv")
	if lines := strings.Count(strings.TrimSpace(csv), "\n"); lines != 53 {
		t.Errorf("admin's CSV has %d rows, want 53", lines)
	}
}

func TestReportOutOfScopeIsAnsweredAsUnknown(t *testing.T) {
	sc := newScoped(t)
	ctx := context.Background()
	road := sc.withPhoto("buca", sc.categoryID("strade"))
	waste := sc.withPhoto("sacchi", sc.categoryID("rifiuti"))
	wastePath := "/admin/reports/" + itoa(waste.ID)

	if resp, _ := sc.get(sc.roadsC, "/admin/reports/"+itoa(road.ID)); resp.StatusCode != http.StatusOK {
		t.Fatalf("own report: %d", resp.StatusCode)
	}
	if resp, _ := sc.get(sc.roadsC, "/admin/reports/"+itoa(road.ID)+"/photos/1"); resp.StatusCode != http.StatusOK {
		t.Fatalf("own photo: %d", resp.StatusCode)
	}
	unknownResp, unknown := sc.get(sc.roadsC, "/admin/reports/999999")
	resp, body := sc.get(sc.roadsC, wastePath)
	if resp.StatusCode != http.StatusNotFound || unknownResp.StatusCode != http.StatusNotFound || body != unknown {
		t.Errorf("out of scope %d, unknown %d, same page %v", resp.StatusCode, unknownResp.StatusCode, body == unknown)
	}
	unknownResp, unknown = sc.get(sc.roadsC, "/admin/reports/999999/photos/1")
	resp, body = sc.get(sc.roadsC, wastePath+"/photos/1")
	if resp.StatusCode != http.StatusNotFound || body != unknown {
		t.Errorf("photo out of scope %d %q", resp.StatusCode, body)
	}

	timeline := len(sc.timeline(waste.ID))
	for _, a := range []struct {
		path string
		form url.Values
	}{
		{"/status", url.Values{"status": {store.ReportTaken}}},
		{"/reply", url.Values{"text": {"Arriviamo"}}},
		{"/note", url.Values{"text": {"Da vedere"}}},
		{"/duplicate", url.Values{"of": {road.Number}}},
		{"/assign", url.Values{"person": {itoa(sc.roads.ID)}}},
		{"/publication", url.Values{"text": {"1"}, "photos": {"1"}}},
	} {
		a.form.Set("csrf", sc.roadsCSRF)
		unknownResp, unknown := sc.post(sc.roadsC, "/admin/reports/999999"+a.path, a.form)
		resp, body := sc.post(sc.roadsC, wastePath+a.path, a.form)
		if resp.StatusCode != http.StatusNotFound || unknownResp.StatusCode != http.StatusNotFound || body != unknown {
			t.Errorf("%s out of scope: %d (unknown %d)", a.path, resp.StatusCode, unknownResp.StatusCode)
		}
	}
	after, _ := sc.st.ReportByID(ctx, waste.ID)
	if after.Status != store.ReportNew || after.AssignedStaffID != 0 || after.PublishText || len(sc.timeline(waste.ID)) != timeline {
		t.Errorf("an action out of scope changed the report: %+v", after)
	}
	if msgs := sc.outboxTo(sc.citizen.ChatID); len(msgs) != 0 {
		t.Errorf("an action out of scope enqueued %q", msgs)
	}
	if got := sc.auditActions(); len(got) != 0 {
		t.Errorf("audited %v", got)
	}

	// "Duplicate of" a report out of scope is an unknown number.
	resp, body = sc.post(sc.roadsC, "/admin/reports/"+itoa(road.ID)+"/duplicate", url.Values{"csrf": {sc.roadsCSRF}, "of": {waste.Number}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Nessuna segnalazione ha il numero "+waste.Number) {
		t.Errorf("duplicate of a report out of scope: %d", resp.StatusCode)
	}
	if after, _ := sc.st.ReportByID(ctx, road.ID); after.Status != store.ReportNew {
		t.Errorf("marked duplicate of a report out of scope: %s", after.Status)
	}

	// The admin reaches it all.
	if resp, _ := sc.get(sc.adminC, wastePath); resp.StatusCode != http.StatusOK {
		t.Errorf("admin detail %d", resp.StatusCode)
	}
	if resp, _ := sc.get(sc.adminC, wastePath+"/photos/1"); resp.StatusCode != http.StatusOK {
		t.Errorf("admin photo %d", resp.StatusCode)
	}
	if resp, _ := sc.post(sc.adminC, wastePath+"/note", url.Values{"csrf": {sc.adminCSRF}, "text": {"vista"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin note %d", resp.StatusCode)
	}
}
