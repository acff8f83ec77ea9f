// Package emutest starts the Bot API emulator for tests and holds every
// request the bot sent to the real Bot API description: a test that
// passes against the emulator but sends a field Telegram does not know,
// misses a required one, or builds a malformed keyboard fails anyway.
//
// The description is api.json in ../shared/telegram beside the
// repository (or $CAMPANILE_TELEGRAM_API_JSON). A user's clone has no
// such file; there the check is skipped with a log line, and the tests
// still run against the emulator.
package emutest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// Options tunes the conformance check.
type Options struct {
	// Ignore skips requests a test sends on purpose to provoke an error,
	// such as a call to a method that does not exist.
	Ignore func(emulator.Request) bool
}

// New starts an emulator on an httptest server. When the test ends it
// closes both and checks every request the emulator received (CheckAll).
// Register the bot's own shutdown after calling New, so that, cleanups
// running last-in first-out, the bot stops before the emulator does.
func New(t testing.TB, opts emulator.Options, check ...Options) (*emulator.Server, *httptest.Server) {
	t.Helper()
	srv := emulator.New(opts)
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		srv.Close() // first: it releases pending long polls that hs.Close would wait for
		hs.Close()
		CheckAll(t, srv, check...)
	})
	return srv, hs
}

// CheckAll checks every request srv received against api.json and reports
// each distinct problem once, with how many requests had it.
func CheckAll(t testing.TB, srv *emulator.Server, check ...Options) {
	t.Helper()
	path, found := FindAPIJSON()
	switch {
	case !found && os.Getenv(EnvAPIJSON) != "":
		t.Errorf("emutest: %s=%s: no such file; cannot check requests against the Bot API", EnvAPIJSON, path)
		return
	case !found:
		t.Logf("emutest: Bot API conformance check skipped: api.json not found (looked at %q; set %s to point at it)", path, EnvAPIJSON)
		return
	}
	api, err := loadCached(path)
	if err != nil {
		t.Errorf("emutest: Bot API conformance check: %v", err)
		return
	}
	if report := api.report(srv.Requests(), check); report != "" {
		t.Errorf("emutest: requests that do not conform to %s (%s):\n%s", api.Version, path, report)
	}
}

// report checks requests and lists distinct problems in first-seen order.
func (a *API) report(requests []emulator.Request, check []Options) string {
	counts := map[string]int{}
	var order []string
	for _, r := range requests {
		if slices.ContainsFunc(check, func(o Options) bool { return o.Ignore != nil && o.Ignore(r) }) {
			continue
		}
		for _, p := range a.Check(r) {
			if counts[p] == 0 {
				order = append(order, p)
			}
			counts[p]++
		}
	}
	var b strings.Builder
	for _, p := range order {
		fmt.Fprintf(&b, "  %s", p)
		if counts[p] > 1 {
			fmt.Fprintf(&b, " (%d requests)", counts[p])
		}
		b.WriteByte('\n')
	}
	return b.String()
}
