package flows

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// mailSubjectPlaceMax keeps subjects readable in a mail client's list; the
// body has the full place.
const mailSubjectPlaceMax = 80

// mailRow is one "label: value" line of the office email; href, when set,
// makes the value a link in the HTML part.
type mailRow struct {
	label, value, href string
}

// reportMail is the office email before it is rendered as text and HTML.
// Every value in it is plain text, cleaned of control characters: the
// renderers escape for HTML, and nothing a citizen typed can break a line
// in the subject.
type reportMail struct {
	subject, title, intro string
	rows                  []mailRow
	descriptionLabel      string
	description           string
	photosLabel           string
	photos                []mailRow
	manage                mailRow
	footer                string
}

// EnqueueReportEmail writes the email about a new report to the mail
// outbox. Call it in the transaction that creates the report, so the
// office hears of every report exactly when it exists. A category without
// an office address sends nothing.
func (e *Engine) EnqueueReportEmail(ctx context.Context, st *store.Store, r store.Report, publicURL string) error {
	m, ok, err := e.ReportEmail(ctx, st, r, publicURL)
	if err != nil || !ok {
		return err
	}
	if _, err := st.EnqueueMail(ctx, m); err != nil {
		return fmt.Errorf("flows: unable to enqueue the email of report %s: %w", r.Number, err)
	}
	return nil
}

// ReportEmail composes, in the staff's language, the email that tells the
// office of r's category about it. ok is false when the category (nor its
// parent) names no office with an address. publicURL, the admin's public
// address, adds links to the photos and the report's page when set.
func (e *Engine) ReportEmail(ctx context.Context, st *store.Store, r store.Report, publicURL string) (store.Mail, bool, error) {
	cat, office, err := reportOffice(ctx, st, r.CategoryID)
	if err != nil || office.Email == "" {
		return store.Mail{}, false, err
	}
	base := publicBase(publicURL)
	doc, err := e.reportMailDoc(ctx, st, r, cat, base)
	if err != nil {
		return store.Mail{}, false, err
	}
	return store.Mail{To: office.Email, Subject: doc.subject, Text: doc.text(), HTML: doc.html(), ReportID: r.ID}, true, nil
}

// reportOffice finds the office of a category; a subcategory without one
// is handled by its parent's.
func reportOffice(ctx context.Context, st *store.Store, categoryID int64) (store.Category, store.Office, error) {
	cat, err := st.CategoryByID(ctx, categoryID)
	if err != nil {
		return store.Category{}, store.Office{}, err
	}
	officeID := cat.OfficeID
	if officeID == 0 && cat.ParentID != 0 {
		parent, err := st.CategoryByID(ctx, cat.ParentID)
		if err != nil {
			return store.Category{}, store.Office{}, err
		}
		officeID = parent.OfficeID
	}
	if officeID == 0 {
		return cat, store.Office{}, nil
	}
	office, err := st.OfficeByID(ctx, officeID)
	if errors.Is(err, store.ErrNotFound) {
		return cat, store.Office{}, nil
	}
	office.Email = strings.TrimSpace(office.Email)
	return cat, office, err
}

func (e *Engine) reportMailDoc(ctx context.Context, st *store.Store, r store.Report, cat store.Category, base string) (reportMail, error) {
	l := func(id string) string { return e.cat.T(staffLang, id, map[string]any{"Comune": e.cfg.Comune}) }
	category := cat.Name(staffLang)
	if cat.ParentID != 0 {
		if parent, err := st.CategoryByID(ctx, cat.ParentID); err == nil {
			category = parent.Name(staffLang) + " › " + category
		}
	}
	place := oneLine(r.PlaceText)
	if place == "" {
		place = l("mail.place_point")
	}
	zone := ""
	if r.ZoneID != 0 {
		if z, err := st.ZoneByID(ctx, r.ZoneID); err == nil {
			zone = oneLine(z.Name)
		}
	}
	subjectPlace := place
	if r.PlaceText == "" && zone != "" {
		subjectPlace = zone
	}
	d := reportMail{
		subject: oneLine(e.cat.T(staffLang, "mail.report_subject", map[string]any{
			"Number": r.Number, "Category": oneLine(cat.Name(staffLang)), "Place": truncateRunes(subjectPlace, mailSubjectPlaceMax),
		})),
		title:            e.cat.T(staffLang, "mail.report_title", map[string]any{"Number": r.Number}),
		intro:            l("mail.report_intro"),
		descriptionLabel: l("mail.description"),
		description:      multiLine(r.Description),
		photosLabel:      l("mail.photos"),
		footer:           l("mail.footer"),
	}
	d.rows = append(d.rows, mailRow{label: l("mail.number"), value: r.Number},
		mailRow{label: l("mail.category"), value: oneLine(category)},
		mailRow{label: l("mail.place"), value: place})
	if r.HasCoords {
		link := osmLink(r.Lat, r.Lon)
		d.rows = append(d.rows, mailRow{label: l("mail.map"), value: link, href: link})
	}
	if zone != "" {
		d.rows = append(d.rows, mailRow{label: l("mail.zone"), value: zone})
	}
	d.rows = append(d.rows, mailRow{label: l("mail.author"), value: e.reportAuthor(ctx, st, r, l("mail.anonymous"))})
	photos, err := st.ReportPhotos(ctx, r.ID)
	if err != nil {
		return reportMail{}, err
	}
	for i := range photos {
		label := e.cat.T(staffLang, "mail.photo", map[string]any{"Position": i + 1})
		if base == "" {
			d.photos = append(d.photos, mailRow{label: label, value: l("mail.photo_in_group")})
			continue
		}
		// The admin's own address for the photo, behind sign-in: a
		// forwarded email must not open a citizen's photo to anyone, and
		// the photo may not be fetched from Telegram yet when this is
		// written.
		link := base + "/admin/reports/" + strconv.FormatInt(r.ID, 10) + "/photos/" + strconv.Itoa(i)
		d.photos = append(d.photos, mailRow{label: label, value: link, href: link})
	}
	if base != "" {
		link := base + "/admin/reports/" + strconv.FormatInt(r.ID, 10)
		d.manage = mailRow{label: l("mail.manage"), value: link, href: link}
	}
	return d, nil
}

// reportAuthor is the citizen's first name, unless the comune hides names
// or the citizen is gone.
func (e *Engine) reportAuthor(ctx context.Context, st *store.Store, r store.Report, anonymous string) string {
	if e.cfg.AnonymousReports || r.CitizenID == 0 {
		return anonymous
	}
	c, err := st.CitizenByID(ctx, r.CitizenID)
	if name := oneLine(c.FirstName); err == nil && name != "" {
		return name
	}
	return anonymous
}

func (d reportMail) text() string {
	var b strings.Builder
	b.WriteString(d.title + "\n\n" + d.intro + "\n\n")
	for _, row := range d.rows {
		b.WriteString(row.label + ": " + row.value + "\n")
	}
	b.WriteString("\n" + d.descriptionLabel + ":\n" + d.description + "\n")
	if len(d.photos) > 0 {
		b.WriteString("\n" + d.photosLabel + ":\n")
		for _, p := range d.photos {
			b.WriteString("- " + p.label + ": " + p.value + "\n")
		}
	}
	if d.manage.href != "" {
		b.WriteString("\n" + d.manage.label + ": " + d.manage.value + "\n")
	}
	// "-- " starts a signature that mail clients fold away.
	b.WriteString("\n-- \n" + d.footer + "\n")
	return b.String()
}

func (d reportMail) html() string {
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>` + esc(d.subject) + "</title></head>\n")
	b.WriteString(`<body style="font-family:sans-serif;line-height:1.4">` + "\n<h2>" + esc(d.title) + "</h2>\n<p>" + esc(d.intro) + "</p>\n")
	b.WriteString(`<table cellpadding="4" style="border-collapse:collapse">` + "\n")
	for _, row := range d.rows {
		b.WriteString(`<tr><th align="left" valign="top">` + esc(row.label) + "</th><td>" + htmlValue(row) + "</td></tr>\n")
	}
	b.WriteString("</table>\n<h3>" + esc(d.descriptionLabel) + "</h3>\n")
	b.WriteString("<p>" + strings.ReplaceAll(esc(d.description), "\n", "<br>\n") + "</p>\n")
	if len(d.photos) > 0 {
		b.WriteString("<h3>" + esc(d.photosLabel) + "</h3>\n<ul>\n")
		for _, p := range d.photos {
			if p.href != "" {
				b.WriteString(`<li><a href="` + esc(p.href) + `">` + esc(p.label) + "</a></li>\n")
			} else {
				b.WriteString("<li>" + esc(p.label) + ": " + esc(p.value) + "</li>\n")
			}
		}
		b.WriteString("</ul>\n")
	}
	if d.manage.href != "" {
		b.WriteString(`<p><a href="` + esc(d.manage.href) + `">` + esc(d.manage.label) + "</a></p>\n")
	}
	b.WriteString("<hr>\n<p><small>" + esc(d.footer) + "</small></p>\n</body></html>\n")
	return b.String()
}

func htmlValue(row mailRow) string {
	if row.href == "" {
		return html.EscapeString(row.value)
	}
	return `<a href="` + html.EscapeString(row.href) + `">` + html.EscapeString(row.value) + "</a>"
}

func osmLink(lat, lon float64) string {
	la, lo := strconv.FormatFloat(lat, 'f', 6, 64), strconv.FormatFloat(lon, 'f', 6, 64)
	return "https://www.openstreetmap.org/?mlat=" + la + "&mlon=" + lo + "#map=19/" + la + "/" + lo
}

// publicBase is the admin's public address without a trailing slash, or
// "" when it is not an http(s) URL: links are better missing than broken.
func publicBase(publicURL string) string {
	u, err := url.Parse(strings.TrimSpace(publicURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return strings.TrimRight(u.String(), "/")
}

// oneLine makes a person's text fit on one line: every control character
// (CR and LF first: they would start a new mail header) becomes a space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || bidiControl(r) {
			return ' '
		}
		return r
	}, s)), " ")
}

// multiLine keeps a person's line breaks, as \n, and drops other control
// characters.
func multiLine(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u2028' || r == '\u2029':
			return '\n'
		case unicode.IsControl(r) || bidiControl(r):
			return -1
		}
		return r
	}, s))
}

// bidiControl tells the characters that reorder text on screen: in a mail
// they could make a link or a name read differently from what it is.
func bidiControl(r rune) bool {
	return r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
