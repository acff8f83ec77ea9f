package export

import (
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/campanile/campanile/store"
)

// Lookup turns the ids of a report into the names a clerk reads, so that
// ReportRows needs no database. A nil func, or one returning "", leaves the
// raw id or code in the cell.
type Lookup struct {
	Category func(id int64) string
	Zone     func(id int64) string
	Status   func(code string) string
}

// Columns of ReportRows, in order.
const (
	ColNumber = iota
	ColCreated
	ColStatus
	ColCategory
	ColZone
	ColPlace
	ColLat
	ColLon
	ColDescription
	ColSupporters
	ColClosed
	numColumns
)

// reportHeaders are in Italian, the clerks' language.
var reportHeaders = [numColumns]string{
	"Numero", "Data", "Stato", "Categoria", "Zona", "Luogo",
	"Latitudine", "Longitudine", "Descrizione", "Sostenitori", "Chiusa il",
}

// timeLayout is minutes precision, as the inbox shows them.
const timeLayout = "2006-01-02 15:04"

// rome is the comune's time: reports are exported in local time whatever
// the server's zone is.
var rome = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic("export: " + err.Error()) // embedded by time/tzdata
	}
	return loc
}()

// ReportRows lays reports out for WriteCSV and WriteXLSX. Latitude,
// longitude and supporters are Numeric columns; the coordinates are empty
// for a report that was never located.
func ReportRows(reports []store.Report, names Lookup) Table {
	numeric := make([]bool, numColumns)
	numeric[ColLat], numeric[ColLon], numeric[ColSupporters] = true, true, true
	t := Table{Headers: reportHeaders[:], Numeric: numeric, Rows: make([][]string, 0, len(reports))}
	// One backing array for all cells saves an allocation per row.
	cells := make([]string, len(reports)*numColumns)
	for i, r := range reports {
		row := cells[i*numColumns : (i+1)*numColumns : (i+1)*numColumns]
		row[ColNumber] = r.Number
		row[ColCreated] = formatTime(r.CreatedAt)
		row[ColStatus] = name(names.Status, r.Status, r.Status)
		row[ColCategory] = nameID(names.Category, r.CategoryID)
		row[ColZone] = nameID(names.Zone, r.ZoneID)
		row[ColPlace] = r.PlaceText
		if r.HasCoords {
			row[ColLat] = strconv.FormatFloat(r.Lat, 'f', -1, 64)
			row[ColLon] = strconv.FormatFloat(r.Lon, 'f', -1, 64)
		}
		row[ColDescription] = r.Description
		row[ColSupporters] = strconv.Itoa(r.Supporters)
		row[ColClosed] = formatTime(r.ResolvedAt)
		t.Rows = append(t.Rows, row)
	}
	return t
}

func formatTime(unix int64) string {
	if unix == 0 {
		return ""
	}
	return time.Unix(unix, 0).In(rome).Format(timeLayout)
}

func name[K any](f func(K) string, key K, fallback string) string {
	if f != nil {
		if s := f(key); s != "" {
			return s
		}
	}
	return fallback
}

// nameID names an id, leaving the cell empty for 0 (no zone, say).
func nameID(f func(int64) string, id int64) string {
	if id == 0 {
		return ""
	}
	return name(f, id, strconv.FormatInt(id, 10))
}
