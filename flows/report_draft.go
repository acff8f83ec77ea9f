package flows

import (
	"encoding/json"
	"fmt"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// The report conversation's flow and step names are stored: never rename.
const (
	flowReport         = "report"
	stepReportCategory = "category"
	stepReportPlace    = "place"
	stepReportOutside  = "outside"
	stepReportNearby   = "nearby"
	stepReportPhotos   = "photos"
	stepReportDescribe = "describe"
	stepReportSummary  = "summary"
)

// Limits of a report, as a clerk would want them: enough to understand,
// short enough to read on a phone.
const (
	maxReportPhotos        = 5
	minDescriptionLen      = 10
	maxDescriptionLen      = 1000
	minPlaceTextLen        = 4
	maxPlaceTextLen        = 200
	maxPhotoFileBytes      = 10 << 20
	nearbyRadiusMeters     = 50
	nearbyWindowSeconds    = 7 * 24 * 3600
	defaultMaxReportsDaily = 5
)

// reportDraft is the report being written, saved after every step so a
// restart resumes it. Its JSON is stored: add fields, never rename them.
type reportDraft struct {
	CategoryID  int64          `json:"category_id,omitempty"`
	HasCoords   bool           `json:"has_coords,omitempty"`
	Lat         float64        `json:"lat,omitempty"`
	Lon         float64        `json:"lon,omitempty"`
	Geolocated  bool           `json:"geolocated,omitempty"`
	PlaceText   string         `json:"place_text,omitempty"`
	ZoneID      int64          `json:"zone_id,omitempty"`
	ZoneName    string         `json:"zone_name,omitempty"`
	Photos      []TelegramFile `json:"photos,omitempty"`
	Album       string         `json:"album,omitempty"` // media group being received
	Description string         `json:"description,omitempty"`
	// Editing is set when the citizen came from the summary to change one
	// thing: after that step they go straight back to the summary.
	Editing bool `json:"editing,omitempty"`
}

func (s *session) loadDraft(conv store.Conversation) (reportDraft, error) {
	var d reportDraft
	if len(conv.Data) > 0 {
		if err := json.Unmarshal(conv.Data, &d); err != nil {
			return d, fmt.Errorf("flows: unreadable report draft of citizen #%d: %w", s.citizen.ID, err)
		}
	}
	return d, nil
}

func (s *session) saveDraft(step string, d reportDraft) error {
	data, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("flows: unable to encode report draft: %w", err)
	}
	return s.st.SaveConversation(s.ctx, store.Conversation{CitizenID: s.citizen.ID, Flow: flowReport, Step: step, Data: data})
}

// stepKeyboard is the reply keyboard under every step: a way back and a
// way out, always, plus the step's own first row.
func (s *session) stepKeyboard(first ...KeyButton) *Keyboard {
	kb := &Keyboard{Placeholder: s.plain("menu.placeholder", nil)}
	if len(first) > 0 {
		kb.Rows = append(kb.Rows, first)
	}
	kb.Rows = append(kb.Rows, []KeyButton{{Text: s.plain("report.back", nil)}, {Text: s.plain("report.cancel", nil)}})
	return kb
}

func (s *session) sendStep(text string, kb *Keyboard) {
	s.out = append(s.out, Message{Action: ActionSend, ChatID: s.in.ChatID, Text: text, Keyboard: kb})
}

// isLabel tells whether the citizen typed (or tapped) a button label, in
// any language: their phone may show the keyboard of a language they
// have just switched from.
func (s *session) isLabel(key string) bool {
	text := normalizeLabel(s.in.Text)
	for _, lang := range locales.Supported {
		if text == normalizeLabel(s.e.cat.T(lang, key, nil)) {
			return true
		}
	}
	return false
}
