package store

import (
	"context"
	"database/sql"
)

// migrateWasteBins names the bins in English and German too: a citizen who
// reads the bot in German is told "graue Tonne", not "bidone grigio". The
// types' change stamp for the calendar feeds is kept: no collection moved.
func migrateWasteBins(ctx context.Context, tx *sql.Tx) error {
	restoreStamp, err := keepTypesChangeStamp(ctx, tx)
	if err != nil {
		return err
	}
	statements := []string{
		`ALTER TABLE waste_types ADD COLUMN bin_en TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE waste_types ADD COLUMN bin_de TEXT NOT NULL DEFAULT ''`,
	}
	for _, b := range []struct{ code, en, de string }{
		{"carta", "blue bin", "blaue Tonne"},
		{"plastica", "yellow bag", "gelber Sack"},
		{"vetro", "green bottle bank", "grüner Glascontainer"},
		{"umido", "small brown bin", "braune Biotonne"},
		{"secco", "grey bin", "graue Tonne"},
		{"verde", "bags or bundles", "Säcke oder Bündel"},
		{"ingombranti", "collected by appointment", "Abholung nach Anmeldung"},
		{"raee", "recycling centre or electronics shop", "Wertstoffhof oder Elektrofachhandel"},
		{"pile", "battery boxes in shops", "Batteriesammelboxen im Handel"},
		{"farmaci", "containers at pharmacies", "Behälter in den Apotheken"},
		{"oli", "recycling centre", "Wertstoffhof"},
		{"tessili", "used-clothes containers", "Altkleidercontainer"},
		{"pericolosi", "recycling centre", "Wertstoffhof"},
		{"ecocentro", "recycling centre", "Wertstoffhof"},
	} {
		statements = append(statements, `UPDATE waste_types SET bin_en = '`+b.en+`', bin_de = '`+b.de+`' WHERE code = '`+b.code+`'`)
	}
	if err := execAll(ctx, tx, statements...); err != nil {
		return err
	}
	return restoreStamp()
}
