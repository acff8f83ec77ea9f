package admin

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// The ecocentro's details go to citizens as one Telegram message: an
// address fits a line, the opening hours a few (one per day or season).
const (
	ecocentroAddressMax = 200
	ecocentroHoursMax   = 1000
)

// ecocentroForm is the ecocentro's address and opening hours as the clerk
// typed them.
type ecocentroForm struct{ Address, Hours string }

// ecocentroStored reads both settings; unset is empty.
func (s *Server) ecocentroStored(r *http.Request) (ecocentroForm, error) {
	var f ecocentroForm
	for key, dst := range map[string]*string{flows.SettingEcocentroAddress: &f.Address, flows.SettingEcocentroHours: &f.Hours} {
		v, err := s.st.Setting(r.Context(), key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return f, err
		}
		*dst = v
	}
	return f, nil
}

// wasteEcocentroSave stores the address and the hours. Either may be
// empty (the bot then says it does not know); a text too long changes
// nothing and comes back with the clerk's input.
func (s *Server) wasteEcocentroSave() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r, "admin.waste.title", nil)
		typed := ecocentroForm{Address: r.PostFormValue("address"), Hours: r.PostFormValue("hours")}
		f := ecocentroForm{Address: cleanName(typed.Address), Hours: cleanLines(typed.Hours)}
		var errs cfgErrors
		if utf8.RuneCountInString(f.Address) > ecocentroAddressMax {
			errs.add("address", p.T("admin.waste.error_too_long", "Max", ecocentroAddressMax))
		}
		if utf8.RuneCountInString(f.Hours) > ecocentroHoursMax {
			errs.add("hours", p.T("admin.waste.error_too_long", "Max", ecocentroHoursMax))
		}
		if errs != nil {
			s.showWasteHome(w, r, http.StatusUnprocessableEntity, wasteHomeView{Ecocentro: typed, Errors: errs})
			return
		}
		old, err := s.ecocentroStored(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		err = s.st.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.SetSetting(r.Context(), flows.SettingEcocentroAddress, f.Address); err != nil {
				return err
			}
			return tx.SetSetting(r.Context(), flows.SettingEcocentroHours, f.Hours)
		})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		me := stateFrom(r).acct
		s.log.Info("ecocentro saved", "account_id", me.ID)
		s.audit(r, me, "waste.ecocentro", "ecocentro", cfgDiff(cfgChange{"address", old.Address, f.Address}, cfgChange{"hours", old.Hours, f.Hours}))
		http.Redirect(w, r, wasteHomePath+"?done=ecocentro", http.StatusSeeOther)
	}
}

// cleanLines tidies a text of several lines as cleanName tidies one, and
// drops empty lines: opening hours pasted from a web page arrive with
// tabs, Windows line ends and blank lines.
func cleanLines(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = cleanName(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
