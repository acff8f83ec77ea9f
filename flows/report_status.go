package flows

import (
	"context"
	"fmt"
	"slices"

	"github.com/campanile/campanile/store"
)

// allowedTransitions is the report lifecycle. A closed report can only be
// reopened (taken in charge again); everything else moves forward.
var allowedTransitions = map[string][]string{
	store.ReportNew:        {store.ReportTaken, store.ReportInProgress, store.ReportResolved, store.ReportRejected, store.ReportDuplicate},
	store.ReportTaken:      {store.ReportInProgress, store.ReportResolved, store.ReportRejected, store.ReportDuplicate},
	store.ReportInProgress: {store.ReportResolved, store.ReportRejected, store.ReportDuplicate},
	store.ReportResolved:   {store.ReportTaken},
	store.ReportRejected:   {store.ReportTaken},
	store.ReportDuplicate:  {store.ReportTaken},
}

// CanTransition tells whether a report may go from one status to another.
func CanTransition(from, to string) bool {
	return slices.Contains(allowedTransitions[from], to)
}

// TransitionError is an illegal status change, worded for staff.
type TransitionError struct{ From, To string }

func (e TransitionError) Error() string {
	return fmt.Sprintf("flows: a report cannot go from %s to %s", e.From, e.To)
}

// ChangeReportStatus moves a report along its lifecycle, from the staff
// group or the admin alike: it records the change with its author, and
// returns what to send: the citizen's and followers' notices in their
// languages, and the staff card redrawn.
func (e *Engine) ChangeReportStatus(ctx context.Context, st *store.Store, reportID int64, to string, author store.Author) ([]Message, error) {
	r, err := st.ReportByID(ctx, reportID)
	if err != nil {
		return nil, err
	}
	if !CanTransition(r.Status, to) {
		return nil, TransitionError{From: r.Status, To: to}
	}
	if r, err = st.ChangeReportStatus(ctx, reportID, to, author, ""); err != nil {
		return nil, err
	}
	msgs, err := e.notifyReportPeople(ctx, st, r, "citizen.status", map[string]any{"Number": r.Number}, "Status", "status."+to)
	if err != nil {
		return nil, err
	}
	if to == store.ReportResolved {
		e.askResolved(ctx, st, r, msgs)
	}
	card, err := e.redrawCard(ctx, st, r, author.Name)
	return append(msgs, card...), err
}

// askResolved turns the reporter's notice of a resolved report into the
// question "really resolved?": the fix is the citizen's to confirm.
func (e *Engine) askResolved(ctx context.Context, st *store.Store, r store.Report, msgs []Message) {
	for i := range msgs {
		if msgs[i].ChatID != r.ChatID || r.ChatID == 0 {
			continue
		}
		c, err := st.CitizenByChatID(ctx, r.ChatID)
		if err != nil {
			return
		}
		msgs[i].Text = e.t(c.Language, "citizen.resolved", map[string]any{"Number": r.Number})
		msgs[i].Buttons = [][]Button{{
			{Text: e.cat.T(c.Language, "resolved.yes", nil), Data: cbData(cbResolvedY, r.ID)},
			{Text: e.cat.T(c.Language, "resolved.no", nil), Data: cbData(cbResolvedN, r.ID)},
		}}
	}
}

// MarkDuplicate closes a report as a copy of another, telling its people
// where to follow it.
func (e *Engine) MarkDuplicate(ctx context.Context, st *store.Store, reportID, ofID int64, author store.Author) ([]Message, error) {
	r, err := st.ReportByID(ctx, reportID)
	if err != nil {
		return nil, err
	}
	of, err := st.ReportByID(ctx, ofID)
	if err != nil {
		return nil, err
	}
	if of.ID == r.ID || !CanTransition(r.Status, store.ReportDuplicate) {
		return nil, TransitionError{From: r.Status, To: store.ReportDuplicate}
	}
	if r, err = st.MarkReportDuplicate(ctx, r.ID, of.ID, author, ""); err != nil {
		return nil, err
	}
	if r.CitizenID != 0 {
		if _, err := st.FollowReport(ctx, of.ID, r.CitizenID); err != nil {
			return nil, err
		}
	}
	msgs, err := e.notifyReportPeople(ctx, st, r, "citizen.duplicate", map[string]any{"Number": r.Number, "Of": of.Number}, "", "")
	if err != nil {
		return nil, err
	}
	card, err := e.redrawCard(ctx, st, r, author.Name)
	return append(msgs, card...), err
}

// notifyReportPeople writes to the report's citizen and followers, each in
// their own language. translated names a data key whose value is itself a
// locale key (a status name) to translate per person.
func (e *Engine) notifyReportPeople(ctx context.Context, st *store.Store, r store.Report, key string, data map[string]any, translatedKey, translatedID string) ([]Message, error) {
	chats, err := st.ReportFollowers(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if r.ChatID != 0 {
		chats = append([]int64{r.ChatID}, chats...)
	}
	var out []Message
	for _, chat := range chats {
		c, err := st.CitizenByChatID(ctx, chat)
		if err != nil || !c.Active {
			continue
		}
		d := map[string]any{"Comune": e.cfg.Comune}
		for k, v := range data {
			d[k] = v
		}
		if translatedKey != "" {
			d[translatedKey] = e.cat.T(c.Language, translatedID, nil)
		}
		out = append(out, Message{Action: ActionSend, ChatID: chat, Text: e.t(c.Language, key, d)})
	}
	return out, nil
}
