package playground

import (
	"context"
	"log/slog"
	"math"
	"slices"
	"strings"
)

// Person is someone the playground lets a visitor play: a demo citizen in
// a private chat with the bot, or a staff member in the staff group.
type Person struct {
	// ID is the Telegram user id; a citizen's private chat has the same id.
	ID int64
	// Name is what the page shows ("Maria Rossi", "Giulia (URP)").
	Name string
	// FirstName is what Telegram, and so the bot, knows ("Maria"): the
	// emulator's people have no last name.
	FirstName string
	// Lang is the Telegram app's language_code.
	Lang string
}

// Place is a preset point a visitor can share without clicking the map.
type Place struct {
	Name     string
	Lat, Lon float64
}

// Config describes the simulated comune.
type Config struct {
	// Comune is the town's name, shown in the staff group's title.
	Comune string
	// StaffGroupID is the staff's group chat (negative). An id in the
	// -100xxxxxxxxxx form is created as a supergroup, as Telegram does.
	StaffGroupID int64
	Staff        []Person
	Citizens     []Person
	Places       []Place
	// Map returns a GeoJSON FeatureCollection of the comune's boundary and
	// zones (polygons), drawn as the map a visitor clicks to share a
	// location. Nil, an error or no polygons give a plain box around the
	// preset places.
	Map func(ctx context.Context) ([]byte, error)
}

// DefaultStaffGroupID is the staff group of the playground when the
// operator names none.
const DefaultStaffGroupID int64 = -1001000000777

// Default people and places of the fictional comune. The ids are fixed so
// that a visitor who reloads finds the same chats.
var (
	defaultCitizens = []Person{
		{ID: 5_000_000_001, Name: "Maria Rossi", FirstName: "Maria", Lang: "it"},
		{ID: 5_000_000_002, Name: "John Smith", FirstName: "John", Lang: "en"},
		{ID: 5_000_000_003, Name: "Anna Gruber", FirstName: "Anna", Lang: "de"},
		{ID: 5_000_000_004, Name: "Giuseppe Bianchi", FirstName: "Giuseppe", Lang: "it"},
	}
	defaultStaff = []Person{
		{ID: 5_000_000_101, Name: "Giulia (URP)", FirstName: "Giulia", Lang: "it"},
		{ID: 5_000_000_102, Name: "Marco (Ufficio tecnico)", FirstName: "Marco", Lang: "it"},
	}
	defaultPlaces = []Place{
		{Name: "Municipio", Lat: 45.0703, Lon: 7.6869},
		{Name: "Piazza del Mercato", Lat: 45.0741, Lon: 7.6802},
		{Name: "Scuola elementare", Lat: 45.0668, Lon: 7.6755},
		{Name: "Stazione", Lat: 45.0629, Lon: 7.6843},
		{Name: "Parco giochi", Lat: 45.0768, Lon: 7.6921},
		{Name: "Ecocentro", Lat: 45.0651, Lon: 7.6958},
	}
)

// DefaultCitizens are the playground's demo citizens when the operator
// names none, for the demo data to give them reports of their own.
func DefaultCitizens() []Person { return slices.Clone(defaultCitizens) }

// withDefaults fills what the operator left out. Entries that cannot work
// (a repeated id, a place off the Earth) are dropped with a warning rather
// than stopping the server: the playground is a demonstration, and the
// rest of it is still worth showing.
func (c Config) withDefaults(logger *slog.Logger) Config {
	if strings.TrimSpace(c.Comune) == "" {
		c.Comune = "Comune di Esempio"
	}
	switch {
	case c.StaffGroupID == 0:
		c.StaffGroupID = DefaultStaffGroupID
	case c.StaffGroupID > 0:
		c.StaffGroupID = -c.StaffGroupID // group ids are negative
	}
	if len(c.Citizens) == 0 {
		c.Citizens = defaultCitizens
	}
	if len(c.Staff) == 0 {
		c.Staff = defaultStaff
	}
	if len(c.Places) == 0 {
		c.Places = defaultPlaces
	}
	seen := map[int64]bool{}
	people := func(list []Person) []Person {
		var out []Person
		for _, p := range list {
			if p.ID <= 0 || seen[p.ID] || strings.TrimSpace(p.Name) == "" {
				logger.Warn("playground person dropped: needs a name and a positive, unique id", "name", p.Name, "user_id", p.ID)
				continue
			}
			seen[p.ID] = true
			if p.FirstName == "" {
				p.FirstName, _, _ = strings.Cut(p.Name, " ")
			}
			out = append(out, p)
		}
		return out
	}
	c.Citizens, c.Staff = people(c.Citizens), people(c.Staff)
	var places []Place
	for _, pl := range c.Places {
		if !validLatLon(pl.Lat, pl.Lon) || strings.TrimSpace(pl.Name) == "" {
			logger.Warn("playground place dropped: needs a name and a point on Earth", "name", pl.Name, "lat", pl.Lat, "lon", pl.Lon)
			continue
		}
		places = append(places, pl)
	}
	c.Places = places
	return c
}

func validLatLon(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !math.IsNaN(lat) && !math.IsNaN(lon)
}
