package flows

import (
	"errors"
	"fmt"
	"strings"
)

// Why a feed could not be read. The admin shows each in the clerk's
// language, with the technical detail after it; the kind is stored first
// in the feed's last_error ("kind: detail") so that it survives a restart.
const (
	FeedFailAddress     = "address"     // the URL cannot be requested
	FeedFailUnreachable = "unreachable" // no answer: DNS, connection, timeout
	FeedFailStatus      = "status"      // an HTTP status other than 2xx and 304
	FeedFailRead        = "read"        // the answer broke off
	FeedFailTooLarge    = "too_large"   // over the size cap
	FeedFailMalformed   = "malformed"   // not well-formed XML
	FeedFailNotAFeed    = "not_a_feed"  // XML, but not RSS or Atom
)

// FeedError is a feed that could not be read, and why.
type FeedError struct {
	Kind   string
	Detail string
}

func (e *FeedError) Error() string { return e.Kind + ": " + e.Detail }

func feedFail(kind, format string, args ...any) error {
	return &FeedError{Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// parseFail classifies a ParseFeed error.
func parseFail(err error) error {
	if errors.Is(err, ErrNotAFeed) {
		return feedFail(FeedFailNotAFeed, "%s", strings.TrimPrefix(err.Error(), ErrNotAFeed.Error()+": "))
	}
	return feedFail(FeedFailMalformed, "%s", strings.TrimPrefix(err.Error(), "malformed feed: "))
}

// ParseFeedError splits a recorded last_error into its kind and detail;
// kind is "" for a text it does not know.
func ParseFeedError(recorded string) (kind, detail string) {
	k, d, ok := strings.Cut(recorded, ": ")
	switch k {
	case FeedFailAddress, FeedFailUnreachable, FeedFailStatus, FeedFailRead, FeedFailTooLarge, FeedFailMalformed, FeedFailNotAFeed:
		if ok {
			return k, d
		}
	}
	return "", recorded
}
