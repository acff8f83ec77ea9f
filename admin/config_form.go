package admin

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/store"
)

// Limits of what the configuration forms accept. Names show on citizens'
// buttons, where a long one is cut; positions and service days are small
// numbers a clerk types.
const (
	cfgNameMax        = 80
	cfgEmailMax       = 254
	cfgPositionMax    = 9999
	cfgServiceDaysMax = 365
)

// cfgErrors are the messages of a form's wrong fields, by field name. A
// nil map is a form without errors; templates read it with index.
type cfgErrors map[string]string

func (e *cfgErrors) add(field, msg string) {
	if *e == nil {
		*e = cfgErrors{}
	}
	if _, ok := (*e)[field]; !ok {
		(*e)[field] = msg
	}
}

// cfgNames are a name in the three languages as the clerk typed them.
type cfgNames struct{ IT, EN, DE string }

func cfgNamesOf(r *http.Request) cfgNames {
	return cfgNames{IT: r.PostFormValue("name_it"), EN: r.PostFormValue("name_en"), DE: r.PostFormValue("name_de")}
}

// clean returns the names tidied (see cleanName) and records what is
// wrong: Italian is required, since it is what every other language falls
// back to.
func (n cfgNames) clean(p page, errs *cfgErrors) cfgNames {
	out := cfgNames{IT: cleanName(n.IT), EN: cleanName(n.EN), DE: cleanName(n.DE)}
	if out.IT == "" {
		errs.add("name_it", p.T("admin.config.error_name_required"))
	}
	for field, v := range map[string]string{"name_it": out.IT, "name_en": out.EN, "name_de": out.DE} {
		if utf8.RuneCountInString(v) > cfgNameMax {
			errs.add(field, p.T("admin.config.error_name_long", "Max", cfgNameMax))
		}
	}
	return out
}

// cleanName drops control characters and runs of spaces: a name pasted
// from a document must not break a Telegram button or an email subject.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cfgPosition reads a position: empty means "at the end" (0).
func cfgPosition(p page, raw string, errs *cfgErrors) int {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > cfgPositionMax {
		errs.add("position", p.T("admin.config.error_position", "Max", cfgPositionMax))
		return 0
	}
	return n
}

// cfgOptionalID reads the id of a select where "" or "0" means none.
func cfgOptionalID(raw string) (int64, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw == "0" {
		return 0, true
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	return id, err == nil && id > 0
}

// cfgEmail checks an office address: empty (the office gets no email) or
// one plain address whose domain has a dot, which catches "urp@comune"
// before the first report's email bounces.
func cfgEmail(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", true
	}
	a, err := mail.ParseAddress(raw)
	if err != nil || a.Name != "" || a.Address != raw || len(raw) > cfgEmailMax {
		return raw, false
	}
	at := strings.LastIndexByte(raw, '@')
	domain := raw[at+1:]
	return raw, strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.HasPrefix(domain, ".")
}

// cfgIDOf reads {id}; a malformed one is as unknown as a missing one.
func cfgIDOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	return id, err == nil && id > 0
}

// configLookupFailed answers a failed lookup of the row a page is about:
// 404 with notFoundID when it does not exist, 500 otherwise.
func (s *Server) configLookupFailed(w http.ResponseWriter, r *http.Request, err error, notFoundID string) {
	if errors.Is(err, store.ErrNotFound) {
		s.renderError(w, r, http.StatusNotFound, notFoundID)
		return
	}
	s.serverError(w, r, err)
}

// cfgDone ends a change with a redirect to the list (POST, redirect,
// GET), naming what was done so the page can say so and a reload does not
// post twice.
func cfgDone(w http.ResponseWriter, r *http.Request, list, done string) {
	http.Redirect(w, r, list+"?done="+done, http.StatusSeeOther)
}

// cfgNotice is the message id of a ?done= the list knows, or "".
func cfgNotice(r *http.Request, known []string) string {
	if done := r.URL.Query().Get("done"); slices.Contains(known, done) {
		return "admin.config.done_" + done
	}
	return ""
}

// cfgCount is one of the things that keep a row from being deleted: the
// message naming it, and how many there are.
type cfgCount struct {
	id string
	n  int
}

// cfgRefusal explains a refused delete: head, then each count that is not
// zero, then tail, what to do instead.
func cfgRefusal(p page, head string, counts []cfgCount, tail string) string {
	parts := []string{p.T(head)}
	for _, c := range counts {
		if c.n > 0 {
			parts = append(parts, p.T(c.id, "Count", c.n))
		}
	}
	return strings.Join(append(parts, p.T(tail)), " ")
}

// cfgChange is one field of an audited update, before and after.
type cfgChange struct{ field, from, to string }

// cfgDiff describes the fields that changed, for the audit log.
func cfgDiff(changes ...cfgChange) string {
	var parts []string
	for _, c := range changes {
		if c.from != c.to {
			parts = append(parts, fmt.Sprintf("%s: %q → %q", c.field, c.from, c.to))
		}
	}
	return strings.Join(parts, "; ")
}

// sameName tells whether two names would look the same on a citizen's
// button.
func sameName(a, b string) bool { return strings.EqualFold(cleanName(a), cleanName(b)) }
