package flows

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/flows/waste"
)

// Bounds of "Dove lo butto?": an item's name is a few words, and a phone
// shows five suggestions without scrolling.
const (
	maxItemQueryLen = 60
	maxSuggestions  = 5
)

// askItem opens "Dove lo butto?": the next text is an item's name.
func (s *session) askItem() error {
	if err := s.openWasteStep(stepWasteItem, wasteConv{}); err != nil {
		return err
	}
	s.sendStep(s.t("wastechat.item_ask", nil), s.stepKeyboard())
	return nil
}

// itemInput answers an item's name; anything but text gets the hint.
func (s *session) itemInput() error {
	query := strings.TrimSpace(s.in.Text)
	switch {
	case s.in.Kind != KindText || query == "":
		s.sendStep(s.t("wastechat.item_hint", nil), nil)
		return nil
	case utf8.RuneCountInString(query) > maxItemQueryLen:
		s.sendStep(s.t("wastechat.item_too_long", map[string]any{"Max": maxItemQueryLen}), nil)
		return nil
	}
	return s.lookupItem(query)
}

// lookupItem gives the bin of a sure match, the closest items when the
// matcher is unsure, or the way to ask a person.
func (s *session) lookupItem(query string) error {
	dict, err := WasteDictionary(s.ctx, s.st)
	if err != nil {
		return err
	}
	m := dict.Lookup(query)
	if m.Item != nil && m.Sure {
		if err := s.openWasteStep(stepWasteItem, wasteConv{}); err != nil {
			return err
		}
		return s.answerItem(*m.Item)
	}
	var offer []waste.Item
	if m.Item != nil {
		offer = append(offer, *m.Item)
	}
	for _, it := range m.Suggestions {
		if len(offer) == maxSuggestions {
			break
		}
		if !containsItem(offer, it.Name) {
			offer = append(offer, it)
		}
	}
	conv := wasteConv{}
	for _, it := range offer {
		conv.Suggestions = append(conv.Suggestions, it.Name)
	}
	if err := s.openWasteStep(stepWasteItem, conv); err != nil {
		return err
	}
	shown := truncate(query, 40)
	if len(offer) == 0 {
		ask, err := s.askEcocentro()
		if err != nil {
			return err
		}
		s.sendStep(s.t("wastechat.item_not_found", map[string]any{"Query": shown})+"\n"+ask+"\n\n"+s.t("wastechat.item_again", nil), s.stepKeyboard())
		return nil
	}
	var rows [][]Button
	for i, it := range offer {
		rows = append(rows, []Button{{Text: truncate(it.Name, 40), Data: cbWasteSuggest + ":" + strconv.Itoa(i)}})
	}
	s.send(s.t("wastechat.item_suggest", map[string]any{"Query": shown}), rows)
	return nil
}

func containsItem(items []waste.Item, name string) bool {
	for _, it := range items {
		if it.Name == name {
			return true
		}
	}
	return false
}

// pickSuggestion is a "did you mean" button: its index points into the
// names saved with the question, so a forged or stale one finds nothing.
func (s *session) pickSuggestion(cb callback) error {
	conv, open, err := s.wasteStep(stepWasteItem)
	if err != nil {
		return err
	}
	n, convErr := strconv.Atoi(cb.arg)
	if !cb.hasArg || convErr != nil || n < 0 || strconv.Itoa(n) != cb.arg {
		return s.refuseCallback()
	}
	if !open || n >= len(conv.Suggestions) {
		s.answer(s.plain("wastechat.expired", nil), true)
		return nil
	}
	dict, err := WasteDictionary(s.ctx, s.st)
	if err != nil {
		return err
	}
	for _, it := range dict.Items() {
		if it.Name == conv.Suggestions[n] {
			s.answer("", false)
			s.editButtons(nil)
			if err := s.openWasteStep(stepWasteItem, wasteConv{}); err != nil {
				return err
			}
			return s.answerItem(it)
		}
	}
	// Staff edited the dictionary since the question.
	s.answer(s.plain("wastechat.expired", nil), true)
	return nil
}

// Types taken to the ecocentro rather than collected at the door: their
// answer carries its address and hours.
var atEcocentro = map[string]bool{"ecocentro": true, "raee": true, "oli": true, "pericolosi": true}

// answerItem says where an item goes, its note, and when that bin is
// next collected in the citizen's zone or where the ecocentro is.
func (s *session) answerItem(it waste.Item) error {
	types, err := s.wasteTypes()
	if err != nil {
		return err
	}
	lines := []string{s.t("wastechat.item_found", map[string]any{"Item": it.Name, "Where": s.typeWithBin(types, it.Type)})}
	if note := strings.TrimSpace(it.Note); note != "" {
		lines = append(lines, s.t("wastechat.item_note", map[string]any{"Note": note}))
	}
	if atEcocentro[it.Type] {
		e, err := s.ecocentro()
		if err != nil {
			return err
		}
		if e.known() {
			lines = append(lines, s.t("wastechat.item_eco", map[string]any{"Contact": e.contact()}))
		}
	}
	zone, ok, err := s.savedZone()
	if err != nil {
		return err
	}
	if ok {
		rules, exceptions, err := ZoneSchedule(s.ctx, s.st, zone.ID)
		if err != nil {
			return err
		}
		if d, found := nextCollection(rules, exceptions, it.Type, s.wasteToday()); found {
			lines = append(lines, s.t("wastechat.item_next", map[string]any{"Date": s.longDate(d)}))
		}
	}
	// The keyboard again: a question typed with no conversation open
	// still had the main menu's.
	s.sendStep(strings.Join(lines, "\n")+"\n\n"+s.t("wastechat.item_again", nil), s.stepKeyboard())
	return nil
}
