package flows

import (
	"context"

	"github.com/campanile/campanile/store"
)

// staffLang is the language of the staff group: the comune's own.
const staffLang = "it"

// Staff callback verbs, honoured only in the staff chat: sk:<report id>.
const (
	cbStaffTake      = "sk"
	cbStaffWorking   = "sw"
	cbStaffResolve   = "sr"
	cbStaffReject    = "sj"
	cbStaffDuplicate = "sd"
	cbStaffReopen    = "so"
)

var staffVerbStatus = map[string]string{
	cbStaffTake:    store.ReportTaken,
	cbStaffWorking: store.ReportInProgress,
	cbStaffResolve: store.ReportResolved,
	cbStaffReject:  store.ReportRejected,
	cbStaffReopen:  store.ReportTaken,
}

// staffForward is what the staff group receives for a new report: its
// photos, a map pin, and the card with the buttons. Every message is tied
// to the report once sent, so a reply to any of them reaches the citizen.
func (e *Engine) staffForward(ctx context.Context, st *store.Store, r store.Report, author string) ([]Message, error) {
	chat := e.staffChatID(ctx, st)
	if chat == 0 {
		return nil, nil
	}
	var out []Message
	photos, err := st.ReportPhotos(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	ids := staffPhotoIDs(photos)
	caption := e.t(staffLang, "staff.photos_caption", map[string]any{"Number": r.Number})
	switch {
	case len(ids) == 1:
		out = append(out, Message{Action: ActionSendPhoto, ChatID: chat, Photos: ids, Text: caption, ReportID: r.ID, Silent: true})
	case len(ids) > 1:
		out = append(out, Message{Action: ActionSendAlbum, ChatID: chat, Photos: ids, Text: caption, ReportID: r.ID, Silent: true})
	}
	if r.HasCoords {
		out = append(out, Message{Action: ActionSendLocation, ChatID: chat, Location: &Location{Lat: r.Lat, Lon: r.Lon}, ReportID: r.ID, Silent: true})
	}
	text, buttons, err := e.staffCard(ctx, st, r, author, "")
	if err != nil {
		return nil, err
	}
	return append(out, Message{Action: ActionSend, ChatID: chat, Text: text, Buttons: buttons, ReportID: r.ID, ReportCard: true}), nil
}

// staffChatID is the staff group's id now, following a supergroup
// upgrade recorded since the configuration was written.
func (e *Engine) staffChatID(ctx context.Context, st *store.Store) int64 {
	if e.cfg.StaffChatID == 0 {
		return 0
	}
	id, err := st.CurrentChatID(ctx, e.cfg.StaffChatID)
	if err != nil {
		e.log.Warn("unable to follow staff chat migration", "error", err)
		return e.cfg.StaffChatID
	}
	return id
}

func (e *Engine) isStaffChat(ctx context.Context, st *store.Store, chatID int64) bool {
	return e.cfg.StaffChatID != 0 && (chatID == e.cfg.StaffChatID || chatID == e.staffChatID(ctx, st))
}

// staffCard renders the report for staff, with the buttons its status
// allows.
func (e *Engine) staffCard(ctx context.Context, st *store.Store, r store.Report, author, statusBy string) (string, [][]Button, error) {
	cat, err := st.CategoryByID(ctx, r.CategoryID)
	if err != nil {
		return "", nil, err
	}
	place := r.PlaceText
	if place == "" && r.HasCoords {
		place = e.cat.T(staffLang, "report.place_point", nil)
	}
	if r.ZoneID != 0 {
		if z, err := st.ZoneByID(ctx, r.ZoneID); err == nil {
			place += " · " + z.Name
		}
	}
	by := ""
	if statusBy != "" {
		by = e.t(staffLang, "staff.status_by", map[string]any{"Name": statusBy})
	}
	text := e.t(staffLang, "staff.card", map[string]any{
		"Number": r.Number, "Category": cat.Name(staffLang), "Place": place,
		"Author":      staffAuthor(author, e.cfg.AnonymousReports, e.cat.T(staffLang, "staff.anonymous", nil)),
		"Description": r.Description, "Status": e.cat.T(staffLang, "status."+r.Status, nil), "StatusBy": safeHTML(by),
	})
	return text, e.staffButtons(r), nil
}

func (e *Engine) staffButtons(r store.Report) [][]Button {
	b := func(key, verb string) Button {
		return Button{Text: e.cat.T(staffLang, key, nil), Data: cbData(verb, r.ID)}
	}
	if store.ReportClosed(r.Status) {
		return [][]Button{{b("staff.reopen", cbStaffReopen)}}
	}
	var first []Button
	if r.Status == store.ReportNew {
		first = append(first, b("staff.take", cbStaffTake))
	}
	if r.Status != store.ReportInProgress {
		first = append(first, b("staff.working", cbStaffWorking))
	}
	return [][]Button{first, {b("staff.resolve", cbStaffResolve), b("staff.reject", cbStaffReject), b("staff.duplicate", cbStaffDuplicate)}}
}

// redrawCard edits the report's card in the staff group after a change.
func (e *Engine) redrawCard(ctx context.Context, st *store.Store, r store.Report, by string) ([]Message, error) {
	if r.StaffChatID == 0 || r.StaffMessageID == 0 {
		return nil, nil
	}
	author := ""
	if r.CitizenID != 0 {
		if c, err := st.CitizenByID(ctx, r.CitizenID); err == nil {
			author = c.FirstName
		}
	}
	text, buttons, err := e.staffCard(ctx, st, r, author, by)
	if err != nil {
		return nil, err
	}
	return []Message{{Action: ActionEditText, ChatID: r.StaffChatID, MessageID: int(r.StaffMessageID), Text: text, Buttons: buttons}}, nil
}
