package admin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteFileMax bounds an upload: a comune's year of calendars, every zone,
// takes some tens of kilobytes.
const wasteFileMax = 4 << 20

// shownLineErrors is how many wrong lines the page lists; a file with
// more is wrong throughout (a wrong separator, another file).
const shownLineErrors = 100

// errNoWasteFile is an upload without a file.
var errNoWasteFile = errors.New("admin: no calendar file chosen")

type importView struct {
	Lines []lineError
	More  int    // wrong lines not listed
	Error string // about the whole upload, already translated
	MaxMB int
	// Columns and Example describe the format on the page itself, which
	// must work without a connection to where docs/waste-csv.md lives.
	Columns []string
	Example string
}

// csvColumns are the format's columns, in order (flows/waste/csv.go).
var csvColumns = []string{"zona", "rifiuto", "regola", "giorni", "ogni", "inizio", "dal", "al", "date", "nuova_data"}

// csvExample is the example of docs/waste-csv.md.
const csvExample = `zona,rifiuto,regola,giorni,ogni,inizio,dal,al,date,nuova_data
Centro,carta,settimanale,mar,,,,,,
Centro,vetro,ogni,ven,2,2026-01-09,,,,
Centro,verde,settimanale,mer,,,2026-04-01,2026-10-31,,
Centro,ingombranti,date,,,,,,2026-03-14;2026-09-12,
Centro,secco,spostata,,,,,,2026-12-25,2026-12-27
Centro,,annullata,,,,,,2027-01-01,`

// importPlan is a checked file: each schedule with the zone it replaces.
type importPlan struct {
	schedules []waste.Schedule
	zones     []store.Zone
}

// wasteImportForm is the upload form, with a link to the format.
func (s *Server) wasteImportForm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showImport(w, r, http.StatusOK, importView{})
	}
}

func (s *Server) showImport(w http.ResponseWriter, r *http.Request, code int, v importView) {
	v.MaxMB, v.Columns, v.Example = wasteFileMax>>20, csvColumns, csvExample
	s.render(w, r, code, "waste_import", s.newPage(r, "admin.waste.import_title", v))
}

// wasteImportUpload checks a file and, when every line is right, shows
// what confirming it would change in each zone. Nothing is stored yet.
func (s *Server) wasteImportUpload() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r, "admin.waste.import_title", nil)
		data, err := readWasteUpload(r)
		switch {
		case errors.Is(err, errNoWasteFile):
			s.showImport(w, r, http.StatusUnprocessableEntity, importView{Error: p.T("admin.waste.import_no_file")})
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		case len(data) > wasteFileMax:
			s.showImport(w, r, http.StatusRequestEntityTooLarge, importView{Error: p.T("admin.waste.import_too_large", "Max", wasteFileMax>>20)})
			return
		}
		plan, ok := s.checkImport(w, r, p, data)
		if !ok {
			return
		}
		v, err := s.importPreview(r.Context(), p, plan)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Data = string(data)
		s.render(w, r, http.StatusOK, "waste_import_preview", s.newPage(r, "admin.waste.import_preview_title", v))
	}
}

func readWasteUpload(r *http.Request) ([]byte, error) {
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, errNoWasteFile
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, wasteFileMax+1))
	if err != nil {
		return nil, fmt.Errorf("admin: unable to read the uploaded calendar: %w", err)
	}
	return data, nil
}

// checkImport reads a file into a plan. A file with any wrong line is
// answered here, every wrong line listed with its number, and gives no
// plan: nothing of it is imported.
func (s *Server) checkImport(w http.ResponseWriter, r *http.Request, p page, data []byte) (importPlan, bool) {
	ctx := r.Context()
	types, err := s.loadWasteTypes(ctx, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return importPlan{}, false
	}
	stored, err := s.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		s.serverError(w, r, err)
		return importPlan{}, false
	}
	zones := newZoneIndex(stored)
	schedules, rowErrs := waste.ParseCSV(bytes.NewReader(data))
	if rowErrs == nil {
		rowErrs = checkNames(data, zones, types)
	}
	if rowErrs != nil {
		lines, ok := lineErrors(p, rowErrs, types)
		if !ok {
			s.serverError(w, r, fmt.Errorf("admin: a calendar error without words: %v", rowErrs))
			return importPlan{}, false
		}
		v := importView{Lines: lines}
		if len(lines) > shownLineErrors {
			v.Lines, v.More = lines[:shownLineErrors], len(lines)-shownLineErrors
		}
		s.log.Info("waste calendar file refused", "account_id", stateFrom(r).acct.ID, "wrong_lines", len(lines))
		s.showImport(w, r, http.StatusUnprocessableEntity, v)
		return importPlan{}, false
	}
	// "Centro" and "centro" are one zone: their lines make one calendar.
	var plan importPlan
	at := map[int64]int{}
	for _, sc := range schedules {
		z, _ := zones.find(sc.Zone) // checkNames found every one
		i, ok := at[z.ID]
		if !ok {
			i, at[z.ID] = len(plan.zones), len(plan.zones)
			plan.zones = append(plan.zones, z)
			plan.schedules = append(plan.schedules, waste.Schedule{Zone: z.Name})
		}
		plan.schedules[i].Rules = append(plan.schedules[i].Rules, sc.Rules...)
		plan.schedules[i].Exceptions = append(plan.schedules[i].Exceptions, sc.Exceptions...)
	}
	return plan, true
}

// currentBase fingerprints the stored calendars of the plan's zones: the
// confirmation must replace what the preview compared the file with.
func currentBase(ctx context.Context, st *store.Store, plan importPlan) (string, error) {
	h := sha256.New()
	for _, z := range plan.zones {
		rules, exceptions, err := flows.ZoneSchedule(ctx, st, z.ID)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%d:%s\n", z.ID, scheduleFingerprint(rules, exceptions))
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}
