package admin

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteExport writes the calendar of every zone, or of one with ?zone=,
// in the CSV format that the import reads (docs/waste-csv.md): the file
// to edit in a spreadsheet and upload again. Zone names that a
// spreadsheet would run as formulas are quoted (flows/waste/csv_write.go).
func (s *Server) wasteExport() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		zones, err := s.st.Zones(ctx, store.ZoneKindZone)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		name := "calendario-rifiuti.csv"
		if raw := r.URL.Query().Get("zone"); raw != "" {
			id, err := strconv.ParseInt(raw, 10, 64)
			zones = onlyZone(zones, id)
			if err != nil || len(zones) == 0 {
				s.renderError(w, r, http.StatusNotFound, "admin.waste.zone_not_found")
				return
			}
			name = fmt.Sprintf("calendario-rifiuti-zona-%d.csv", id)
		}
		schedules, err := s.schedulesOf(ctx, zones)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := waste.WriteCSV(&buf, schedules); err != nil {
			s.serverError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
		h.Set("Cache-Control", "no-store")
		if r.Method == http.MethodHead {
			return
		}
		_, _ = w.Write(buf.Bytes())
		s.audit(r, stateFrom(r).acct, "waste.export", name, "zones="+strconv.Itoa(len(zones)))
	}
}

func onlyZone(zones []store.Zone, id int64) []store.Zone {
	for _, z := range zones {
		if z.ID == id {
			return []store.Zone{z}
		}
	}
	return nil
}

// schedulesOf reads the calendars of zones, by their names.
func (s *Server) schedulesOf(ctx context.Context, zones []store.Zone) ([]waste.Schedule, error) {
	out := make([]waste.Schedule, 0, len(zones))
	for _, z := range zones {
		rules, exceptions, err := flows.ZoneSchedule(ctx, s.st, z.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, waste.Schedule{Zone: z.Name, Rules: rules, Exceptions: exceptions})
	}
	return out, nil
}
