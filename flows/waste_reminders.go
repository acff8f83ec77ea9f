package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// ErrWasteRemindersSent is returned by SendWasteReminders for an evening
// whose reminders already went out.
var ErrWasteRemindersSent = store.ErrWasteRemindersSent

// SendWasteReminders enqueues the reminders of one evening: to every
// reachable citizen with a saved zone who chose waste news, one message
// with what of theirs goes out in their zone the day after, in their
// language, with the bins; nothing to those with nothing of theirs
// collected. The messages and the record of the evening are written in one
// transaction, so a crash sends all or nothing and a second run of the
// same evening (a restart, another process) sends nothing: it returns
// ErrWasteRemindersSent. It returns how many messages it enqueued.
func (e *Engine) SendWasteReminders(ctx context.Context, st *store.Store, evening waste.Date) (int, error) {
	var sent int
	err := st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.ClaimWasteReminderRun(ctx, evening.String()); err != nil {
			return err
		}
		plan, err := e.newReminderPlan(ctx, tx, evening.AddDays(1))
		if err != nil {
			return err
		}
		targets, err := tx.WasteReminderTargets(ctx)
		if err != nil {
			return err
		}
		msgs := make([]Message, 0, len(targets))
		for _, t := range targets {
			text, err := plan.textFor(ctx, t)
			if err != nil {
				return err
			}
			if text != "" {
				msgs = append(msgs, Message{Action: ActionSend, ChatID: t.ChatID, Text: text})
			}
		}
		if err := Enqueue(ctx, tx, store.PriorityNotice, msgs...); err != nil {
			return err
		}
		sent = len(msgs)
		return tx.SetWasteReminderCount(ctx, evening.String(), sent)
	})
	if err != nil {
		if errors.Is(err, store.ErrWasteRemindersSent) {
			return 0, err
		}
		return 0, fmt.Errorf("flows: waste reminders of %s: %w", evening, err)
	}
	return sent, nil
}

// reminderPlan computes each zone's collections once, and each distinct
// text once: a hundred thousand citizens share a handful of zones,
// languages and choices of types.
type reminderPlan struct {
	e     *Engine
	st    *store.Store
	day   waste.Date
	types map[string]store.WasteType
	zones map[int64]string             // names
	due   map[int64][]waste.Collection // per zone, in the types' order
	texts map[string]string
}

func (e *Engine) newReminderPlan(ctx context.Context, st *store.Store, day waste.Date) (*reminderPlan, error) {
	p := &reminderPlan{e: e, st: st, day: day, types: map[string]store.WasteType{}, zones: map[int64]string{},
		due: map[int64][]waste.Collection{}, texts: map[string]string{}}
	types, err := st.WasteTypes(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		p.types[t.Code] = t
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return nil, err
	}
	for _, z := range zones {
		p.zones[z.ID] = z.Name
	}
	return p, nil
}

// collections is what goes out in a zone on the plan's day, read once.
func (p *reminderPlan) collections(ctx context.Context, zoneID int64) ([]waste.Collection, error) {
	if cs, ok := p.due[zoneID]; ok {
		return cs, nil
	}
	rules, exceptions, err := ZoneSchedule(ctx, p.st, zoneID)
	if err != nil {
		return nil, err
	}
	cs := waste.On(rules, exceptions, p.day)
	slices.SortStableFunc(cs, func(a, b waste.Collection) int { return p.types[a.Type].Position - p.types[b.Type].Position })
	p.due[zoneID] = cs
	return cs, nil
}

// textFor is the reminder of one citizen, or "" when nothing they chose
// is collected.
func (p *reminderPlan) textFor(ctx context.Context, t store.WasteReminderTarget) (string, error) {
	cs, err := p.collections(ctx, t.ZoneID)
	if err != nil {
		return "", err
	}
	var chosen []waste.Collection
	for _, c := range cs {
		if t.AllTypes || slices.Contains(t.Types, c.Type) {
			chosen = append(chosen, c)
		}
	}
	if len(chosen) == 0 {
		return "", nil
	}
	var key strings.Builder
	fmt.Fprintf(&key, "%d|%s", t.ZoneID, t.Language)
	for _, c := range chosen {
		fmt.Fprintf(&key, "|%s:%t", c.Type, c.Moved)
	}
	if text, ok := p.texts[key.String()]; ok {
		return text, nil
	}
	text := p.render(t.Language, p.zones[t.ZoneID], chosen)
	p.texts[key.String()] = text
	return text, nil
}

func (p *reminderPlan) render(lang, zone string, chosen []waste.Collection) string {
	lines := []string{p.e.t(lang, "waste_reminder.intro", map[string]any{"Zone": zone})}
	for _, c := range chosen {
		wt, ok := p.types[c.Type]
		name, bin := c.Type, ""
		if ok {
			name, bin = wt.Name(lang), wt.Bin(lang)
		}
		key := "waste_reminder.line"
		switch {
		case c.Moved && bin == "":
			key = "waste_reminder.line_moved_no_bin"
		case c.Moved:
			key = "waste_reminder.line_moved"
		case bin == "":
			key = "waste_reminder.line_no_bin"
		}
		lines = append(lines, p.e.t(lang, key, map[string]any{"Type": name, "Bin": bin}))
	}
	lines = append(lines, "", p.e.t(lang, "waste_reminder.footer", nil))
	return strings.Join(lines, "\n")
}
