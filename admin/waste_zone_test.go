package admin

import (
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows/waste"
)

func TestWasteRuleEditedAddedAndDeleted(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	zone := "/admin/waste/zones/" + itoa(d.centro.ID)
	resp, body := d.get(d.c, "/admin/waste")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `href="`+zone+`"`) {
		t.Fatalf("the waste home does not link the zone: %d\n%s", resp.StatusCode, body)
	}

	// Paper moves from Tuesdays to Tuesdays and Fridays, every two weeks.
	base := d.baseOf(zone + "/rules/1")
	resp, _ = d.post(d.c, zone+"/rules/1", url.Values{"csrf": {d.csrf}, "base": {base}, "rifiuto": {"carta"},
		"giorni": {"2", "5"}, "ogni": {"2"}, "inizio": {"2026-01-06"}, "dal": {""}, "al": {""}, "date": {""}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != zone+"?done=rule_saved" {
		t.Fatalf("saving a rule: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	paper := waste.Rule{Type: "carta", Weekdays: []time.Weekday{time.Tuesday, time.Friday}, EveryWeeks: 2, Start: waste.D(2026, 1, 6)}
	d.sameSchedule(d.centro.ID, []waste.Rule{paper, centroRules[1]}, centroExceptions)
	_, body = d.get(d.c, zone+"?done=rule_saved")
	for _, want := range []string{"Regola salvata.", "martedì, venerdì", "ogni 2 settimane, dal 06/01/2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("the zone page lacks %q", want)
		}
	}

	// A new seasonal rule, with a single date typed the Italian way.
	base = d.baseOf(zone + "/rules/new")
	resp, _ = d.post(d.c, zone+"/rules/new", url.Values{"csrf": {d.csrf}, "base": {base}, "rifiuto": {"verde"},
		"giorni": {"3"}, "ogni": {"1"}, "dal": {"2026-04-01"}, "al": {"2026-10-31"}, "date": {"14/11/2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a rule: %d", resp.StatusCode)
	}
	green := waste.Rule{Type: "verde", Weekdays: []time.Weekday{time.Wednesday}, EveryWeeks: 1, From: waste.D(2026, 4, 1), Until: waste.D(2026, 10, 31), Dates: []waste.Date{waste.D(2026, 11, 14)}}
	d.sameSchedule(d.centro.ID, []waste.Rule{paper, centroRules[1], green}, centroExceptions)

	base = d.baseOf(zone + "/rules/2")
	resp, _ = d.post(d.c, zone+"/rules/2/delete", url.Values{"csrf": {d.csrf}, "base": {base}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != zone+"?done=rule_deleted" {
		t.Fatalf("deleting a rule: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	d.sameSchedule(d.centro.ID, []waste.Rule{paper, green}, centroExceptions)

	actions := d.auditActions()
	for _, want := range []string{"waste.rule.update", "waste.rule.create", "waste.rule.delete"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
	d.noMissingKeys()
}

func TestWasteRuleRefusedKeepsInputAndChangesNothing(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	zone := "/admin/waste/zones/" + itoa(d.centro.ID)
	base := d.baseOf(zone + "/rules/1")
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf": {d.csrf}, "base": {base}, "rifiuto": {"carta"}, "giorni": {"2"}, "ogni": {"1"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v[kv[i]] = []string{kv[i+1]}
		}
		return v
	}
	cases := []struct {
		label  string
		form   url.Values
		field  string // the input marked invalid
		says   string
		echoed string
	}{
		{"every two weeks without a first collection", form("ogni", "2"), "r-inizio", "ha bisogno della data di una prima raccolta", `value="2"`},
		{"first collection on another day", form("ogni", "2", "inizio", "2026-01-07"), "r-inizio", "2026-01-07, non cade in uno dei giorni", `value="2026-01-07"`},
		{"ends before it starts", form("dal", "2026-10-31", "al", "2026-04-01"), "r-al", "La regola finisce (2026-04-01) prima di cominciare", `value="2026-10-31"`},
		{"no days nor dates", form("giorni", ""), "r-giorni", "Indica i giorni della settimana oppure delle date singole", ""},
		{"a date that does not exist", form("date", "31/02/2026"), "r-date", "«31/02/2026» non è una data", "31/02/2026"},
		{"weeks not a number", form("ogni", "due"), "r-ogni", "Scrivi un numero di settimane da 1 a 52", `value="due"`},
		{"unknown waste type", form("rifiuto", "uranio"), "r-rifiuto", "Scegli uno dei rifiuti dell", ""},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			resp, body := d.post(d.c, zone+"/rules/1", c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			body = html.UnescapeString(body)
			if !strings.Contains(body, c.says) {
				t.Errorf("the page does not say %q:\n%s", c.says, body)
			}
			if !strings.Contains(body, `id="`+c.field+`" `) && !strings.Contains(body, `aria-describedby="`+c.field+`-help `+c.field+`-err"`) {
				t.Errorf("the field %s is not the one marked", c.field)
			}
			if !strings.Contains(body, `id="`+c.field+`-err"`) {
				t.Errorf("no message under %s", c.field)
			}
			if !strings.Contains(body, c.echoed) {
				t.Errorf("the clerk's input %q is lost", c.echoed)
			}
		})
	}
	d.sameSchedule(d.centro.ID, centroRules, centroExceptions)
	if slices.Contains(d.auditActions(), "waste.rule.update") {
		t.Error("a refused rule was audited as saved")
	}
	d.noMissingKeys()
}

// A form made from a calendar a colleague has changed since saves nothing:
// its rule 1 may no longer be the rule the clerk was looking at.
func TestWasteStaleFormChangesNothing(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	zone := "/admin/waste/zones/" + itoa(d.centro.ID)
	stale := d.baseOf(zone + "/rules/1")
	resp, _ := d.post(d.c, zone+"/rules/2/delete", url.Values{"csrf": {d.csrf}, "base": {stale}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deleting: %d", resp.StatusCode)
	}
	resp, body := d.post(d.c, zone+"/rules/1", url.Values{"csrf": {d.csrf}, "base": {stale}, "rifiuto": {"vetro"}, "giorni": {"4"}, "ogni": {"1"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "qualcuno ha cambiato il calendario") {
		t.Fatalf("a stale form: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = d.post(d.c, zone+"/rules/1/delete", url.Values{"csrf": {d.csrf}})
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("a delete without the calendar's fingerprint: %d", resp.StatusCode)
	}
	d.sameSchedule(d.centro.ID, centroRules[:1], centroExceptions)
	resp, _ = d.get(d.c, zone+"/rules/9")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a rule past the end: %d", resp.StatusCode)
	}
}

func TestWasteExceptionEditedAndRefused(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	zone := "/admin/waste/zones/" + itoa(d.centro.ID)
	// New Year's Day: nothing is collected, whatever the type.
	base := d.baseOf(zone + "/exceptions/new")
	resp, _ := d.post(d.c, zone+"/exceptions/new", url.Values{"csrf": {d.csrf}, "base": {base}, "rifiuto": {""}, "date": {"2027-01-01"}, "regola": {"annullata"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != zone+"?done=exception_added" {
		t.Fatalf("adding an exception: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	newYear := waste.Exception{Date: waste.D(2027, 1, 1)}
	d.sameSchedule(d.centro.ID, centroRules, []waste.Exception{centroExceptions[0], newYear})

	// Christmas' collection now goes to the 28th instead.
	base = d.baseOf(zone + "/exceptions/1")
	resp, _ = d.post(d.c, zone+"/exceptions/1", url.Values{"csrf": {d.csrf}, "base": {base}, "rifiuto": {"secco"}, "date": {"25/12/2026"}, "regola": {"spostata"}, "nuova_data": {"2026-12-28"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving an exception: %d", resp.StatusCode)
	}
	christmas := waste.Exception{Type: "secco", Date: waste.D(2026, 12, 25), To: waste.D(2026, 12, 28)}
	d.sameSchedule(d.centro.ID, centroRules, []waste.Exception{christmas, newYear})

	base = d.baseOf(zone + "/exceptions/1")
	cases := []struct {
		label, field, says string
		form               url.Values
	}{
		{"moved without a new day", "x-nuova_data", "Una raccolta spostata ha bisogno del nuovo giorno",
			url.Values{"rifiuto": {"secco"}, "date": {"2026-12-25"}, "regola": {"spostata"}}},
		{"moved to the same day", "x-nuova_data", "Il nuovo giorno è lo stesso",
			url.Values{"rifiuto": {"secco"}, "date": {"2026-12-25"}, "regola": {"spostata"}, "nuova_data": {"2026-12-25"}}},
		{"no day", "x-date", "Scrivi il giorno della raccolta",
			url.Values{"rifiuto": {"secco"}, "date": {""}, "regola": {"annullata"}}},
		{"a second exception for New Year's Day", "x-date", "ha già un'eccezione in quel giorno",
			url.Values{"rifiuto": {"carta"}, "date": {"2027-01-01"}, "regola": {"annullata"}}},
		{"neither moved nor cancelled", "x-regola", "Scegli se la raccolta è spostata o annullata",
			url.Values{"rifiuto": {"secco"}, "date": {"2026-12-25"}, "regola": {"rimandata"}}},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			c.form.Set("csrf", d.csrf)
			c.form.Set("base", base)
			resp, body := d.post(d.c, zone+"/exceptions/1", c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			if body = html.UnescapeString(body); !strings.Contains(body, c.says) || !strings.Contains(body, `id="`+c.field+`-err"`) {
				t.Errorf("no %q under %s:\n%s", c.says, c.field, body)
			}
		})
	}
	d.sameSchedule(d.centro.ID, centroRules, []waste.Exception{christmas, newYear})

	base = d.baseOf(zone + "/exceptions/2")
	resp, _ = d.post(d.c, zone+"/exceptions/2/delete", url.Values{"csrf": {d.csrf}, "base": {base}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deleting an exception: %d", resp.StatusCode)
	}
	d.sameSchedule(d.centro.ID, centroRules, []waste.Exception{christmas})
	actions := d.auditActions()
	for _, want := range []string{"waste.exception.create", "waste.exception.update", "waste.exception.delete"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
	d.noMissingKeys()
}

func TestWasteZoneOfAnotherKindOrNoneIsNotFound(t *testing.T) {
	d := newWasteDesk(t, "Stazione")
	for _, path := range []string{"/admin/waste/zones/999", "/admin/waste/zones/abc", "/admin/waste/zones/999/rules/new"} {
		if resp, _ := d.get(d.c, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	resp, _ := d.post(d.c, "/admin/waste/zones/999/rules/new", url.Values{"csrf": {d.csrf}, "rifiuto": {"carta"}, "giorni": {"1"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a rule for no zone: %d", resp.StatusCode)
	}
}
