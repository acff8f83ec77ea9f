package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/campanile/campanile/admin/export"
)

// maxExportRows bounds one export: the whole inbox of a comune for years,
// and still a file a spreadsheet opens.
const maxExportRows = 100_000

func (s *Server) reportsExportCSV() http.HandlerFunc  { return s.reportsExport("csv") }
func (s *Server) reportsExportXLSX() http.HandlerFunc { return s.reportsExport("xlsx") }

// reportsExport downloads the filtered inbox, every page of it, as CSV or
// XLSX; the cells are safe from formula injection (admin/export).
func (s *Server) reportsExport(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		q := parseInboxQuery(r.URL.Query())
		f, err := s.inboxFilter(r, q)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		f.Limit, f.Offset = maxExportRows, 0
		p := s.newPage(r, "admin.reports.title", nil)
		names, err := s.loadReportNames(ctx, p.Lang)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		page, err := s.st.ListReports(ctx, f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		table := export.ReportRows(page.Reports, export.Lookup{
			Category: names.category,
			Zone:     names.zone,
			Status:   func(code string) string { return p.T("status." + code) },
		})
		name := fmt.Sprintf("segnalazioni-%s.%s", time.Now().In(rome).Format("2006-01-02"), format)
		h := w.Header()
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
		h.Set("Cache-Control", "no-store")
		if format == "csv" {
			h.Set("Content-Type", "text/csv; charset=utf-8")
		} else {
			h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		}
		s.audit(r, stateFrom(r).acct, "reports.export", format, q.values(true).Encode()+" rows="+strconv.Itoa(len(page.Reports)))
		if format == "csv" {
			err = export.WriteCSV(w, table)
		} else {
			err = export.WriteXLSX(w, "Segnalazioni", table)
		}
		if err != nil {
			// Headers are gone: the clerk gets a truncated file, the
			// log says why.
			s.log.Error("report export failed", "format", format, "error", err)
		}
	}
}
