package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// Exception kinds, as the CSV names them.
const (
	exceptionMoved     = "spostata"
	exceptionCancelled = "annullata"
)

// exceptionForm is an exception as the clerk filled in its form, with the
// CSV's column names.
type exceptionForm struct {
	Type string // rifiuto: a type's code, "" for every type
	Date string // date: the day of the collection it changes
	Kind string // regola: spostata or annullata
	To   string // nuova_data: the new day of a moved collection
}

type exceptionView struct {
	Zone   store.Zone
	N      int // the exception's place from 1; 0 for a new one
	Base   string
	Form   exceptionForm
	Errors cfgErrors
	Error  string
	Types  []codeOption
}

// Action is where the form posts.
func (v exceptionView) Action() string {
	base := "/admin/waste/zones/" + strconv.FormatInt(v.Zone.ID, 10) + "/exceptions/"
	if v.N == 0 {
		return base + "new"
	}
	return base + strconv.Itoa(v.N)
}

// Moved tells the template which kind to check.
func (v exceptionView) Moved() bool { return v.Form.Kind != exceptionCancelled }

func exceptionFormOf(e waste.Exception) exceptionForm {
	f := exceptionForm{Type: e.Type, Date: inputDate(e.Date), Kind: exceptionMoved, To: inputDate(e.To)}
	if e.To.IsZero() {
		f.Kind = exceptionCancelled
	}
	return f
}

func postedExceptionForm(r *http.Request) exceptionForm {
	return exceptionForm{Type: r.PostFormValue("rifiuto"), Date: r.PostFormValue("date"), Kind: r.PostFormValue("regola"), To: r.PostFormValue("nuova_data")}
}

// exception reads the form into an exception and says what is wrong,
// field by field.
func (f exceptionForm) exception(p page, types wasteTypeNames) (waste.Exception, cfgErrors) {
	var errs cfgErrors
	e := waste.Exception{Type: strings.TrimSpace(f.Type)}
	if e.Type != "" && !types.known(e.Type) {
		errs.add("rifiuto", p.T("admin.waste.error_type"))
	}
	var ok bool
	if strings.TrimSpace(f.Date) == "" {
		errs.add("date", p.T("admin.waste.error_date_required"))
	} else if e.Date, ok = formDate(f.Date); !ok {
		errs.add("date", p.T("admin.waste.error_date", "Value", shortName(f.Date)))
	}
	switch f.Kind {
	case exceptionCancelled:
	case exceptionMoved:
		switch {
		case strings.TrimSpace(f.To) == "":
			errs.add("nuova_data", p.T("admin.waste.problem.no_new_date"))
		default:
			if e.To, ok = formDate(f.To); !ok {
				errs.add("nuova_data", p.T("admin.waste.error_date", "Value", shortName(f.To)))
			} else if e.To == e.Date {
				errs.add("nuova_data", p.T("admin.waste.error_same_day"))
			}
		}
	default:
		errs.add("regola", p.T("admin.waste.error_kind"))
	}
	return e, errs
}

// clashes finds an exception other than the one at skip (from 0; -1 for
// none) that changes the same collection as e. The calendar applies only
// the first of two, so the second would be a silent no-op.
func clashes(list []waste.Exception, e waste.Exception, skip int) bool {
	for i, o := range list {
		if i != skip && o.Date == e.Date && (o.Type == "" || e.Type == "" || o.Type == e.Type) {
			return true
		}
	}
	return false
}

// showExceptionForm renders the exception form with v's errors and input.
func (s *Server) showExceptionForm(w http.ResponseWriter, r *http.Request, code int, v exceptionView) {
	p := s.newPage(r, "admin.waste.exception_new_title", nil)
	if v.N != 0 {
		p.Title = p.T("admin.waste.exception_edit_title", "Zone", v.Zone.Name)
	}
	types, err := s.loadWasteTypes(r.Context(), p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Types = types.options(v.Form.Type)
	p.Data = v
	s.render(w, r, code, "waste_exception", p)
}
