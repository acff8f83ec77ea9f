package main

import (
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPlaygroundReportInTheBrowser files a report as a citizen (a
// category, a point clicked on the map, a sample photo, a description),
// answers it as staff in the group, and sees the answer reach the
// citizen: the whole road through the house, in the browser.
func TestPlaygroundReportInTheBrowser(t *testing.T) {
	start := time.Now()
	p, cat := openPlayground(t)
	T := func(id string) string { return cat.T("it", id, map[string]any{"Comune": "Comune di Esempio"}) }
	screenshots := os.Getenv("CAMPANILE_SCREENSHOTS") == "1"

	p.do("pick Giuseppe and press START",
		chromedp.Click(chromedp.CSS(`button.chat-item[data-chat="5000000004"]`), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`#messages .start-button`), chromedp.NodeVisible),
	)
	p.wait("the menu", fmt.Sprintf(`document.getElementById("reply-keyboard").textContent.includes(%q)`, T("menu.report")))
	p.do("tap Segnala", chromedp.Click(key(t, T("menu.report")), chromedp.NodeVisible))

	// Categories, then maybe subcategories, always the first button: the
	// message is edited in place between the two.
	sendLocation := T("report.send_location")
	firstButton := `#messages .msg:last-child .inline-button[data-pos="0-0"]`
	for i := 0; ; i++ {
		p.wait("a category", fmt.Sprintf(`document.querySelector(%q) !== null || document.getElementById("reply-keyboard").textContent.includes(%q)`, firstButton, sendLocation))
		if p.count(fmt.Sprintf(`document.getElementById("reply-keyboard").textContent.includes(%q) ? 1 : 0`, sendLocation)) == 1 {
			break
		}
		if i == 3 {
			t.Fatal("still choosing a category after three levels")
		}
		label, _ := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(firstButton)))
		p.do("choose "+label, chromedp.Click(chromedp.CSS(firstButton), chromedp.NodeVisible))
		p.wait("the next level", fmt.Sprintf(`(document.querySelector(%q)?.textContent ?? "") !== %q || document.getElementById("reply-keyboard").textContent.includes(%q)`, firstButton, label, sendLocation))
	}

	p.do("share a point of the map through the request_location key",
		chromedp.Click(key(t, sendLocation), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.ID("location-dialog")),
		chromedp.Click(chromedp.ID("location-map"), chromedp.NodeVisible), // its centre
		chromedp.Click(chromedp.ID("location-send"), chromedp.NodeVisible),
		chromedp.WaitNotVisible(chromedp.ID("location-dialog")),
	)
	next := T("report.photos_next")
	p.wait("the photo step", fmt.Sprintf(`document.getElementById("reply-keyboard").textContent.includes(%q)`, next))

	before := p.count(botCount)
	p.do("send a sample photo",
		chromedp.Click(chromedp.ID("attach"), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`#photo-form input[value="pothole"]`), chromedp.NodeVisible),
		chromedp.Click(chromedp.ID("photo-send"), chromedp.NodeVisible),
		chromedp.WaitNotVisible(chromedp.ID("photo-dialog")),
	)
	p.wait("the photo counted", fmt.Sprintf(`%s > %d && %s`, botCount, before, lastIsBots))
	p.do("go on", chromedp.Click(key(t, next), chromedp.NodeVisible))
	p.wait("the description step", fmt.Sprintf(`%s > %d + 1 && %s`, botCount, before, lastIsBots))
	p.do("describe it", chromedp.SendKeys(chromedp.ID("text"), "Buca profonda in mezzo alla strada, pericolosa per chi va in bici."+kb.Enter))

	confirm := `//div[@id="messages"]//button[normalize-space(.)=` + xpathText(t, T("report.confirm")) + `]`
	p.do("send the report", chromedp.Click(confirm, chromedp.NodeVisible))
	p.wait("the report number", `/\d{4}-\d{6}/.test(document.querySelector("#messages .msg:last-child").textContent)`)
	text, _ := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(`#messages .msg:last-child .text`)))
	number := regexp.MustCompile(`\d{4}-\d{6}`).FindString(text)

	p.do("open the staff group", chromedp.Click(chromedp.CSS(`button.chat-item[data-chat="-1001000000777"]`), chromedp.NodeVisible))
	card := fmt.Sprintf(`[...document.querySelectorAll("#messages .msg.in")].find(m => m.querySelector(".inline-button") && m.textContent.includes(%q))`, number)
	p.wait("the report's card, photo and pin", card+` !== undefined && document.querySelector("#messages .msg.in .photo img") && document.querySelector("#messages .msg.in .location svg")`)
	p.do("reply to the card as Giulia",
		chromedp.Evaluate[chromedp.Void](card+`.querySelector(".reply-action").click()`),
		chromedp.WaitVisible(chromedp.ID("reply-bar")),
		chromedp.SendKeys(chromedp.ID("text"), "Grazie della segnalazione: domattina la squadra strade chiude la buca."+kb.Enter),
	)
	p.wait("the bot confirms the reply went out", hasBotText(T("staff.reply_sent")))
	p.do("take it in charge as Marco",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("staff-select"); s.value = "5000000102"; s.dispatchEvent(new Event("change")); })()`),
		chromedp.Click(`//div[@id="messages"]//div[contains(@class,"msg")]//button[contains(@class,"inline-button")][1]`, chromedp.NodeVisible),
	)
	p.wait("the card shows Marco", card+`.textContent.includes("Marco")`)
	if screenshots {
		p.do("show the card and the answer", chromedp.Evaluate[chromedp.Void](card+`.scrollIntoView({block: "start"})`))
		saveShot(t, p.ctx, "../../docs/playground-group.png")
	}

	p.do("back to Giuseppe", chromedp.Click(chromedp.CSS(`button.chat-item[data-chat="5000000004"]`), chromedp.NodeVisible))
	p.wait("the staff's answer in the citizen's chat", hasBotText("domattina la squadra strade")+` && `+hasBotText(number))
	if screenshots {
		p.do("show the end of the report", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#messages .msg.out")].pop().scrollIntoView({block: "start"})`))
		saveShot(t, p.ctx, "../../docs/playground.png")
	}
	t.Logf("report browser test took %s", time.Since(start).Round(100*time.Millisecond))
}
