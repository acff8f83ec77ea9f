package mailer

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server took it.
type received struct {
	from string
	to   []string
	data []byte
}

// testSMTP is a real SMTP server in the test process: STARTTLS (or TLS
// from the start) with a certificate made for the test, AUTH PLAIN only
// after TLS, recipients that can be refused, and a RCPT that can be held.
type testSMTP struct {
	t      *testing.T
	addr   string
	pool   *x509.CertPool
	server *smtp.Server

	user, pass string

	mu       sync.Mutex
	msgs     []received
	reject   map[string]bool
	hold     chan struct{} // while non-nil, RCPT waits for it to close
	arrived  chan struct{}
	held     chan struct{}
	sessions int
}

type smtpOptions struct {
	addr        string // "" for any free port
	implicitTLS bool
	noTLS       bool      // no STARTTLS; AUTH allowed in clear
	cert        *testCert // nil for a new one
}

// testCert is a server certificate and a pool that trusts it, so the
// client verifies TLS as it would in production.
type testCert struct {
	cert tls.Certificate
	pool *x509.CertPool
}

func startTestSMTP(t *testing.T, opts smtpOptions) *testSMTP {
	t.Helper()
	if opts.cert == nil {
		opts.cert = newTestCert(t)
	}
	cert := opts.cert.cert
	s := &testSMTP{t: t, pool: opts.cert.pool, user: "campanile", pass: "s3cret-p@ss", reject: map[string]bool{},
		arrived: make(chan struct{}, 100), held: make(chan struct{}, 100)}
	s.server = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.sessions++
		s.mu.Unlock()
		return &testSession{s: s}, nil
	}))
	s.server.Domain = "localhost"
	s.server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	if opts.noTLS {
		s.server.TLSConfig, s.server.AllowInsecureAuth = nil, true
	}
	s.server.ReadTimeout, s.server.WriteTimeout = 5*time.Second, 5*time.Second
	if opts.addr == "" {
		opts.addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	if opts.implicitTLS {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	go func() { _ = s.server.Serve(ln) }()
	t.Cleanup(func() {
		s.release()
		s.server.Close()
	})
	return s
}

// newTestCert makes a self-signed certificate for 127.0.0.1.
func newTestCert(t *testing.T) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "campanile test SMTP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &testCert{cert: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool: pool}
}

// url is the SMTP URL of the server, with its credentials.
func (s *testSMTP) url(scheme string) string {
	return scheme + "://" + s.user + ":" + "s3cret-p%40ss" + "@" + s.addr
}

func (s *testSMTP) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

func (s *testSMTP) holdRecipients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold = make(chan struct{})
}

func (s *testSMTP) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hold != nil {
		close(s.hold)
		s.hold = nil
	}
}

// waitMessages waits until the server holds n messages.
func (s *testSMTP) waitMessages(n int) []received {
	s.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		if msgs := s.messages(); len(msgs) >= n {
			return msgs
		}
		select {
		case <-s.arrived:
		case <-deadline:
			s.t.Fatalf("the SMTP server got %d messages, want %d", len(s.messages()), n)
		}
	}
}

type testSession struct {
	s      *testSMTP
	authed bool
	from   string
	to     []string
}

func (ss *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.user || pass != ss.s.pass {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.s.mu.Lock()
	hold, reject := ss.s.hold, ss.s.reject[to]
	ss.s.mu.Unlock()
	if hold != nil {
		ss.s.held <- struct{}{}
		<-hold
		return errors.New("held recipient released")
	}
	if reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such mailbox here"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *testSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, received{from: ss.from, to: ss.to, data: data})
	ss.s.mu.Unlock()
	ss.s.arrived <- struct{}{}
	return nil
}

func (ss *testSession) Reset() { ss.from, ss.to = "", nil }

func (ss *testSession) Logout() error { return nil }
