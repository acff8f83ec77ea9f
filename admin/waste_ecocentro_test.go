package admin

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows"
)

func (d *wasteDesk) setting(key string) string {
	d.t.Helper()
	v, _ := d.st.Setting(context.Background(), key)
	return v
}

func TestWasteEcocentroSavedForTheBot(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	resp, _ := d.post(d.c, "/admin/waste/ecocentro", url.Values{"csrf": {d.csrf}, "address": {"  Via dell'Industria   12 "},
		"hours": {"Lun-Ven 8-12\r\n\r\n\tSab 8-18  \r\n"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/waste?done=ecocentro" {
		t.Fatalf("saving: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if a, h := d.setting(flows.SettingEcocentroAddress), d.setting(flows.SettingEcocentroHours); a != "Via dell'Industria 12" || h != "Lun-Ven 8-12\nSab 8-18" {
		t.Errorf("stored %q and %q", a, h)
	}
	_, body := d.get(d.c, "/admin/waste?done=ecocentro")
	body = html.UnescapeString(body)
	for _, want := range []string{"Dati dell'ecocentro salvati.", `value="Via dell'Industria 12"`, "Lun-Ven 8-12\nSab 8-18</textarea>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}

	long := strings.Repeat("Via lunga ", 30)
	resp, body = d.post(d.c, "/admin/waste/ecocentro", url.Values{"csrf": {d.csrf}, "address": {long}, "hours": {"Sempre aperto"}})
	body = html.UnescapeString(body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Al massimo 200 caratteri.") || !strings.Contains(body, `id="eco-address-err"`) {
		t.Fatalf("too long an address: %d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, "Sempre aperto</textarea>") || !strings.Contains(body, long) {
		t.Error("the clerk's input is lost")
	}
	if a, h := d.setting(flows.SettingEcocentroAddress), d.setting(flows.SettingEcocentroHours); a != "Via dell'Industria 12" || h != "Lun-Ven 8-12\nSab 8-18" {
		t.Errorf("a refused form changed the settings: %q %q", a, h)
	}
	if n := strings.Count(strings.Join(d.auditActions(), ","), "waste.ecocentro"); n != 1 || !slices.Contains(d.auditActions(), "waste.ecocentro") {
		t.Errorf("%d audit entries for one save", n)
	}
	d.noMissingKeys()
}
