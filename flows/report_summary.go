package flows

import (
	"strconv"
)

func (s *session) placeLabel(d reportDraft) string {
	switch {
	case d.PlaceText != "":
		return d.PlaceText
	case d.ZoneName != "":
		return s.plain("report.place_zone", map[string]any{"Zone": d.ZoneName})
	}
	return s.plain("report.place_point", nil)
}

// showSummary shows everything before anything is sent, with the choice
// to send, change one thing, or give up.
func (s *session) showSummary(d reportDraft) error {
	d.Editing = false
	if err := s.saveDraft(stepReportSummary, d); err != nil {
		return err
	}
	cat, err := s.st.CategoryByID(s.ctx, d.CategoryID)
	if err != nil {
		return err
	}
	text := s.t("report.summary", map[string]any{
		"Category": cat.Name(s.lang), "Place": s.placeLabel(d),
		"Photos": strconv.Itoa(len(d.Photos)), "Description": d.Description,
	})
	// The step keyboard goes away: the summary is answered with its buttons.
	s.out = append(s.out, Message{Action: ActionSend, ChatID: s.in.ChatID, Text: text, Buttons: s.summaryButtons()})
	return nil
}

func (s *session) summaryButtons() [][]Button {
	return [][]Button{
		{{Text: s.plain("report.confirm", nil), Data: cbReportConfirm}},
		{{Text: s.plain("report.change", nil), Data: cbReportChange}, {Text: s.plain("report.cancel", nil), Data: cbReportCancel}},
	}
}

// changeButtons lets the citizen pick the one step to redo.
func (s *session) changeButtons() [][]Button {
	return [][]Button{
		{{Text: s.plain("report.change_category", nil), Data: cbData(cbReportEdit, editCategory)}, {Text: s.plain("report.change_place", nil), Data: cbData(cbReportEdit, editPlace)}},
		{{Text: s.plain("report.change_photos", nil), Data: cbData(cbReportEdit, editPhotos)}, {Text: s.plain("report.change_description", nil), Data: cbData(cbReportEdit, editDescription)}},
		{{Text: s.plain("report.back", nil), Data: cbReportSummary}},
	}
}

const (
	editCategory = iota + 1
	editPlace
	editPhotos
	editDescription
)

func (s *session) editStep(d reportDraft, which int64) error {
	d.Editing = true
	s.answer("", false)
	s.editButtons(nil)
	switch which {
	case editCategory:
		if err := s.saveDraft(stepReportCategory, d); err != nil {
			return err
		}
		text, buttons, err := s.categoryLevel(0)
		if err != nil {
			return err
		}
		s.send(text, buttons)
		return nil
	case editPlace:
		return s.askPlace(d)
	case editPhotos:
		d.Photos = nil
		return s.askPhotos(d)
	case editDescription:
		return s.askDescription(d)
	}
	return s.refuseCallback()
}

// stepBack returns to the step before the current one.
func (s *session) stepBack(step string, d reportDraft) error {
	switch step {
	case stepReportPlace, stepReportOutside, stepReportNearby:
		return s.startReportAt(d)
	case stepReportPhotos:
		d.Photos = nil
		return s.askPlace(d)
	case stepReportDescribe:
		return s.askPhotos(d)
	case stepReportSummary:
		return s.askDescription(d)
	}
	return s.cancelReport()
}

// startReportAt shows the categories again, keeping what was written.
func (s *session) startReportAt(d reportDraft) error {
	if err := s.saveDraft(stepReportCategory, d); err != nil {
		return err
	}
	text, buttons, err := s.categoryLevel(0)
	if err != nil {
		return err
	}
	s.send(text, buttons)
	return nil
}

func (s *session) cancelReport() error {
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.sendWithMenu(s.t("report.cancelled", nil))
	return nil
}
