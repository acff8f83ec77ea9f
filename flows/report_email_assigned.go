package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/campanile/campanile/store"
)

// EnqueueAssignmentEmail tells an office that a report was handed to it:
// the same email as for a new report, titled as an assignment, so the
// office that now handles it has everything in its mailbox as the
// category's office had. Nothing is sent when the comune sends no email,
// to an office without an address, or to the category's own office (which
// had the email already). Call it in the transaction that assigns.
func (e *Engine) EnqueueAssignmentEmail(ctx context.Context, st *store.Store, r store.Report, officeID int64, by string) error {
	if officeID == 0 || !e.cfg.MailOffices {
		return nil
	}
	office, err := st.OfficeByID(ctx, officeID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	cat, own, err := reportOffice(ctx, st, r.CategoryID)
	if err != nil {
		return err
	}
	to := strings.TrimSpace(office.Email)
	if to == "" || own.ID == office.ID {
		return nil
	}
	doc, err := e.reportMailDoc(ctx, st, r, cat, publicBase(e.cfg.PublicURL))
	if err != nil {
		return err
	}
	fields := map[string]any{"Number": r.Number, "Office": office.Name, "By": by, "Comune": e.cfg.Comune}
	doc.subject = oneLine(e.cat.T(staffLang, "mail.assigned_subject", fields)) + " " + doc.subject
	doc.title = e.cat.T(staffLang, "mail.assigned_title", fields)
	doc.intro = e.cat.T(staffLang, "mail.assigned_intro", fields)
	if _, err := st.EnqueueMail(ctx, store.Mail{To: to, Subject: doc.subject, Text: doc.text(), HTML: doc.html(), ReportID: r.ID}); err != nil {
		return fmt.Errorf("flows: unable to enqueue the assignment email of report %s: %w", r.Number, err)
	}
	return nil
}
