package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// deliveryError is why an SMTP conversation did not deliver a mail, and
// whether trying again can help.
type deliveryError struct {
	permanent bool
	err       error
}

func (e *deliveryError) Error() string { return e.err.Error() }
func (e *deliveryError) Unwrap() error { return e.err }

func transient(format string, args ...any) error {
	return &deliveryError{err: fmt.Errorf(format, args...)}
}

func permanent(format string, args ...any) error {
	return &deliveryError{permanent: true, err: fmt.Errorf(format, args...)}
}

// isPermanent tells a verdict on the mail itself (a 5xx reply to a
// recipient or to its content) from trouble that may pass.
func isPermanent(err error) bool {
	var de *deliveryError
	return errors.As(err, &de) && de.permanent
}

// smtpCode is the reply code of an SMTP error, 0 for other errors
// (network, TLS, timeouts), which are all worth retrying.
func smtpCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

// send runs one SMTP conversation. It returns the recipients the server
// refused for good, when it accepted the mail for the others.
func (m *Mailer) send(ctx context.Context, from string, to []string, msg []byte) (refused []string, err error) {
	conn, err := m.dial(ctx)
	if err != nil {
		return nil, transient("mailer: unable to reach %s: %w", m.srv.display, err)
	}
	// Closing the connection is what interrupts a conversation stuck on
	// a silent server when the mailer is stopped.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	_ = conn.SetDeadline(time.Now().Add(m.cfg.Timeout))
	c, err := smtp.NewClient(conn, m.srv.host)
	if err != nil {
		conn.Close()
		return nil, transient("mailer: %s did not greet: %w", m.srv.display, err)
	}
	defer c.Close()
	if err := m.hello(c); err != nil {
		return nil, err
	}
	// A 5xx to MAIL FROM is about our sender address, not this mail:
	// fixing the configuration must let every pending mail through.
	if err := c.Mail(from); err != nil {
		return nil, transient("mailer: %s refused the sender %s: %w", m.srv.display, from, err)
	}
	accepted := 0
	for _, rcpt := range to {
		err := c.Rcpt(rcpt)
		switch code := smtpCode(err); {
		case err == nil:
			accepted++
		case code >= 500:
			refused = append(refused, fmt.Sprintf("%s: %v", rcpt, err))
		default:
			return nil, transient("mailer: %s deferred recipient %s: %w", m.srv.display, rcpt, err)
		}
	}
	if accepted == 0 {
		_ = c.Reset()
		return refused, permanent("mailer: every recipient was refused: %s", strings.Join(refused, "; "))
	}
	if err := m.data(c, msg); err != nil {
		return nil, err
	}
	// The mail is delivered once DATA is accepted; a failed QUIT changes
	// nothing, and retrying would send it twice.
	_ = c.Quit()
	return refused, nil
}

func (m *Mailer) dial(ctx context.Context) (net.Conn, error) {
	dialer := &net.Dialer{Timeout: m.cfg.Timeout}
	if m.srv.implicitTLS {
		td := &tls.Dialer{NetDialer: dialer, Config: m.tlsConfig()}
		return td.DialContext(ctx, "tcp", m.srv.addr)
	}
	return dialer.DialContext(ctx, "tcp", m.srv.addr)
}

func (m *Mailer) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: m.srv.host, RootCAs: m.cfg.RootCAs, MinVersion: tls.VersionTLS12}
}

// hello greets the server, upgrades to TLS and logs in, as configured.
// Nothing here is the mail's fault: every failure is retried.
func (m *Mailer) hello(c *smtp.Client) error {
	if err := c.Hello(m.cfg.HelloName); err != nil {
		return transient("mailer: %s refused EHLO: %w", m.srv.display, err)
	}
	if m.srv.startTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return transient("mailer: %s does not offer STARTTLS (only a trusted local relay may go without: ?starttls=off)", m.srv.display)
		}
		if err := c.StartTLS(m.tlsConfig()); err != nil {
			return transient("mailer: STARTTLS with %s failed: %w", m.srv.display, err)
		}
	}
	if !m.srv.auth() {
		return nil
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return transient("mailer: %s does not offer AUTH, but the URL has credentials", m.srv.display)
	}
	if err := c.Auth(smtp.PlainAuth("", m.srv.user, m.srv.pass, m.srv.host)); err != nil {
		return transient("mailer: %s refused the login of %s: %w", m.srv.display, m.srv.user, err)
	}
	return nil
}

// data sends the message. A 5xx reply judges its content (too big, spam):
// sending it again would be judged the same.
func (m *Mailer) data(c *smtp.Client, msg []byte) error {
	classify := func(stage string, err error) error {
		if smtpCode(err) >= 500 {
			return permanent("mailer: %s refused the message at %s: %w", m.srv.display, stage, err)
		}
		return transient("mailer: sending the message to %s failed at %s: %w", m.srv.display, stage, err)
	}
	w, err := c.Data()
	if err != nil {
		return classify("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return classify("DATA", err)
	}
	if err := w.Close(); err != nil {
		return classify("end of DATA", err)
	}
	return nil
}
