package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// Limits of a dictionary item, as the store keeps them (store/waste_items.go):
// checked here first, so each wrong field gets its own message.
const (
	itemNameMax    = 100
	itemNoteMax    = 500
	itemAliasesMax = 50
)

// itemForm is a dictionary item as the clerk typed it; aliases one a line.
type itemForm struct {
	ID                        int64
	Name, Aliases, Type, Note string
}

type itemView struct {
	Form             itemForm
	Errors           cfgErrors
	Types            []codeOption
	NameMax, NoteMax int
}

// Action is where the form posts.
func (v itemView) Action() string {
	if v.Form.ID == 0 {
		return dictionaryPath + "/new"
	}
	return dictionaryPath + "/" + strconv.FormatInt(v.Form.ID, 10)
}

func itemFormOf(it store.WasteItem) itemForm {
	return itemForm{ID: it.ID, Name: it.Name, Aliases: strings.Join(it.Aliases, "\n"), Type: it.TypeCode, Note: it.Note}
}

// item reads the form and says what is wrong, field by field. Aliases are
// one a line (or separated by ;, which the store cannot keep inside one).
func (f itemForm) item(p page, types wasteTypeNames) (store.WasteItem, cfgErrors) {
	var errs cfgErrors
	it := store.WasteItem{ID: f.ID, Name: cleanName(f.Name), TypeCode: strings.TrimSpace(f.Type), Note: cleanLines(f.Note)}
	switch n := utf8.RuneCountInString(it.Name); {
	case n == 0:
		errs.add("name", p.T("admin.waste.error_item_name"))
	case n > itemNameMax:
		errs.add("name", p.T("admin.waste.error_too_long", "Max", itemNameMax))
	}
	for _, a := range strings.FieldsFunc(f.Aliases, func(c rune) bool { return c == '\n' || c == ';' }) {
		if a = cleanName(a); a == "" {
			continue
		}
		if utf8.RuneCountInString(a) > itemNameMax {
			errs.add("aliases", p.T("admin.waste.error_alias_long", "Value", shortName(a), "Max", itemNameMax))
		}
		it.Aliases = append(it.Aliases, a)
	}
	if len(it.Aliases) > itemAliasesMax {
		errs.add("aliases", p.T("admin.waste.error_aliases_many", "Max", itemAliasesMax))
	}
	if !types.known(it.TypeCode) {
		errs.add("type", p.T("admin.waste.error_type"))
	}
	if utf8.RuneCountInString(it.Note) > itemNoteMax {
		errs.add("note", p.T("admin.waste.error_too_long", "Max", itemNoteMax))
	}
	return it, errs
}

func (s *Server) showItemForm(w http.ResponseWriter, r *http.Request, code int, v itemView) {
	p := s.newPage(r, "admin.waste.item_new_title", nil)
	if v.Form.ID != 0 {
		p.Title = p.T("admin.waste.item_edit_title", "Name", v.Form.Name)
	}
	types, err := s.loadWasteTypes(r.Context(), p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Types, v.NameMax, v.NoteMax = types.options(v.Form.Type), itemNameMax, itemNoteMax
	p.Data = v
	s.render(w, r, code, "waste_item", p)
}

// itemTarget is the item of /admin/waste/dictionary/{id}; it answers 404
// itself when there is none.
func (s *Server) itemTarget(w http.ResponseWriter, r *http.Request) (store.WasteItem, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.waste.item_not_found")
		return store.WasteItem{}, false
	}
	it, err := s.st.WasteItemByID(r.Context(), id)
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.waste.item_not_found")
		return it, false
	}
	return it, true
}

func (s *Server) wasteItemNew() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showItemForm(w, r, http.StatusOK, itemView{Form: itemForm{Name: shortQuery(r.URL.Query().Get("name"))}})
	}
}

func (s *Server) wasteItemEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		it, ok := s.itemTarget(w, r)
		if !ok {
			return
		}
		s.showItemForm(w, r, http.StatusOK, itemView{Form: itemFormOf(it)})
	}
}

func (s *Server) wasteItemCreate() http.HandlerFunc { return s.saveItem(false) }
func (s *Server) wasteItemUpdate() http.HandlerFunc { return s.saveItem(true) }

// saveItem adds an item or changes one; a wrong form comes back with the
// clerk's input and a message per field, and changes nothing.
func (s *Server) saveItem(update bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var old store.WasteItem
		if update {
			var ok bool
			if old, ok = s.itemTarget(w, r); !ok {
				return
			}
		}
		p := s.newPage(r, "admin.waste.item_new_title", nil)
		types, err := s.loadWasteTypes(r.Context(), p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		f := itemForm{ID: old.ID, Name: r.PostFormValue("name"), Aliases: r.PostFormValue("aliases"), Type: r.PostFormValue("type"), Note: r.PostFormValue("note")}
		it, errs := f.item(p, types)
		if errs == nil {
			it.Position = old.Position
			saved, err := s.st.SaveWasteItem(r.Context(), it)
			switch {
			case errors.Is(err, store.ErrWasteItemNameTaken):
				errs.add("name", p.T("admin.waste.error_item_taken"))
			case errors.Is(err, store.ErrNotFound):
				s.renderError(w, r, http.StatusNotFound, "admin.waste.item_not_found")
				return
			case err != nil:
				s.serverError(w, r, err)
				return
			}
			it = saved
		}
		if errs != nil {
			s.showItemForm(w, r, http.StatusUnprocessableEntity, itemView{Form: f, Errors: errs})
			return
		}
		me := stateFrom(r).acct
		action, done, details := "waste.item.create", "item_added", itemAudit(it)
		if update {
			action, done, details = "waste.item.update", "item_saved", cfgDiff(
				cfgChange{"name", old.Name, it.Name}, cfgChange{"aliases", strings.Join(old.Aliases, ";"), strings.Join(it.Aliases, ";")},
				cfgChange{"type", old.TypeCode, it.TypeCode}, cfgChange{"note", old.Note, it.Note})
		}
		s.log.Info("waste item saved", "account_id", me.ID, "item_id", it.ID)
		s.audit(r, me, action, it.Name, details)
		http.Redirect(w, r, dictionaryPath+"?done="+done, http.StatusSeeOther)
	}
}

func (s *Server) wasteItemDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		it, ok := s.itemTarget(w, r)
		if !ok {
			return
		}
		if err := s.st.DeleteWasteItem(r.Context(), it.ID); err != nil {
			s.configLookupFailed(w, r, err, "admin.waste.item_not_found")
			return
		}
		me := stateFrom(r).acct
		s.log.Info("waste item deleted", "account_id", me.ID, "item_id", it.ID)
		s.audit(r, me, "waste.item.delete", it.Name, itemAudit(it))
		http.Redirect(w, r, dictionaryPath+"?done=item_deleted", http.StatusSeeOther)
	}
}

// itemAudit is an item as the audit log records it.
func itemAudit(it store.WasteItem) string {
	return fmt.Sprintf("type=%s aliases=%q note=%q", it.TypeCode, strings.Join(it.Aliases, ";"), it.Note)
}
