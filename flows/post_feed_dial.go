package flows

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// errPrivateAddress is a feed whose address leads inside the town hall's
// network: an editor must not be able to make the server read its
// neighbours (an intranet, a router's page, the cloud metadata service).
var errPrivateAddress = errors.New("the address is in a private or local network")

// feedClient is the HTTP client of the feed poller. Unless private
// addresses are allowed (an intranet feed the IT office trusts), every
// connection is checked where it is made, after DNS and on each redirect,
// so neither a name that resolves inside nor a redirect there gets
// through.
func feedClient(timeout time.Duration, allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: timeout}
	if !allowPrivate {
		dialer.Control = refusePrivate
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = dialer.DialContext
	transport.Proxy = nil // a proxy would connect on our behalf, unchecked
	return &http.Client{Timeout: timeout, Transport: transport}
}

// refusePrivate is a net.Dialer Control: it sees the address about to be
// connected to.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", errPrivateAddress, address)
	}
	if !publicAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s", errPrivateAddress, ap.Addr())
	}
	return nil
}

func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() && !a.IsLinkLocalUnicast() &&
		!netip.MustParsePrefix("100.64.0.0/10").Contains(a) && // carrier-grade NAT
		!netip.MustParsePrefix("fc00::/7").Contains(a)
}
