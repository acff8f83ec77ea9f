package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAdminWasteMonthInTheBrowser opens, as the playground's demo clerk,
// the waste calendar of a demo quartiere: the month's grid shows the
// collections the demo's year of rules makes, each day in its cell.
func TestAdminWasteMonthInTheBrowser(t *testing.T) {
	ctx := browser(t, 60*time.Second)
	out, health, stop := serveWith(t, nil, "CAMPANILE_DB", filepath.Join(t.TempDir(), "campanile.db"))
	t.Cleanup(func() { stop() })
	base := strings.TrimSuffix(health, "/healthz")
	p := page{t: t, ctx: ctx}
	signInAsDemo(p, base, out)

	loads(p, "open the waste desk", chromedp.Navigate(base+"/admin/waste"))
	loads(p, "open Centro storico", chromedp.Click(`//a[normalize-space(.)="Centro storico"]`, chromedp.NodeVisible))
	// Umido goes out twice a week in every demo zone: a month has at least
	// eight collections, in cells of the month's own days.
	p.wait("the month's collections", `document.querySelectorAll("table.waste-month td:not(.other) li").length >= 8`)
	if os.Getenv("CAMPANILE_SCREENSHOTS") == "1" {
		saveFullShot(t, p.ctx, "../../docs/admin-waste.png")
	}
}
