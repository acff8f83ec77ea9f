package flows

import (
	"errors"

	"github.com/campanile/campanile/store"
)

// Report callback verbs. Every one is checked against the step the
// citizen's report is at: a button from an old message does nothing.
const (
	cbReportCategory      = "rc" // rc:<category id>
	cbReportCategoryTop   = "rp" // back to the top-level categories
	cbReportCancel        = "rx"
	cbReportOutsideSend   = "ro"
	cbReportOutsideChange = "rq"
	cbReportJoin          = "rj" // rj:<report id>: "me too"
	cbReportNew           = "rn"
	cbReportConfirm       = "ry"
	cbReportChange        = "rm"
	cbReportEdit          = "re" // re:<step>
	cbReportSummary       = "rs" // back to the summary from the change menu
)

// reportVerbSteps says at which step each verb is valid, and whether it
// takes an argument.
var reportVerbSteps = map[string]struct {
	steps  []string
	hasArg bool
}{
	cbReportCategory:      {[]string{stepReportCategory}, true},
	cbReportCategoryTop:   {[]string{stepReportCategory}, false},
	cbReportCancel:        {[]string{stepReportCategory, stepReportSummary}, false},
	cbReportOutsideSend:   {[]string{stepReportOutside}, false},
	cbReportOutsideChange: {[]string{stepReportOutside}, false},
	cbReportJoin:          {[]string{stepReportNearby}, true},
	cbReportNew:           {[]string{stepReportNearby}, false},
	cbReportConfirm:       {[]string{stepReportSummary}, false},
	cbReportChange:        {[]string{stepReportSummary}, false},
	cbReportEdit:          {[]string{stepReportSummary}, true},
	cbReportSummary:       {[]string{stepReportSummary}, false},
}

func isReportVerb(verb string) bool { _, ok := reportVerbSteps[verb]; return ok }

func (s *session) handleReportCallback(cb callback) error {
	rule := reportVerbSteps[cb.verb]
	if cb.hasArg != rule.hasArg {
		return s.refuseCallback()
	}
	conv, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && conv.Flow != flowReport) {
		s.answer(s.plain("report.expired", nil), true)
		return nil
	}
	if err != nil {
		return err
	}
	valid := false
	for _, st := range rule.steps {
		valid = valid || st == conv.Step
	}
	if !valid {
		s.answer(s.plain("report.expired", nil), true)
		return nil
	}
	d, err := s.loadDraft(conv)
	if err != nil {
		return err
	}
	id, idOK := cb.id()
	if rule.hasArg && !idOK {
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbReportCategory:
		return s.chooseCategory(d, id)
	case cbReportCategoryTop:
		text, buttons, err := s.categoryLevel(0)
		if err != nil {
			return err
		}
		s.answer("", false)
		s.editText(text, buttons)
		return nil
	case cbReportCancel:
		s.answer("", false)
		s.editButtons(nil)
		return s.cancelReport()
	case cbReportOutsideSend:
		s.answer("", false)
		s.editButtons(nil)
		return s.afterPlace(d)
	case cbReportOutsideChange:
		s.answer("", false)
		s.editButtons(nil)
		return s.askPlace(d)
	case cbReportJoin:
		return s.joinNearby(id)
	case cbReportNew:
		s.answer("", false)
		s.editButtons(nil)
		return s.askPhotos(d)
	case cbReportConfirm:
		s.answer("", false)
		s.editButtons(nil)
		return s.submitReport(d)
	case cbReportChange:
		s.answer("", false)
		s.editButtons(s.changeButtons())
		return nil
	case cbReportSummary:
		s.answer("", false)
		s.editButtons(s.summaryButtons())
		return nil
	case cbReportEdit:
		return s.editStep(d, id)
	}
	return s.refuseCallback()
}

// continueReport handles what the citizen typed or sent at a step.
func (s *session) continueReport(conv store.Conversation) error {
	d, err := s.loadDraft(conv)
	if err != nil {
		return err
	}
	if s.in.Kind == KindText {
		switch {
		case s.isLabel("report.cancel"):
			return s.cancelReport()
		case s.isLabel("report.back"):
			return s.stepBack(conv.Step, d)
		}
	}
	switch conv.Step {
	case stepReportPlace:
		return s.placeInput(d)
	case stepReportPhotos:
		return s.photosInput(d)
	case stepReportDescribe:
		return s.describeInput(d)
	}
	// Steps answered with buttons: remind the citizen which ones.
	if conv.Step == stepReportSummary {
		s.sendStep(s.t("report.summary_hint", nil), nil)
		return nil
	}
	s.sendStep(s.t("report.buttons_hint", nil), nil)
	return nil
}
