package admin

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// itemNamed finds a dictionary item by name, nil when there is none.
func (d *wasteDesk) itemNamed(name string) *store.WasteItem {
	d.t.Helper()
	items, err := d.st.WasteItems(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	for _, it := range items {
		if it.Name == name {
			return &it
		}
	}
	return nil
}

func TestWasteDictionaryEditAndTry(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	resp, _ := d.post(d.c, "/admin/waste/dictionary/new", url.Values{"csrf": {d.csrf}, "name": {"Bacchette cinesi"},
		"aliases": {"bastoncini\r\nchopsticks\n\n"}, "type": {"secco"}, "note": {"Se di legno: umido."}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/waste/dictionary?done=item_added" {
		t.Fatalf("adding an item: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	it := d.itemNamed("Bacchette cinesi")
	if it == nil || it.TypeCode != "secco" || !slices.Equal(it.Aliases, []string{"bastoncini", "chopsticks"}) {
		t.Fatalf("stored as %+v", it)
	}

	// The list finds it; the try box answers a citizen's typo with it.
	_, body := d.get(d.c, "/admin/waste/dictionary?q=bacchette")
	body = html.UnescapeString(body)
	if !strings.Contains(body, `href="/admin/waste/dictionary/`+itoa(it.ID)+`">Bacchette cinesi</a>`) {
		t.Errorf("the search does not list the item:\n%s", body)
	}
	body = tryBox(t, d, "bacchetta cinese")
	for _, want := range []string{"Per «bacchetta cinese» il cittadino riceve:", "<dd>Bacchette cinesi</dd>", "Secco indifferenziato (bidone grigio)", "Se di legno: umido."} {
		if !strings.Contains(body, want) {
			t.Errorf("the try box lacks %q", want)
		}
	}

	// Edited: another type and note; the try box follows at once.
	path := "/admin/waste/dictionary/" + itoa(it.ID)
	resp, _ = d.post(d.c, path, url.Values{"csrf": {d.csrf}, "name": {"Bacchette cinesi"}, "aliases": {"bastoncini"}, "type": {"plastica"}, "note": {"Vuota."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving an item: %d", resp.StatusCode)
	}
	if it = d.itemNamed("Bacchette cinesi"); it.TypeCode != "plastica" || it.Note != "Vuota." || !slices.Equal(it.Aliases, []string{"bastoncini"}) {
		t.Errorf("saved as %+v", it)
	}
	if body = tryBox(t, d, "bastoncini"); !strings.Contains(body, "<dd>Plastica e metalli (sacco giallo)</dd>") {
		t.Errorf("the try box does not see the edit:\n%s", body)
	}

	resp, _ = d.post(d.c, path+"/delete", url.Values{"csrf": {d.csrf}})
	if resp.StatusCode != http.StatusSeeOther || d.itemNamed("Bacchette cinesi") != nil {
		t.Fatalf("deleting an item: %d", resp.StatusCode)
	}
	if resp, _ = d.get(d.c, path); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a deleted item's page: %d", resp.StatusCode)
	}
	actions := d.auditActions()
	for _, want := range []string{"waste.item.create", "waste.item.update", "waste.item.delete"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
	d.noMissingKeys()
}

func TestWasteDictionaryRefusesWrongItemsAndChangesNothing(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	ctx := context.Background()
	taken, err := d.st.SaveWasteItem(ctx, store.WasteItem{Name: "Stampante 3D", TypeCode: "raee"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := d.st.WasteItems(ctx)
	cases := []struct {
		label, field, says string
		form               url.Values
	}{
		{"no name", "i-name", "Scrivi il nome dell'oggetto.", url.Values{"name": {"  "}, "type": {"secco"}}},
		{"a name taken", "i-name", "C'è già una voce con questo nome", url.Values{"name": {"Stampante 3D"}, "type": {"raee"}}},
		{"unknown type", "i-type", "Scegli uno dei rifiuti dell'elenco.", url.Values{"name": {"Tamagotchi"}, "type": {"uranio"}}},
		{"an alias too long", "i-aliases", "è troppo lungo: al massimo 100 caratteri", url.Values{"name": {"Tamagotchi"}, "type": {"secco"}, "aliases": {strings.Repeat("carta ", 20)}}},
		{"a note too long", "i-note", "Al massimo 500 caratteri.", url.Values{"name": {"Tamagotchi"}, "type": {"secco"}, "note": {strings.Repeat("x", 501)}}},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			c.form.Set("csrf", d.csrf)
			resp, body := d.post(d.c, "/admin/waste/dictionary/new", c.form)
			body = html.UnescapeString(body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.says) || !strings.Contains(body, `id="`+c.field+`-err"`) {
				t.Fatalf("%d, no %q under %s:\n%s", resp.StatusCode, c.says, c.field, body)
			}
			if name := c.form.Get("name"); strings.TrimSpace(name) != "" && !strings.Contains(body, `value="`+name+`"`) {
				t.Errorf("the clerk's name %q is lost", name)
			}
		})
	}
	// Renaming another item to a taken name is refused the same way.
	other, _ := d.st.SaveWasteItem(ctx, store.WasteItem{Name: "Plotter", TypeCode: "raee"})
	resp, _ := d.post(d.c, "/admin/waste/dictionary/"+itoa(other.ID), url.Values{"csrf": {d.csrf}, "name": {taken.Name}, "type": {"raee"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a rename onto a taken name: %d", resp.StatusCode)
	}
	after, _ := d.st.WasteItems(ctx)
	if len(after) != len(before)+1 || d.itemNamed("Plotter") == nil || d.itemNamed("Tamagotchi") != nil {
		t.Errorf("a refused item changed the dictionary: %d items, then %d", len(before), len(after))
	}
	if slices.Contains(d.auditActions(), "waste.item.create") {
		t.Error("a refused item was audited")
	}
	d.noMissingKeys()
}

// tryBox is the try box's answer to what a citizen types.
func tryBox(t *testing.T, d *wasteDesk, query string) string {
	t.Helper()
	_, body := d.get(d.c, "/admin/waste/dictionary?prova="+url.QueryEscape(query))
	body = html.UnescapeString(body)
	start := strings.Index(body, `class="card try-result"`)
	if start < 0 {
		t.Fatalf("no answer to %q:\n%s", query, body)
	}
	end := strings.Index(body[start:], "</div>")
	return body[start : start+end]
}
