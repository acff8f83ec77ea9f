package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// ruleDatesMax bounds a rule's single dates: a year of them is plenty.
const ruleDatesMax = 366

// weekOrder is the week as an Italian calendar shows it, Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// ruleForm is a rule as the clerk filled in its form. The fields carry the
// CSV's column names, so a mistake the calendar finds (waste.Problem)
// lands on the field it concerns.
type ruleForm struct {
	Type         string   // rifiuto
	Days         []string // giorni: time.Weekday numbers
	Every, Start string   // ogni, inizio
	From, Until  string   // dal, al
	Dates        string   // date: several, separated by spaces, commas or ;
}

type dayOption struct {
	Value, Name string
	Checked     bool
}

type ruleView struct {
	Zone   store.Zone
	N      int // the rule's place from 1; 0 for a new one
	Base   string
	Form   ruleForm
	Errors cfgErrors
	Error  string // about the whole form, already translated
	Types  []codeOption
	Days   []dayOption
}

// Action is where the form posts.
func (v ruleView) Action() string {
	base := "/admin/waste/zones/" + strconv.FormatInt(v.Zone.ID, 10) + "/rules/"
	if v.N == 0 {
		return base + "new"
	}
	return base + strconv.Itoa(v.N)
}

func ruleFormOf(r waste.Rule) ruleForm {
	f := ruleForm{Type: r.Type, Every: strconv.Itoa(max(r.EveryWeeks, 1)), Start: inputDate(r.Start), From: inputDate(r.From), Until: inputDate(r.Until)}
	for _, d := range r.Weekdays {
		f.Days = append(f.Days, strconv.Itoa(int(d)))
	}
	dates := make([]string, 0, len(r.Dates))
	for _, d := range r.Dates {
		dates = append(dates, shownDate(d))
	}
	f.Dates = strings.Join(dates, ", ")
	return f
}

func postedRuleForm(r *http.Request) ruleForm {
	return ruleForm{Type: r.PostFormValue("rifiuto"), Days: r.PostForm["giorni"], Every: r.PostFormValue("ogni"),
		Start: r.PostFormValue("inizio"), From: r.PostFormValue("dal"), Until: r.PostFormValue("al"), Dates: r.PostFormValue("date")}
}

// rule reads the form into a rule and says what is wrong, field by field:
// first what does not parse, then what waste.Rule.Validate finds.
func (f ruleForm) rule(p page, types wasteTypeNames) (waste.Rule, cfgErrors) {
	var errs cfgErrors
	r := waste.Rule{Type: strings.TrimSpace(f.Type), EveryWeeks: 1}
	if !types.known(r.Type) {
		errs.add("rifiuto", p.T("admin.waste.error_type"))
	}
	for _, v := range f.Days {
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 6 {
			errs.add("giorni", p.T("admin.waste.error_day"))
			continue
		}
		if !slices.Contains(r.Weekdays, time.Weekday(n)) {
			r.Weekdays = append(r.Weekdays, time.Weekday(n))
		}
	}
	if every := strings.TrimSpace(f.Every); every != "" {
		n, err := strconv.Atoi(every)
		if err != nil || n < 1 || n > 52 {
			errs.add("ogni", p.T("admin.waste.error_every"))
		}
		r.EveryWeeks = n
	}
	for _, d := range []struct {
		field, raw string
		dst        *waste.Date
	}{{"inizio", f.Start, &r.Start}, {"dal", f.From, &r.From}, {"al", f.Until, &r.Until}} {
		if strings.TrimSpace(d.raw) == "" {
			continue
		}
		v, ok := formDate(d.raw)
		if !ok {
			errs.add(d.field, p.T("admin.waste.error_date", "Value", shortName(d.raw)))
		}
		*d.dst = v
	}
	for _, raw := range strings.FieldsFunc(f.Dates, func(c rune) bool { return c == ';' || c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' }) {
		v, ok := formDate(raw)
		if !ok {
			errs.add("date", p.T("admin.waste.error_date", "Value", shortName(raw)))
			continue
		}
		if !slices.Contains(r.Dates, v) {
			r.Dates = append(r.Dates, v)
		}
	}
	if len(r.Dates) > ruleDatesMax {
		errs.add("date", p.T("admin.waste.error_dates_many", "Max", ruleDatesMax))
	}
	if r.EveryWeeks == 1 {
		// A start only means something every n weeks; kept, it would make
		// the export call a weekly rule "ogni 1".
		r.Start = waste.Date{}
	}
	if errs == nil {
		if err := r.Validate(); err != nil {
			field := problemField(err)
			if field == "" {
				field = "rifiuto"
			}
			errs.add(field, problemText(p, err))
		}
	}
	return r, errs
}

// showRuleForm renders the rule form with v's errors and input.
func (s *Server) showRuleForm(w http.ResponseWriter, r *http.Request, code int, v ruleView) {
	p := s.newPage(r, "admin.waste.rule_new_title", nil)
	if v.N != 0 {
		p.Title = p.T("admin.waste.rule_edit_title", "Zone", v.Zone.Name)
	}
	types, err := s.loadWasteTypes(r.Context(), p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Types = types.options(v.Form.Type)
	for _, d := range weekOrder {
		val := strconv.Itoa(int(d))
		v.Days = append(v.Days, dayOption{Value: val, Name: p.T("admin.waste.day_" + val), Checked: slices.Contains(v.Form.Days, val)})
	}
	p.Data = v
	s.render(w, r, code, "waste_rule", p)
}
