package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/store"
)

// BenchmarkReportFiling measures complete reports per second through the
// emulator: each citizen taps Segnala, picks a category and subcategory,
// shares a location, sends a photo, moves on, describes and confirms; the
// bot forwards photo, pin and card to the staff group. Limits off.
func BenchmarkReportFiling(b *testing.B) {
	h := newHarness(b)
	h.flows.MaxReportsPerDay = 1 << 20
	h.start()
	h.staff()
	photo := tinyPNG()
	cats, err := h.st.Categories(context.Background(), 0, true)
	if err != nil || len(cats) == 0 {
		b.Fatal("no categories", err)
	}
	subs, err := h.st.Categories(context.Background(), cats[0].ID, true)
	if err != nil || len(subs) == 0 {
		b.Fatal("no subcategories", err)
	}
	path := [2]string{"rc:" + itoa(int(cats[0].ID)), "rc:" + itoa(int(subs[0].ID))}
	menu := h.cat.T("it", "menu.report", nil)
	next := h.cat.T("it", "report.photos_next", nil)
	const parallel = 50
	users := make([]*emulator.User, parallel)
	for i := range users {
		users[i] = h.emu.User(int64(300000+i), "Cittadino", "it")
	}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	work := make(chan int)
	for _, u := range users {
		wg.Add(1)
		go func(u *emulator.User) {
			defer wg.Done()
			for i := range work {
				fileOne(b, h, u, path, menu, next, photo, i)
			}
		}(u)
	}
	for i := range b.N {
		work <- i
	}
	close(work)
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "reports/s")
	page, _ := h.st.ListReports(context.Background(), store.ReportFilter{Limit: 1})
	if page.Total != b.N {
		b.Fatalf("%d reports stored, want %d", page.Total, b.N)
	}
}

// fileOne plays one complete report, waiting for each answer as a person
// would. It runs on goroutines of its own, so it reports with Errorf.
func fileOne(b testing.TB, h *harness, u *emulator.User, path [2]string, menu, next string, photo []byte, i int) {
	wait := func(n int) emulator.Message {
		msgs, err := u.WaitBotMessages(context.Background(), n)
		if err != nil {
			b.Error(err)
			return emulator.Message{}
		}
		return msgs[n-1]
	}
	base := len(u.BotMessages())
	u.Send(menu)
	picker := wait(base + 1)
	if len(picker.InlineKeyboard) == 0 {
		b.Errorf("no picker; chat:%s", texts(u.BotMessages()))
		return
	}
	// The category and subcategory, pressed as fast as a person who
	// knows the way: the second press waits for the first's answer.
	answers := len(u.CallbackAnswers())
	u.PressData(picker, path[0])
	_ = h.emu.WaitFor(context.Background(), func() bool { return len(u.CallbackAnswers()) > answers })
	u.PressData(picker, path[1])
	wait(base + 2)
	// Spread the points so that no report is offered as a duplicate.
	u.SendLocation(45.0+float64(i%1000)*0.001, 7.0+float64(i/1000)*0.001)
	wait(base + 3)
	u.SendPhoto(photo, "")
	wait(base + 4)
	u.Send(next)
	wait(base + 5)
	u.Send("Buca profonda in mezzo alla carreggiata")
	summary := wait(base + 6)
	if len(summary.InlineKeyboard) == 0 {
		b.Errorf("no summary buttons; chat:%s", texts(u.BotMessages()))
		return
	}
	u.PressData(summary, summary.InlineKeyboard[0][0].CallbackData)
	wait(base + 7)
}

func currentOf(u *emulator.User, id int) emulator.Message {
	for _, m := range u.Messages() {
		if m.ID == id {
			return m
		}
	}
	return emulator.Message{}
}
