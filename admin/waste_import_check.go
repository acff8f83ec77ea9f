package admin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// lineError is one wrong line of an upload, in the clerk's language.
type lineError struct {
	Line int
	Text string
}

// Reasons of lineErrors that waste.ParseCSV cannot know: it reads any zone
// and type, while an import must name the comune's.
var (
	errUnknownZone = errors.New("admin: no zone has this name")
	errUnknownType = errors.New("admin: no waste type has this code")
)

// zoneIndex finds the stored zone a file names: by its exact name, or
// else by the same name in other capitals ("centro" for "Centro").
type zoneIndex struct {
	exact map[string]store.Zone
	fold  map[string]store.Zone
}

func newZoneIndex(zones []store.Zone) zoneIndex {
	ix := zoneIndex{exact: map[string]store.Zone{}, fold: map[string]store.Zone{}}
	for _, z := range zones {
		ix.exact[z.Name] = z
		ix.fold[strings.ToLower(z.Name)] = z
	}
	return ix
}

func (ix zoneIndex) find(name string) (store.Zone, bool) {
	if z, ok := ix.exact[name]; ok {
		return z, true
	}
	z, ok := ix.fold[strings.ToLower(name)]
	return z, ok
}

// checkNames reads a file ParseCSV accepted once more, line by line, for
// zones and waste types the comune does not have, so that each is reported
// on its own line. It reads cells as ParseCSV does (waste.ReadCell).
func checkNames(data []byte, zones zoneIndex, types wasteTypeNames) []waste.RowError {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var errs []waste.RowError
	if _, err := cr.Read(); err != nil {
		return nil // the header; ParseCSV has checked it
	}
	for {
		rec, err := cr.Read()
		if err != nil {
			break // io.EOF; anything else ParseCSV has reported
		}
		line, _ := cr.FieldPos(0)
		if len(rec) < 2 {
			continue
		}
		zone, typ := waste.ReadCell(rec[0]), strings.ToLower(waste.ReadCell(rec[1]))
		if zone == "" {
			continue // a blank line
		}
		if _, ok := zones.find(zone); !ok {
			errs = append(errs, waste.RowError{Line: line, Err: nameError{errUnknownZone, zone}})
		}
		if typ != "" && !types.known(typ) {
			errs = append(errs, waste.RowError{Line: line, Err: nameError{errUnknownType, typ}})
		}
	}
	return errs
}

// nameError is a zone or type the comune does not have, with the name.
type nameError struct {
	reason error
	name   string
}

func (e nameError) Error() string { return e.reason.Error() + ": " + e.name }
func (e nameError) Unwrap() error { return e.reason }

// lineErrors puts a file's wrong lines into words. It returns false when
// one of them is a fault of ours rather than the file's.
func lineErrors(p page, errs []waste.RowError, types wasteTypeNames) ([]lineError, bool) {
	out := make([]lineError, 0, len(errs))
	for _, e := range errs {
		text := problemText(p, e.Err)
		var ne nameError
		if errors.As(e.Err, &ne) {
			switch ne.reason {
			case errUnknownZone:
				text = p.T("admin.waste.import_unknown_zone", "Value", shortName(ne.name))
			case errUnknownType:
				text = p.T("admin.waste.import_unknown_type", "Value", shortName(ne.name), "Codes", typeCodes(types))
			}
		}
		if text == "" {
			return nil, false
		}
		out = append(out, lineError{Line: e.Line, Text: text})
	}
	return out, true
}

func typeCodes(types wasteTypeNames) string {
	codes := make([]string, 0, len(types.list))
	for _, t := range types.list {
		codes = append(codes, t.Code)
	}
	return strings.Join(codes, ", ")
}
