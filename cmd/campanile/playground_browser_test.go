package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/campanile/campanile/locales"
)

// findChromium looks for a Chromium or Chrome to drive. CI installs
// Debian's chromium; a developer may have any of the others.
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// browser starts a headless Chromium, or skips the test when there is
// none, unless CAMPANILE_REQUIRE_BROWSER=1 (set by .ci/run) makes a
// missing browser a failure.
func browser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("CAMPANILE_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found and CAMPANILE_REQUIRE_BROWSER=1: install it with apt-get install chromium")
		}
		t.Skip("browser test skipped: no Chromium found (apt-get install chromium to run it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root in a container, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(1280, 820),
	)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelBrowser)
	return bctx
}

// xpathText quotes s for an XPath expression: the texts here hold no
// double quote, which the test checks rather than escapes.
func xpathText(t *testing.T, s string) string {
	t.Helper()
	if strings.Contains(s, `"`) {
		t.Fatalf("text %q has a double quote", s)
	}
	return `"` + s + `"`
}

// page drives the playground in the browser; a failing step saves what
// the browser showed and ends the test.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(name string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		shot(p.t, p.ctx, "failure")
		p.t.Fatalf("%s: %v", name, err)
	}
}

// wait polls a JavaScript condition until it holds.
func (p page) wait(name, js string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		shot(p.t, p.ctx, "failure")
		p.t.Fatalf("%s: waited for %s: %v", name, js, err)
	}
}

func (p page) count(js string) int {
	p.t.Helper()
	n, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return n
}

// Conditions on the open chat.
const (
	botCount   = `document.querySelectorAll("#messages .msg.in").length`
	lastIsBots = `document.querySelector("#messages .msg:last-child").classList.contains("in")`
)

func hasBotText(s string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("#messages .msg.in .text")].some(e => e.textContent.includes(%q))`, s)
}

// key is the XPath of a reply-keyboard button.
func key(t *testing.T, text string) string {
	return `//div[@id="reply-keyboard"]//button[normalize-space(.)=` + xpathText(t, text) + `]`
}

// openPlayground starts serve with no token and opens the page in Italian.
func openPlayground(t *testing.T) (page, *locales.Catalog) {
	t.Helper()
	ctx := browser(t, 60*time.Second)
	health, stop := serveInProcess(t, filepath.Join(t.TempDir(), "campanile.db"))
	t.Cleanup(func() { stop() })
	p := page{t: t, ctx: ctx}
	p.do("open the playground",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(strings.TrimSuffix(health, "/healthz")+"/playground?lang=it"),
		chromedp.WaitVisible(chromedp.CSS(`.banner`)),
	)
	return p, locales.MustLoad()
}

// TestPlaygroundInTheBrowser runs the README's first command with no
// token and uses the playground as a newcomer would: Maria starts the
// bot, opens the topics from the reply keyboard, subscribes to Eventi and
// sees the mark change in the same message, sends a sample photo and a
// preset place outside any conversation, then the staff group is opened
// and written in.
func TestPlaygroundInTheBrowser(t *testing.T) {
	start := time.Now()
	p, cat := openPlayground(t)

	p.do("pick Maria and type /start",
		chromedp.Click(chromedp.CSS(`button.chat-item[data-chat="5000000001"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), "/start"+kb.Enter),
	)
	p.wait("the welcome", hasBotText(firstLine(cat.T("it", "start.welcome", map[string]any{"Name": "Maria", "Comune": "Comune di Esempio"}))))

	p.do("tap the topics key", chromedp.Click(key(t, cat.T("it", "menu.topics", nil)), chromedp.NodeVisible))
	findEventi := func(mark string) string {
		return fmt.Sprintf(`(() => { const b = [...document.querySelectorAll("#messages .inline-button")].find(b => b.textContent.trim() === %q); return b ? b.closest(".msg").dataset.id : ""; })()`, mark+" Eventi")
	}
	id, err := chromedp.Run(p.ctx, chromedp.Poll[string](findEventi("⬜"), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		shot(t, p.ctx, "failure")
		t.Fatalf("the topics message with ⬜ Eventi: %v", err)
	}
	p.do("press Eventi", chromedp.Click(`//div[@data-id="`+id+`"]//button[normalize-space(.)="⬜ Eventi"]`, chromedp.NodeVisible))
	p.wait("the mark changes in the same message", fmt.Sprintf(`%s === %q`, findEventi("✅"), id))
	p.wait("the bot's toast", `!document.getElementById("toast").hidden`)

	before := p.count(botCount)
	p.do("send a sample photo",
		chromedp.Click(chromedp.ID("attach"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("photo-dialog")),
		chromedp.Click(chromedp.CSS(`#photo-form input[value="pothole"]`), chromedp.NodeVisible),
		chromedp.Click(chromedp.ID("photo-send"), chromedp.NodeVisible),
		chromedp.WaitNotVisible(chromedp.ID("photo-dialog")),
	)
	p.wait("the photo in the chat", `document.querySelector("#messages .msg.out .photo img") !== null`)
	p.wait("the bot's answer to the photo", fmt.Sprintf(`%s > %d && %s`, botCount, before, lastIsBots))

	before = p.count(botCount)
	p.do("send a preset place",
		chromedp.Click(chromedp.ID("locate"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("location-dialog")),
		chromedp.Click(chromedp.CSS(`#presets button[data-preset="Municipio"]`), chromedp.NodeVisible),
		chromedp.WaitNotVisible(chromedp.ID("location-dialog")),
	)
	p.wait("the place on its little map", `[...document.querySelectorAll("#messages .msg.out .location")].some(f => f.textContent.includes("Municipio") && f.querySelector("svg"))`)
	p.wait("the bot's answer to the place", fmt.Sprintf(`%s > %d && %s`, botCount, before, lastIsBots))

	p.do("open the staff group and write as Giulia",
		chromedp.Click(chromedp.CSS(`button.chat-item[data-chat="-1001000000777"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("staff-select")),
		chromedp.SendKeys(chromedp.ID("text"), "Buongiorno! Oggi all'URP ci sono io."+kb.Enter),
	)
	p.wait("the group's title", `document.getElementById("conv-title").textContent.startsWith("Staff")`)
	p.wait("Giulia's message", `[...document.querySelectorAll("#messages .msg.out .text")].some(e => e.textContent.startsWith("Buongiorno!"))`)
	p.do("answer her as Marco",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("staff-select"); s.value = "5000000102"; s.dispatchEvent(new Event("change")); })()`),
		chromedp.Click(chromedp.CSS(`#messages .msg .reply-action`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("reply-bar")),
		chromedp.SendKeys(chromedp.ID("text"), "Perfetto, io passo in via Roma."+kb.Enter),
	)
	p.wait("Marco's reply quoting Giulia", `[...document.querySelectorAll("#messages .msg.out")].some(m => m.querySelector(".quote") && m.textContent.includes("via Roma"))`)
	t.Logf("browser test took %s", time.Since(start).Round(100*time.Millisecond))
}

var tags = regexp.MustCompile(`<[^>]*>`)

// firstLine is the first line of a Telegram HTML text, as the page shows it.
func firstLine(html string) string {
	line, _, _ := strings.Cut(tags.ReplaceAllString(html, ""), "\n")
	return line
}

func saveShot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved to %s", path)
}

// shot keeps what the browser showed when a step failed, for the log.
func shot(t *testing.T, ctx context.Context, name string) {
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return
	}
	path := filepath.Join(os.TempDir(), "campanile-playground-"+name+".png")
	if os.WriteFile(path, png, 0o644) == nil {
		t.Logf("the page at the failure: %s", path)
	}
}
