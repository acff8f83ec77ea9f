package admin

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"

	"github.com/campanile/campanile/admin/svg"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// maxZoneFileBytes bounds an upload: a comune's quartieri, even traced
// finely, take a few hundred kilobytes.
const maxZoneFileBytes = 5 << 20

// Refusals of an upload before its content is read.
var (
	errNoZoneFile      = errors.New("admin: no zones file chosen")
	errZoneFileTooBig  = errors.New("admin: zones file too large")
	errUnknownZoneKind = errors.New("admin: neither zones nor boundary")
)

type previewRow struct {
	Name, OldName, Change, Effect string
}

type zonesPreview struct {
	Kind                             string
	Map                              template.HTML
	Rows                             []previewRow
	New, Changed, Unchanged, Removed int
	RemovedInUse                     bool
	Outside                          string
	// Data is the checked file, rewritten, and Base the fingerprint of
	// the zones it replaces: the confirm form posts both back.
	Data, Base string
}

// configZonesUpload reads a zones or boundary file and, when it is sound,
// shows what confirming it would change. Nothing is stored yet.
func (s *Server) configZonesUpload() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		kind, err := zoneKindOf(r.PostFormValue("kind"))
		var zones []flows.ImportedZone
		if err == nil {
			var data []byte
			if data, err = readZoneUpload(r); err == nil {
				zones, err = s.parseZoneFile(ctx, kind, data)
			}
		}
		if err != nil {
			s.zoneFileRefused(w, r, err)
			return
		}
		v, err := s.zonesPreview(ctx, r, kind, zones)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "config_zones_preview", s.newPage(r, "admin.zones.preview_title_"+kind, v))
	}
}

func zoneKindOf(v string) (string, error) {
	if v == store.ZoneKindZone || v == store.ZoneKindBoundary {
		return v, nil
	}
	return "", errUnknownZoneKind
}

// readZoneUpload returns the chosen file. The CSRF check has already
// parsed the form; the size is checked on what arrived, and the read is
// bounded anyway.
func readZoneUpload(r *http.Request) ([]byte, error) {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, errNoZoneFile
	}
	defer f.Close()
	if hdr.Size > maxZoneFileBytes {
		return nil, errZoneFileTooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxZoneFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("admin: unable to read the uploaded zones file: %w", err)
	}
	if len(data) > maxZoneFileBytes {
		return nil, errZoneFileTooBig
	}
	return data, nil
}

// parseZoneFile checks a file of kind. A boundary without a name keeps
// the stored one's, so that the page does not show it as removed and
// added again.
func (s *Server) parseZoneFile(ctx context.Context, kind string, data []byte) ([]flows.ImportedZone, error) {
	if kind == store.ZoneKindZone {
		return flows.ParseZones(data)
	}
	b, err := flows.ParseBoundary(data)
	if err != nil {
		return nil, err
	}
	if b.Name == "" {
		current, err := s.st.Zones(ctx, store.ZoneKindBoundary)
		if err != nil {
			return nil, err
		}
		b.Name = s.cat.T(locales.Source, "admin.zones.boundary_default_name", nil)
		if len(current) == 1 {
			b.Name = current[0].Name
		}
	}
	return []flows.ImportedZone{b}, nil
}

// zoneFileRefused answers a file that changed nothing: the zones page
// with the reason, or a 500 for a fault of ours.
func (s *Server) zoneFileRefused(w http.ResponseWriter, r *http.Request, err error) {
	msg := zoneFileMessage(s.newPage(r, "admin.zones.title", nil), err)
	if msg == "" {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("zones file refused", "account_id", stateFrom(r).acct.ID, "reason", err.Error())
	code := http.StatusUnprocessableEntity
	if errors.Is(err, errZoneFileTooBig) {
		code = http.StatusRequestEntityTooLarge
	}
	s.showZones(w, r, code, zonesView{Error: msg})
}

// zonesPreview compares the upload with the stored zones of its kind and
// draws it over the other kind's, for context.
func (s *Server) zonesPreview(ctx context.Context, r *http.Request, kind string, zones []flows.ImportedZone) (zonesPreview, error) {
	p := s.newPage(r, "admin.zones.title", nil)
	v := zonesPreview{Kind: kind}
	current, err := s.st.Zones(ctx, kind)
	if err != nil {
		return v, err
	}
	usage, err := s.st.ZoneUsages(ctx, kind)
	if err != nil {
		return v, err
	}
	plan, err := flows.PlanZones(current, zones)
	if err != nil {
		return v, err
	}
	for _, pz := range plan {
		row := previewRow{Name: pz.Name, OldName: pz.OldName, Change: pz.Change, Effect: zoneEffect(p, kind, pz, usage[pz.ID])}
		switch pz.Change {
		case flows.ZoneNew:
			v.New++
		case flows.ZoneChanged:
			v.Changed++
		case flows.ZoneUnchanged:
			v.Unchanged++
		case flows.ZoneRemoved:
			v.Removed++
			v.RemovedInUse = v.RemovedInUse || usage[pz.ID] != store.ZoneUsage{}
		}
		v.Rows = append(v.Rows, row)
	}
	otherKind := store.ZoneKindBoundary
	if kind == store.ZoneKindBoundary {
		otherKind = store.ZoneKindZone
	}
	others, err := s.st.Zones(ctx, otherKind)
	if err != nil {
		return v, err
	}
	around, _ := flows.StoredZones(others)
	var areas []svg.Area
	for _, z := range around {
		areas = append(areas, svg.Area{Name: z.Name, Shape: z.Shape, Boundary: otherKind == store.ZoneKindBoundary})
	}
	for _, z := range zones {
		areas = append(areas, svg.Area{Name: z.Name, Shape: z.Shape, Boundary: kind == store.ZoneKindBoundary})
	}
	v.Map = svg.Map(areas, nil, zonesMapWidth, zonesMapHeight, s.mapText(r))
	if kind == store.ZoneKindZone {
		v.Outside = strings.Join(flows.OutsideBoundary(zones, around), ", ")
	} else {
		v.Outside = strings.Join(flows.OutsideBoundary(around, zones), ", ")
	}
	data, err := flows.ZonesGeoJSON(zones)
	if err != nil {
		return v, err
	}
	v.Data, v.Base = string(data), store.ZonesFingerprint(current)
	return v, nil
}

// zoneEffect says what confirming does to the data that refers to a zone.
func zoneEffect(p page, kind string, pz flows.PlannedZone, u store.ZoneUsage) string {
	counts := []any{"Rules", u.WasteRules, "Exceptions", u.WasteExceptions, "Places", u.Places, "Reports", u.Reports}
	inUse := u != store.ZoneUsage{}
	switch {
	case pz.Change == flows.ZoneNew && kind == store.ZoneKindZone:
		return p.T("admin.zones.effect_new")
	case pz.Change == flows.ZoneRemoved && inUse:
		return p.T("admin.zones.effect_removed", counts...)
	case pz.Change == flows.ZoneRemoved:
		return p.T("admin.zones.effect_removed_unused")
	case inUse:
		return p.T("admin.zones.effect_kept", counts...)
	}
	return ""
}
