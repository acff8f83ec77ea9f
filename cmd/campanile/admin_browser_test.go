package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var demoPasswordLine = regexp.MustCompile(`user demo, one-time password (\S+)`)

// TestPlaygroundAdminDemoAccountInTheBrowser signs in to the admin with the
// one-time password the playground printed, is made to choose a password
// of their own, and reaches the dashboard.
func TestPlaygroundAdminDemoAccountInTheBrowser(t *testing.T) {
	ctx := browser(t, 60*time.Second)
	out, health, stop := serveWith(t, nil, "CAMPANILE_DB", filepath.Join(t.TempDir(), "campanile.db"))
	t.Cleanup(func() { stop() })
	m := demoPasswordLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the playground printed no demo password:\n%s", out)
	}
	base := strings.TrimSuffix(health, "/healthz")
	p := page{t: t, ctx: ctx}
	p.do("sign in with the printed one-time password",
		chromedp.EmulateViewport(1280, 820),
		chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.ID(`username`), "demo"),
		chromedp.SendKeys(chromedp.ID(`password`), m[1]),
		chromedp.Submit(chromedp.ID(`password`)),
		chromedp.WaitVisible(chromedp.ID(`new`)),
	)
	const mine = "campanile-demo-password"
	p.do("choose a password of one's own",
		chromedp.SendKeys(chromedp.ID(`current`), m[1]),
		chromedp.SendKeys(chromedp.ID(`new`), mine),
		chromedp.SendKeys(chromedp.ID(`confirm`), mine),
		chromedp.Submit(chromedp.ID(`confirm`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.ok`)),
	)
	p.do("open the dashboard", chromedp.Navigate(base+"/admin/"))
	p.wait("the dashboard shows the account and its sign-ins", `!!document.getElementById("signins-h") && document.querySelectorAll("table tbody tr").length > 0`)
	if os.Getenv("CAMPANILE_SCREENSHOTS") == "1" {
		saveShot(t, p.ctx, "../../docs/admin.png")
	}
}
