package mailer

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode"

	"github.com/campanile/campanile/store"
)

// attachment is a file read from disk, ready to encode.
type attachment struct {
	name, mime string
	data       []byte
}

// entity is a MIME entity: its headers and its encoded body.
type entity struct {
	header textproto.MIMEHeader
	body   []byte
}

// buildMessage renders a mail as RFC 5322 text with CRLF line ends: the
// text, the HTML as its alternative, the attachments beside them.
func buildMessage(m store.Mail, from *mail.Address, to []*mail.Address, files []attachment, date time.Time) ([]byte, error) {
	body, err := textEntity("plain", m.Text)
	if err != nil {
		return nil, err
	}
	if m.HTML != "" {
		html, err := textEntity("html", m.HTML)
		if err != nil {
			return nil, err
		}
		body = multipartEntity("alternative", []entity{body, html})
	}
	if len(files) > 0 {
		parts := []entity{body}
		for _, f := range files {
			parts = append(parts, attachmentEntity(f))
		}
		body = multipartEntity("mixed", parts)
	}
	recipients := make([]string, len(to))
	for i, a := range to {
		recipients[i] = a.String()
	}
	var b bytes.Buffer
	writeHeader(&b, "From", from.String())
	writeHeader(&b, "To", strings.Join(recipients, ", "))
	// Q-encoding turns anything outside printable ASCII, CR and LF
	// included, into =XX: a subject can never add a header.
	writeHeader(&b, "Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject)))
	writeHeader(&b, "Date", date.Format(time.RFC1123Z))
	writeHeader(&b, "Message-ID", messageID(m, from))
	writeHeader(&b, "MIME-Version", "1.0")
	// RFC 3834: out-of-office replies from the office must not answer an
	// address nobody reads.
	writeHeader(&b, "Auto-Submitted", "auto-generated")
	for _, key := range []string{"Content-Type", "Content-Transfer-Encoding"} {
		if v := body.header.Get(key); v != "" {
			writeHeader(&b, key, v)
		}
	}
	b.WriteString("\r\n")
	b.Write(body.body)
	return b.Bytes(), nil
}

// messageID is the same for every attempt at one mail, so that a mail
// sent twice (the server accepted it, but the connection broke before we
// heard so) can be recognised as one by the receiving side.
func messageID(m store.Mail, from *mail.Address) string {
	domain := "campanile.invalid"
	if _, d, ok := strings.Cut(from.Address, "@"); ok && d != "" {
		domain = d
	}
	return fmt.Sprintf("<campanile.mail.%d.%d@%s>", m.ID, m.CreatedAt, domain)
}

func textEntity(subtype, text string) (entity, error) {
	var buf bytes.Buffer
	qp := quotedprintable.NewWriter(&buf)
	if _, err := qp.Write([]byte(text)); err != nil {
		return entity{}, fmt.Errorf("mailer: unable to encode the %s part: %w", subtype, err)
	}
	if err := qp.Close(); err != nil {
		return entity{}, fmt.Errorf("mailer: unable to encode the %s part: %w", subtype, err)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", "text/"+subtype+"; charset=utf-8")
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	return entity{header: h, body: buf.Bytes()}, nil
}

func multipartEntity(subtype string, parts []entity) entity {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		// Writes to a bytes.Buffer cannot fail.
		pw, _ := w.CreatePart(p.header)
		_, _ = pw.Write(p.body)
	}
	_ = w.Close()
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("multipart/"+subtype, map[string]string{"boundary": w.Boundary()}))
	return entity{header: h, body: buf.Bytes()}
}

func attachmentEntity(f attachment) entity {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", f.mime)
	h.Set("Content-Transfer-Encoding", "base64")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.name}))
	encoded := base64.StdEncoding.EncodeToString(f.data)
	var buf bytes.Buffer
	for len(encoded) > 76 {
		buf.WriteString(encoded[:76] + "\r\n")
		encoded = encoded[76:]
	}
	buf.WriteString(encoded + "\r\n")
	return entity{header: h, body: buf.Bytes()}
}

// writeHeader writes one header field, folded at spaces so that lines
// stay near the 78 characters RFC 5322 recommends.
func writeHeader(b *bytes.Buffer, name, value string) {
	line := name + ":"
	for _, word := range strings.Split(oneLine(value), " ") {
		if len(line) > len(name)+1 && len(line)+1+len(word) > 76 {
			b.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + word
	}
	b.WriteString(line + "\r\n")
}

// oneLine replaces control characters, CR and LF first, with spaces: the
// last guard against a value that would start a header of its own.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)), " ")
}
