package store

import (
	"context"
	"database/sql"
	"time"
)

type starterTopic struct {
	slug, it, en, de string
	children         []starterTopic
}

// starterTopics are what almost every comune announces; staff rename,
// reorder or delete them in the admin. Nobody is subscribed to any.
var starterTopics = []starterTopic{
	{"rifiuti", "Rifiuti", "Waste collection", "Müllabfuhr", []starterTopic{
		{"rifiuti-carta", "Carta", "Paper", "Papier", nil},
		{"rifiuti-plastica", "Plastica e metalli", "Plastic and metal", "Kunststoff und Metall", nil},
		{"rifiuti-vetro", "Vetro", "Glass", "Glas", nil},
		{"rifiuti-umido", "Umido", "Organic waste", "Biomüll", nil},
		{"rifiuti-secco", "Secco", "General waste", "Restmüll", nil},
	}},
	{"viabilita", "Viabilità e lavori", "Traffic and roadworks", "Verkehr und Baustellen", nil},
	{"eventi", "Eventi", "Events", "Veranstaltungen", nil},
	{"protezione-civile", "Protezione civile", "Civil protection", "Zivilschutz", nil},
	{"bandi", "Bandi e concorsi", "Calls and competitions", "Ausschreibungen und Wettbewerbe", nil},
}

func seedStarterTopics(ctx context.Context, tx *sql.Tx) error {
	now := time.Now().Unix()
	var insert func(parent *int64, topics []starterTopic) error
	insert = func(parent *int64, topics []starterTopic) error {
		for i, t := range topics {
			res, err := tx.ExecContext(ctx,
				`INSERT INTO topics (parent_id, slug, position, name_it, name_en, name_de, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				parent, t.slug, i+1, t.it, t.en, t.de, now)
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if err := insert(&id, t.children); err != nil {
				return err
			}
		}
		return nil
	}
	return insert(nil, starterTopics)
}
