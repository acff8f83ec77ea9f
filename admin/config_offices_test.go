package admin

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

func TestCreateAndEditAnOffice(t *testing.T) {
	d := newConfigDesk(t)
	resp, body := d.send("/admin/config/offices/new", url.Values{"name": {" Servizi   sociali "}, "email": {" sociali@comune.example.it "}})
	redirectedTo(t, resp, body, "/admin/config/categories?done=office_created")
	o := d.office("Servizi sociali")
	if o.Email != "sociali@comune.example.it" {
		t.Errorf("email %q", o.Email)
	}
	_, list := d.get(d.c, "/admin/config/categories?done=office_created")
	for _, want := range []string{d.text("admin.config.done_office_created"), "Servizi sociali", "sociali@comune.example.it"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q", want)
		}
	}

	// The next report of a category of this office is mailed to the new
	// address: the email reads the office when it is composed.
	resp, body = d.send("/admin/config/offices/"+idStr(o.ID), url.Values{"name": {"Servizi sociali"}, "email": {"welfare@comune.example.it"}})
	redirectedTo(t, resp, body, "/admin/config/categories?done=office_saved")
	if got, _ := d.st.OfficeByID(context.Background(), o.ID); got.Email != "welfare@comune.example.it" {
		t.Errorf("after edit %+v", got)
	}
	// An empty address is allowed: that office gets no email.
	resp, body = d.send("/admin/config/offices/"+idStr(o.ID), url.Values{"name": {"Servizi sociali"}, "email": {""}})
	redirectedTo(t, resp, body, "/admin/config/categories?done=office_saved")

	audits := d.audits("config.office.")
	if len(audits) != 3 || audits[0].Action != "config.office.create" || audits[1].Action != "config.office.update" ||
		!strings.Contains(audits[1].Details, `email: "sociali@comune.example.it" → "welfare@comune.example.it"`) {
		t.Fatalf("audit %+v", audits)
	}
}

func TestOfficeFormRefusesWrongValuesAndChangesNothing(t *testing.T) {
	d := newConfigDesk(t)
	urp := d.office("URP")
	emailMsg := d.text("admin.config.error_email")
	for _, c := range []struct {
		label, path, name, email, msg string
	}{
		{"no name", "new", "  ", "x@comune.example.it", d.text("admin.config.error_name_required")},
		{"a name too long", "new", strings.Repeat("u", cfgNameMax+1), "", d.text("admin.config.error_name_long", "Max", cfgNameMax)},
		{"a name taken, case aside", "new", "urp", "", d.text("admin.config.error_office_name_taken")},
		{"renamed onto another", idStr(urp.ID), "Ufficio Tecnico", "urp@comune.example.it", d.text("admin.config.error_office_name_taken")},
		{"no at sign", "new", "Anagrafe", "anagrafe.comune.example.it", emailMsg},
		{"a display name", "new", "Anagrafe", "Anagrafe <anagrafe@comune.example.it>", emailMsg},
		{"two addresses", "new", "Anagrafe", "a@comune.example.it, b@comune.example.it", emailMsg},
		{"a domain without a dot", "new", "Anagrafe", "anagrafe@comune", emailMsg},
		{"a domain ending in a dot", "new", "Anagrafe", "anagrafe@comune.", emailMsg},
		{"a change of address that is wrong", idStr(urp.ID), "URP", "urp@@comune.example.it", emailMsg},
		{"a name taken and a wrong address at once", "new", "Urp", "urp@comune", d.text("admin.config.error_office_name_taken") + "</p>"},
	} {
		t.Run(c.label, func(t *testing.T) {
			before, _ := d.st.Offices(context.Background())
			resp, body := d.send("/admin/config/offices/"+c.path, url.Values{"name": {c.name}, "email": {c.email}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			for _, want := range []string{c.msg, d.text("admin.config.form_errors"), `value="` + template.HTMLEscapeString(c.email) + `"`} {
				if !strings.Contains(body, want) {
					t.Errorf("the form lacks %q", want)
				}
			}
			if c.label == "a name taken and a wrong address at once" && !strings.Contains(body, emailMsg) {
				t.Error("the address is not flagged with the name")
			}
			after, _ := d.st.Offices(context.Background())
			if len(after) != len(before) {
				t.Fatal("an office was created")
			}
			for i := range after {
				if after[i] != before[i] {
					t.Errorf("office changed: %+v", after[i])
				}
			}
		})
	}
	if got := d.audits("config."); len(got) != 0 {
		t.Errorf("refused forms were audited: %+v", got)
	}
}

func TestDeletingAnOfficeInUseIsRefused(t *testing.T) {
	d := newConfigDesk(t)
	ctx := context.Background()
	tech := d.office("Ufficio tecnico")
	resp, body := d.send("/admin/config/offices/"+idStr(tech.ID)+"/delete", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, d.text("admin.config.error_office_in_use")) ||
		!strings.Contains(body, d.text("admin.config.error_office_categories", "Count", 6)) || !strings.Contains(body, d.text("admin.config.error_office_reassign")) {
		t.Fatalf("office of six categories: %d %s", resp.StatusCode, body)
	}

	spare, err := d.st.CreateOffice(ctx, store.Office{Name: "Protezione civile"})
	if err != nil {
		t.Fatal(err)
	}
	op := d.account("operatore", store.RoleOperator, "a long enough password", false)
	if err := d.st.SetStaffScope(ctx, op.ID, []int64{spare.ID}, nil); err != nil {
		t.Fatal(err)
	}
	citizen, _ := d.st.CitizenSeen(ctx, 7, 7, "Anna", "it", true)
	r, err := d.st.CreateReport(ctx, store.NewReport{CitizenID: citizen.ID, ChatID: citizen.ChatID, CategoryID: d.category("segnaletica").ID, Description: "Cartello"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.st.AssignReport(ctx, r.ID, spare.ID, 0, store.Author{Kind: store.AuthorStaff, Name: "capo"}, ""); err != nil {
		t.Fatal(err)
	}
	resp, body = d.send("/admin/config/offices/"+idStr(spare.ID)+"/delete", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, d.text("admin.config.error_office_reports", "Count", 1)) ||
		!strings.Contains(body, d.text("admin.config.error_office_staff", "Count", 1)) || strings.Contains(body, d.text("admin.config.error_office_categories", "Count", 0)) {
		t.Fatalf("office of a report and an operator: %d", resp.StatusCode)
	}
	if _, err := d.st.OfficeByID(ctx, spare.ID); err != nil {
		t.Fatalf("a refused delete removed the office: %v", err)
	}

	if _, err := d.st.AssignReport(ctx, r.ID, 0, 0, store.Author{Kind: store.AuthorStaff, Name: "capo"}, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.st.SetStaffScope(ctx, op.ID, nil, nil); err != nil {
		t.Fatal(err)
	}
	resp, body = d.send("/admin/config/offices/"+idStr(spare.ID)+"/delete", nil)
	redirectedTo(t, resp, body, "/admin/config/categories?done=office_deleted")
	if _, err := d.st.OfficeByID(ctx, spare.ID); err == nil {
		t.Fatal("the unused office is still there")
	}
	if got := d.audits("config.office."); len(got) != 1 || got[0].Action != "config.office.delete" || got[0].Target != "Protezione civile" {
		t.Fatalf("audit %+v", got)
	}
}
