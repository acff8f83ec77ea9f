package flows

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/campanile/campanile/store"
)

// The citizen's "Rifiuti": the zone asked once and kept with consent, the
// collections of today, tomorrow and the week, the ecocentro, and "Dove lo
// butto?". Flow and step names are stored: never rename them.
const (
	flowWaste     = "waste"
	stepWasteZone = "zone" // waiting for a location or a zone from the list
	stepWasteItem = "item" // waiting for the name of an item
)

// Waste callback verbs. View, zone and item buttons stay valid as long as
// what they name exists; a zone pick and a suggestion need their step open.
const (
	cbWasteView    = "wv" // wv:<view>: today, tomorrow or the week, in place
	cbWasteZone    = "wz" // wz:<zone id>: the citizen's zone from the list
	cbWasteChange  = "wc" // ask the zone again
	cbWasteForget  = "wf" // forget the saved zone
	cbWasteItem    = "wi" // open "Dove lo butto?"
	cbWasteEco     = "we" // the ecocentro's address and hours
	cbWasteSuggest = "ws" // ws:<n>: the n-th item of "did you mean"
)

// wasteConv is the waste flow's saved state. Its JSON is stored: add
// fields, never rename them.
type wasteConv struct {
	// Suggestions are the names offered by "did you mean", so a button
	// carries only their index and still finds its item after a restart.
	Suggestions []string `json:"suggestions,omitempty"`
}

func isWasteVerb(verb string) bool {
	switch verb {
	case cbWasteView, cbWasteZone, cbWasteChange, cbWasteForget, cbWasteItem, cbWasteEco, cbWasteSuggest:
		return true
	}
	return false
}

// showWaste is "Rifiuti": the calendar of the saved zone, or the question
// of which zone first.
func (s *session) showWaste() error {
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	zone, ok, err := s.savedZone()
	if err != nil {
		return err
	}
	if !ok {
		return s.askZone(zone.gone)
	}
	text, err := s.wasteView(zone.Zone, viewWeek)
	if err != nil {
		return err
	}
	s.send(text, s.wasteButtons())
	return nil
}

// savedWasteZone is the citizen's zone as the calendar needs it; gone is
// set when a place was saved but its zone has since been deleted.
type savedWasteZone struct {
	store.Zone
	gone bool
}

func (s *session) savedZone() (savedWasteZone, bool, error) {
	p, err := s.st.CitizenPlaceOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) {
		return savedWasteZone{}, false, nil
	}
	if err != nil {
		return savedWasteZone{}, false, err
	}
	if p.ZoneID == 0 {
		return savedWasteZone{gone: true}, false, nil
	}
	z, err := s.st.ZoneByID(s.ctx, p.ZoneID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && z.Kind != store.ZoneKindZone) {
		return savedWasteZone{gone: true}, false, nil
	}
	if err != nil {
		return savedWasteZone{}, false, err
	}
	return savedWasteZone{Zone: z}, true, nil
}

// wasteButtons sit under the calendar, whichever view it shows.
func (s *session) wasteButtons() [][]Button {
	return [][]Button{
		{
			{Text: s.plain("wastechat.btn_today", nil), Data: cbWasteView + ":" + string(viewToday)},
			{Text: s.plain("wastechat.btn_tomorrow", nil), Data: cbWasteView + ":" + string(viewTomorrow)},
			{Text: s.plain("wastechat.btn_week", nil), Data: cbWasteView + ":" + string(viewWeek)},
		},
		{{Text: s.plain("wastechat.btn_item", nil), Data: cbWasteItem}, {Text: s.plain("wastechat.btn_ecocentro", nil), Data: cbWasteEco}},
		{{Text: s.plain("wastechat.btn_change", nil), Data: cbWasteChange}, {Text: s.plain("wastechat.btn_forget", nil), Data: cbWasteForget}},
	}
}

func (s *session) handleWasteCallback(cb callback) error {
	switch cb.verb {
	case cbWasteChange, cbWasteForget, cbWasteItem, cbWasteEco:
		if cb.hasArg {
			return s.refuseCallback()
		}
	}
	switch cb.verb {
	case cbWasteView:
		return s.switchWasteView(cb.arg)
	case cbWasteZone:
		return s.pickZone(cb)
	case cbWasteChange:
		s.answer("", false)
		return s.askZone(false)
	case cbWasteForget:
		return s.forgetZone()
	case cbWasteItem:
		s.answer("", false)
		return s.askItem()
	case cbWasteEco:
		s.answer("", false)
		return s.showEcocentro()
	case cbWasteSuggest:
		return s.pickSuggestion(cb)
	}
	return s.refuseCallback()
}

// continueWaste handles what the citizen typed or sent while the waste
// flow waits at a step.
func (s *session) continueWaste(conv store.Conversation) error {
	var st wasteConv
	if len(conv.Data) > 0 {
		if err := json.Unmarshal(conv.Data, &st); err != nil {
			return fmt.Errorf("flows: unreadable waste conversation of citizen #%d: %w", s.citizen.ID, err)
		}
	}
	if s.in.Kind == KindText && s.isLabel("report.cancel") {
		return s.cancel()
	}
	switch conv.Step {
	case stepWasteZone:
		if s.in.Kind == KindText && s.isLabel("report.back") {
			return s.leaveWaste()
		}
		return s.zoneInput()
	case stepWasteItem:
		if s.in.Kind == KindText && s.isLabel("report.back") {
			return s.leaveWaste()
		}
		return s.itemInput()
	}
	// A step this version does not know: start the flow over.
	return s.showWaste()
}

// leaveWaste is Back from a waste question: to the calendar when there is
// a zone (changing it was given up), else simply out.
func (s *session) leaveWaste() error {
	zone, ok, err := s.savedZone()
	if err != nil {
		return err
	}
	if !ok {
		return s.cancel()
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	text, err := s.wasteView(zone.Zone, viewWeek)
	if err != nil {
		return err
	}
	s.sendWithMenu(s.t("cancel.done", nil))
	s.send(text, s.wasteButtons())
	return nil
}

// openWasteStep saves the citizen's position in the waste flow.
func (s *session) openWasteStep(step string, st wasteConv) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("flows: unable to encode the waste conversation: %w", err)
	}
	return s.st.SaveConversation(s.ctx, store.Conversation{CitizenID: s.citizen.ID, Flow: flowWaste, Step: step, Data: data})
}

// wasteStep returns the open waste conversation at step, if any.
func (s *session) wasteStep(step string) (wasteConv, bool, error) {
	conv, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (conv.Flow != flowWaste || conv.Step != step)) {
		return wasteConv{}, false, nil
	}
	if err != nil {
		return wasteConv{}, false, err
	}
	var st wasteConv
	if len(conv.Data) > 0 && json.Unmarshal(conv.Data, &st) != nil {
		return wasteConv{}, false, nil
	}
	return st, true, nil
}
