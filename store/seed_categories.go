package store

import (
	"context"
	"database/sql"
	"time"
)

type demoCategory struct {
	slug, it, en, de string
	office           string
	open             bool
	serviceDays      int
	children         []demoCategory
}

var demoOffices = []struct{ name, email string }{
	{"URP", "urp@comune.example.it"},
	{"Ufficio tecnico", "tecnico@comune.example.it"},
	{"Polizia locale", "polizia@comune.example.it"},
	{"Ufficio ambiente", "ambiente@comune.example.it"},
}

// demoCategories are what citizens report most; staff rename, reassign or
// delete them in the admin. The internal one is for reports staff file.
var demoCategories = []demoCategory{
	{"strade", "Strade e marciapiedi", "Roads and pavements", "Straßen und Gehsteige", "Ufficio tecnico", true, 30, []demoCategory{
		{"strade-buca", "Buca", "Pothole", "Schlagloch", "Ufficio tecnico", true, 15, nil},
		{"strade-marciapiede", "Marciapiede rotto", "Broken pavement", "Beschädigter Gehsteig", "Ufficio tecnico", true, 30, nil},
	}},
	{"illuminazione", "Illuminazione", "Street lighting", "Straßenbeleuchtung", "Ufficio tecnico", true, 10, []demoCategory{
		{"illuminazione-lampione", "Lampione spento", "Street light out", "Straßenlaterne defekt", "Ufficio tecnico", true, 10, nil},
	}},
	{"rifiuti", "Rifiuti", "Waste", "Abfall", "Ufficio ambiente", true, 7, []demoCategory{
		{"rifiuti-abbandonati", "Rifiuti abbandonati", "Dumped waste", "Illegale Müllablagerung", "Ufficio ambiente", true, 7, nil},
		{"rifiuti-cassonetto", "Cassonetto pieno", "Full bin", "Voller Müllcontainer", "Ufficio ambiente", true, 3, nil},
	}},
	{"verde", "Verde pubblico", "Parks and trees", "Öffentliches Grün", "Ufficio ambiente", true, 20, []demoCategory{
		{"verde-albero", "Albero pericolante", "Dangerous tree", "Gefährlicher Baum", "Ufficio tecnico", true, 3, nil},
		{"verde-erba", "Erba alta", "Overgrown grass", "Hohes Gras", "Ufficio ambiente", true, 30, nil},
	}},
	{"segnaletica", "Segnaletica", "Road signs", "Verkehrszeichen", "Polizia locale", true, 15, nil},
	{"interno-sopralluogo", "Sopralluogo interno", "Internal inspection", "Interne Begehung", "URP", false, 30, nil},
}

func seedDemoCategories(ctx context.Context, tx *sql.Tx) error {
	offices := map[string]int64{}
	for _, o := range demoOffices {
		res, err := tx.ExecContext(ctx, `INSERT INTO offices (name, email) VALUES (?, ?)`, o.name, o.email)
		if err != nil {
			return err
		}
		if offices[o.name], err = res.LastInsertId(); err != nil {
			return err
		}
	}
	now := time.Now().Unix()
	var insert func(parent *int64, cats []demoCategory) error
	insert = func(parent *int64, cats []demoCategory) error {
		for i, c := range cats {
			res, err := tx.ExecContext(ctx, `
				INSERT INTO categories (parent_id, slug, position, name_it, name_en, name_de, office_id, open_to_citizens, service_days, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				parent, c.slug, i+1, c.it, c.en, c.de, offices[c.office], c.open, c.serviceDays, now)
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if err := insert(&id, c.children); err != nil {
				return err
			}
		}
		return nil
	}
	return insert(nil, demoCategories)
}
