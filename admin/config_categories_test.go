package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// category finds a seeded or created category by slug.
func (d *configDesk) category(slug string) store.Category {
	d.t.Helper()
	ctx := context.Background()
	tops, err := d.st.Categories(ctx, 0, false)
	if err != nil {
		d.t.Fatal(err)
	}
	for _, top := range tops {
		subs, _ := d.st.Categories(ctx, top.ID, false)
		for _, c := range append([]store.Category{top}, subs...) {
			if c.Slug == slug {
				return c
			}
		}
	}
	d.t.Fatalf("no category %q", slug)
	return store.Category{}
}

func (d *configDesk) office(name string) store.Office {
	d.t.Helper()
	offices, err := d.st.Offices(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	for _, o := range offices {
		if o.Name == name {
			return o
		}
	}
	d.t.Fatalf("no office %q", name)
	return store.Office{}
}

func idStr(n int64) string { return strconv.FormatInt(n, 10) }

// offeredToCitizens tells whether the citizen's picker lists the category
// under parentID.
func (d *configDesk) offeredToCitizens(parentID, categoryID int64) bool {
	d.t.Helper()
	open, err := d.st.Categories(context.Background(), parentID, true)
	if err != nil {
		d.t.Fatal(err)
	}
	for _, c := range open {
		if c.ID == categoryID {
			return true
		}
	}
	return false
}

func TestCreateAndEditACategoryShowToCitizensAtOnce(t *testing.T) {
	d := newConfigDesk(t)
	strade, tech, urp := d.category("strade"), d.office("Ufficio tecnico"), d.office("URP")

	if resp, body := d.get(d.c, "/admin/config/categories/new?parent="+idStr(strade.ID)); resp.StatusCode != http.StatusOK ||
		!strings.Contains(body, fmt.Sprintf(`<option value="%d" selected>`, strade.ID)) {
		t.Fatalf("new form: %d, parent not preselected", resp.StatusCode)
	}
	resp, body := d.send("/admin/config/categories/new", url.Values{"name_it": {"  Tombino   rotto "}, "name_en": {"Broken drain"}, "name_de": {""},
		"parent": {idStr(strade.ID)}, "office": {idStr(tech.ID)}, "open": {"1"}, "service_days": {"12"}, "position": {""}})
	redirectedTo(t, resp, body, "/admin/config/categories?done=category_created")
	c := d.category("tombino-rotto")
	want := store.Category{ID: c.ID, ParentID: strade.ID, Slug: "tombino-rotto", Position: 3, NameIT: "Tombino rotto", NameEN: "Broken drain",
		OfficeID: tech.ID, OpenToCitizens: true, ServiceDays: 12}
	if c != want {
		t.Fatalf("created %+v, want %+v", c, want)
	}
	if !d.offeredToCitizens(strade.ID, c.ID) {
		t.Error("citizens are not offered the new category")
	}
	_, list := d.get(d.c, "/admin/config/categories?done=category_created")
	for _, want := range []string{d.text("admin.config.done_category_created"), "Tombino rotto", "Broken drain", `href="/admin/config/categories/` + idStr(c.ID) + `"`} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q", want)
		}
	}

	// Made internal, moved to the top level, another office: citizens no
	// longer see it, and the slug stays.
	resp, body = d.send("/admin/config/categories/"+idStr(c.ID), url.Values{"name_it": {"Tombino intasato"}, "name_en": {"Blocked drain"}, "name_de": {"Verstopfter Gully"},
		"parent": {""}, "office": {idStr(urp.ID)}, "open": {"0"}, "service_days": {"5"}, "position": {"2"}})
	redirectedTo(t, resp, body, "/admin/config/categories?done=category_saved")
	got, _ := d.st.CategoryByID(context.Background(), c.ID)
	want = store.Category{ID: c.ID, Slug: "tombino-rotto", Position: 2, NameIT: "Tombino intasato", NameEN: "Blocked drain", NameDE: "Verstopfter Gully",
		OfficeID: urp.ID, ServiceDays: 5}
	if got != want {
		t.Fatalf("updated %+v, want %+v", got, want)
	}
	if d.offeredToCitizens(0, c.ID) || d.offeredToCitizens(strade.ID, c.ID) {
		t.Error("citizens are still offered an internal category")
	}

	audits := d.audits("config.category.")
	if len(audits) != 2 || audits[0].Action != "config.category.create" || audits[1].Action != "config.category.update" || audits[1].Target != "tombino-rotto" {
		t.Fatalf("audit %+v", audits)
	}
	for _, want := range []string{`name_it: "Tombino rotto" → "Tombino intasato"`, `open: "true" → "false"`, `parent: "` + idStr(strade.ID) + `" → ""`} {
		if !strings.Contains(audits[1].Details, want) {
			t.Errorf("update audit %q lacks %q", audits[1].Details, want)
		}
	}
}

// Every wrong value comes back on the form with the clerk's input and its
// message, with status 422, and changes nothing.
func TestCategoryFormRefusesWrongValuesAndChangesNothing(t *testing.T) {
	d := newConfigDesk(t)
	strade, buca, segnaletica := d.category("strade"), d.category("strade-buca"), d.category("segnaletica")
	valid := func(changes ...string) url.Values {
		v := url.Values{"name_it": {"Panchina rotta"}, "name_en": {""}, "name_de": {""}, "parent": {""}, "office": {""}, "open": {"1"}, "service_days": {"30"}, "position": {""}}
		for i := 0; i+1 < len(changes); i += 2 {
			v.Set(changes[i], changes[i+1])
		}
		return v
	}
	long := strings.Repeat("a", cfgNameMax+1)
	for _, c := range []struct {
		label, path string
		form        url.Values
		msg         string
		kept        string
	}{
		{"no Italian name", "new", valid("name_it", "   ", "name_en", "Broken bench"), d.text("admin.config.error_name_required"), `value="Broken bench"`},
		{"a name too long", "new", valid("name_en", long), d.text("admin.config.error_name_long", "Max", cfgNameMax), long},
		{"zero service days", "new", valid("service_days", "0"), d.text("admin.config.error_service_days", "Max", 365), `value="0"`},
		{"a year and a day", "new", valid("service_days", "366"), d.text("admin.config.error_service_days", "Max", 365), `value="366"`},
		{"days in words", "new", valid("service_days", "trenta"), d.text("admin.config.error_service_days", "Max", 365), `value="trenta"`},
		{"position zero", "new", valid("position", "0"), d.text("admin.config.error_position", "Max", cfgPositionMax), "Panchina rotta"},
		{"position in words", "new", valid("position", "primo"), d.text("admin.config.error_position", "Max", cfgPositionMax), `value="primo"`},
		{"open neither yes nor no", "new", valid("open", "forse"), d.text("admin.config.error_open"), "Panchina rotta"},
		{"a parent that is a subcategory", "new", valid("parent", idStr(buca.ID)), d.text("admin.config.error_parent"), "Panchina rotta"},
		{"a parent that does not exist", "new", valid("parent", "99999"), d.text("admin.config.error_parent"), "Panchina rotta"},
		{"a parent that is no number", "new", valid("parent", "strade"), d.text("admin.config.error_parent"), "Panchina rotta"},
		{"an office that does not exist", "new", valid("office", "99999"), d.text("admin.config.error_office"), "Panchina rotta"},
		{"a name its level has", "new", valid("name_it", "buca", "parent", idStr(strade.ID)), d.text("admin.config.error_name_taken"), `value="buca"`},
		{"its own parent", idStr(segnaletica.ID), valid("name_it", "Segnaletica", "parent", idStr(segnaletica.ID)), d.text("admin.config.error_parent"), `value="Segnaletica"`},
		{"a parent with subcategories under another", idStr(strade.ID), valid("name_it", "Strade", "parent", idStr(segnaletica.ID)), d.text("admin.config.error_nesting"), `value="Strade"`},
	} {
		t.Run(c.label, func(t *testing.T) {
			before := d.categoryCount()
			seg, _ := d.st.CategoryByID(context.Background(), segnaletica.ID)
			str, _ := d.st.CategoryByID(context.Background(), strade.ID)
			resp, body := d.send("/admin/config/categories/"+c.path, c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			for _, want := range []string{c.msg, d.text("admin.config.form_errors"), c.kept, `aria-invalid="true"`} {
				if !strings.Contains(body, want) {
					t.Errorf("the form lacks %q", want)
				}
			}
			if d.categoryCount() != before {
				t.Error("a category was created")
			}
			if after, _ := d.st.CategoryByID(context.Background(), segnaletica.ID); after != seg {
				t.Errorf("segnaletica changed: %+v", after)
			}
			if after, _ := d.st.CategoryByID(context.Background(), strade.ID); after != str {
				t.Errorf("strade changed: %+v", after)
			}
		})
	}
	if got := d.audits("config."); len(got) != 0 {
		t.Errorf("refused forms were audited: %+v", got)
	}
}

func (d *configDesk) categoryCount() int {
	d.t.Helper()
	n := 0
	tops, _ := d.st.Categories(context.Background(), 0, false)
	for _, top := range tops {
		subs, _ := d.st.Categories(context.Background(), top.ID, false)
		n += 1 + len(subs)
	}
	return n
}

func TestDeletingACategoryInUseIsRefusedWithAWayOut(t *testing.T) {
	d := newConfigDesk(t)
	ctx := context.Background()
	buca, strade, sopralluogo := d.category("strade-buca"), d.category("strade"), d.category("interno-sopralluogo")
	citizen, err := d.st.CitizenSeen(ctx, 7, 7, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.st.CreateReport(ctx, store.NewReport{CitizenID: citizen.ID, ChatID: citizen.ChatID, CategoryID: buca.ID, Description: "Buca"}); err != nil {
		t.Fatal(err)
	}

	resp, body := d.send("/admin/config/categories/"+idStr(buca.ID)+"/delete", nil)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("category with a report: %d", resp.StatusCode)
	}
	for _, want := range []string{d.text("admin.config.error_category_in_use"), d.text("admin.config.error_category_reports", "Count", 1),
		d.text("admin.config.error_category_make_internal"), `value="Buca"`} {
		if !strings.Contains(body, want) {
			t.Errorf("refusal lacks %q", want)
		}
	}
	if strings.Contains(body, d.text("admin.config.error_category_subcategories", "Count", 0)) {
		t.Error("the refusal counts subcategories it does not have")
	}
	resp, body = d.send("/admin/config/categories/"+idStr(strade.ID)+"/delete", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, d.text("admin.config.error_category_subcategories", "Count", 2)) ||
		strings.Contains(body, d.text("admin.config.error_category_reports", "Count", 0)) {
		t.Fatalf("category with subcategories: %d", resp.StatusCode)
	}
	if d.categoryCount() != 13 {
		t.Fatal("a refused delete removed a category")
	}

	resp, body = d.send("/admin/config/categories/"+idStr(sopralluogo.ID)+"/delete", nil)
	redirectedTo(t, resp, body, "/admin/config/categories?done=category_deleted")
	if _, err := d.st.CategoryByID(ctx, sopralluogo.ID); err == nil {
		t.Fatal("the unused category is still there")
	}
	if got := d.audits("config.category."); len(got) != 1 || got[0].Action != "config.category.delete" || got[0].Target != "interno-sopralluogo" {
		t.Fatalf("audit %+v", got)
	}
}
