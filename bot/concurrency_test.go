package bot

import (
	"sync"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// Twenty citizens file reports at once. Each must read every answer
// exactly once: a read of the outbox that started before a delivery was
// recorded once made the sender deliver that message a second time.
func TestConcurrentCitizensGetEveryAnswerOnce(t *testing.T) {
	h := newHarness(t)
	h.flows.MaxReportsPerDay = 100
	h.start()
	h.staff()
	path := [2]string{"rc:1", "rc:2"} // Strade e marciapiedi > Buca, as seeded
	menu, next := h.cat.T("it", "menu.report", nil), h.cat.T("it", "report.photos_next", nil)
	users := make([]*emulator.User, 20)
	var wg sync.WaitGroup
	for i := range users {
		users[i] = h.emu.User(int64(9000+i), "Cittadino", "it")
		wg.Add(1)
		go func(u *emulator.User, i int) {
			defer wg.Done()
			fileOne(t, h, u, path, menu, next, tinyPNG(), i)
		}(users[i], i)
	}
	wg.Wait()
	for _, u := range users {
		h.sentinel(u)
	}
	for _, u := range users {
		if n := len(u.BotMessages()); n != 8 { // 7 for the report, 1 for the sentinel's help
			t.Errorf("citizen %d read %d bot messages, want 8:%s", u.ID(), n, texts(u.BotMessages()))
		}
	}
}
