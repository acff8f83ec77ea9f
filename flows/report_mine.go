package flows

import (
	"errors"
	"strings"
	"time"

	"github.com/campanile/campanile/store"
)

// Callback verbs of /myreports.
const (
	cbMyList    = "ml"  // back to the list
	cbMyOpen    = "mo"  // mo:<report id>: show its timeline
	cbMyComment = "mc"  // mc:<report id>: add a comment or photo
	cbResolvedY = "rvy" // rvy:<report id>: yes, it is resolved
	cbResolvedN = "rvn" // rvn:<report id>: no, reopen it
)

const myReportsShown = 10

// showMyReports lists the citizen's reports with their status.
func (s *session) showMyReports(edit bool) error {
	reports, err := s.st.ReportsOfCitizen(s.ctx, s.citizen.ID, myReportsShown)
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		s.sendWithMenu(s.t("mine.none", nil))
		return nil
	}
	var rows [][]Button
	for _, r := range reports {
		label := r.Number + " · " + s.plain("status."+r.Status, nil)
		rows = append(rows, []Button{{Text: label, Data: cbData(cbMyOpen, r.ID)}})
	}
	text := s.t("mine.list", nil)
	if edit {
		s.editText(text, rows)
	} else {
		s.send(text, rows)
	}
	return nil
}

// ownReport finds a report the citizen filed; anyone else's is refused.
func (s *session) ownReport(id int64) (store.Report, bool, error) {
	r, err := s.st.ReportByID(s.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return r, false, nil
	}
	if err != nil {
		return r, false, err
	}
	return r, r.CitizenID == s.citizen.ID, nil
}

// showTimeline shows one report's story: every status change, the
// comune's answers and the citizen's own comments. Internal notes stay
// internal.
func (s *session) showTimeline(r store.Report) error {
	events, err := s.st.ReportTimeline(s.ctx, r.ID)
	if err != nil {
		return err
	}
	cat, err := s.st.CategoryByID(s.ctx, r.CategoryID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(s.t("mine.header", map[string]any{"Number": r.Number, "Category": cat.Name(s.lang), "Status": s.plain("status."+r.Status, nil)}))
	loc := romeTime()
	for _, ev := range events {
		line := ""
		when := time.Unix(ev.At, 0).In(loc).Format("02/01 15:04")
		switch ev.Kind {
		case store.EventCreated:
			line = s.t("mine.ev_created", nil)
		case store.EventStatus, store.EventReopen, store.EventDuplicate:
			line = s.t("mine.ev_status", map[string]any{"Status": s.plain("status."+ev.ToStatus, nil)})
		case store.EventReply:
			line = s.t("mine.ev_reply", map[string]any{"Text": truncate(ev.Text, 300)})
		case store.EventComment:
			line = s.t("mine.ev_comment", map[string]any{"Text": truncate(ev.Text, 300)})
		default:
			continue
		}
		b.WriteString("\n<i>" + when + "</i> " + line)
	}
	rows := [][]Button{}
	if !store.ReportClosed(r.Status) {
		rows = append(rows, []Button{{Text: s.plain("mine.add_comment", nil), Data: cbData(cbMyComment, r.ID)}})
	}
	rows = append(rows, []Button{{Text: s.plain("mine.back", nil), Data: cbMyList}})
	s.editText(truncate(b.String(), 3900), rows)
	return nil
}

func romeTime() *time.Location {
	if loc, err := time.LoadLocation("Europe/Rome"); err == nil {
		return loc
	}
	return time.UTC
}

func (s *session) handleMineCallback(cb callback) error {
	if cb.verb == cbMyList {
		if cb.hasArg {
			return s.refuseCallback()
		}
		s.answer("", false)
		return s.showMyReports(true)
	}
	id, ok := cb.id()
	if !ok {
		return s.refuseCallback()
	}
	r, own, err := s.ownReport(id)
	if err != nil {
		return err
	}
	if !own {
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbMyOpen:
		s.answer("", false)
		return s.showTimeline(r)
	case cbMyComment:
		if store.ReportClosed(r.Status) {
			s.answer(s.plain("report.expired", nil), true)
			return nil
		}
		s.answer("", false)
		return s.askComment(r)
	case cbResolvedY, cbResolvedN:
		return s.answerResolved(r, cb.verb == cbResolvedY)
	}
	return s.refuseCallback()
}

func isMineVerb(verb string) bool {
	switch verb {
	case cbMyList, cbMyOpen, cbMyComment, cbResolvedY, cbResolvedN:
		return true
	}
	return false
}
