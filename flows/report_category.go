package flows

import (
	"time"
)

// startReport opens a new report, unless the citizen reached the daily
// limit that keeps one person (or a script) from flooding the inbox.
func (s *session) startReport() error {
	if over, err := s.overDailyLimit(); err != nil || over {
		return err
	}
	if err := s.saveDraft(stepReportCategory, reportDraft{}); err != nil {
		return err
	}
	text, buttons, err := s.categoryLevel(0)
	if err != nil {
		return err
	}
	if buttons == nil {
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		s.sendWithMenu(text)
		return nil
	}
	// The inline keyboard chooses; the reply keyboard offers the way out.
	s.sendStep(text, s.stepKeyboard())
	s.out[len(s.out)-1].Keyboard = nil
	s.out[len(s.out)-1].Buttons = buttons
	return nil
}

func (s *session) overDailyLimit() (bool, error) {
	max := s.e.cfg.MaxReportsPerDay
	if max <= 0 {
		max = defaultMaxReportsDaily
	}
	n, err := s.st.CountReportsSince(s.ctx, s.citizen.ID, s.st.Now().Add(-24*time.Hour).Unix())
	if err != nil {
		return false, err
	}
	if n >= max {
		s.sendWithMenu(s.t("report.limit", map[string]any{"Max": max}))
		return true, nil
	}
	return false, nil
}

// categoryLevel lists the categories open to citizens under parentID.
func (s *session) categoryLevel(parentID int64) (string, [][]Button, error) {
	cats, err := s.st.Categories(s.ctx, parentID, true)
	if err != nil {
		return "", nil, err
	}
	if len(cats) == 0 {
		return s.t("report.no_categories", nil), nil, nil
	}
	var rows [][]Button
	for _, c := range cats {
		rows = append(rows, []Button{{Text: c.Name(s.lang), Data: cbData(cbReportCategory, c.ID)}})
	}
	last := []Button{{Text: s.plain("report.cancel", nil), Data: cbReportCancel}}
	text := s.t("report.choose_category", nil)
	if parentID != 0 {
		parent, err := s.st.CategoryByID(s.ctx, parentID)
		if err != nil {
			return "", nil, err
		}
		text = s.t("report.choose_subcategory", map[string]any{"Category": parent.Name(s.lang)})
		last = append([]Button{{Text: s.plain("report.back", nil), Data: cbReportCategoryTop}}, last...)
	}
	return text, append(rows, last), nil
}

// chooseCategory handles a category button: a parent opens its children
// in the same message, a leaf moves on to the place.
func (s *session) chooseCategory(d reportDraft, id int64) error {
	cat, err := s.st.CategoryByID(s.ctx, id)
	if err != nil || !cat.OpenToCitizens {
		return s.refuseCallback()
	}
	children, err := s.st.Categories(s.ctx, id, true)
	if err != nil {
		return err
	}
	s.answer("", false)
	if len(children) > 0 {
		text, buttons, err := s.categoryLevel(id)
		if err != nil {
			return err
		}
		s.editText(text, buttons)
		return nil
	}
	d.CategoryID = id
	s.editText(s.t("report.category_chosen", map[string]any{"Category": cat.Name(s.lang)}), nil)
	if d.Editing {
		return s.showSummary(d)
	}
	return s.askPlace(d)
}
