package bot

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
)

// BenchmarkTopicToggle measures updates handled per second end to end:
// the emulator queues callback presses, the bot polls them over HTTP,
// stores them, handles them through the flows, and sends the edits and
// callback answers back, with rate limits off on both sides.
func BenchmarkTopicToggle(b *testing.B) {
	h := newHarness(b)
	h.start()
	const citizens = 200
	users := make([]*emulator.User, citizens)
	pickers := make([]emulator.Message, citizens)
	for i := range users {
		users[i] = h.emu.User(int64(100000+i), "Cittadino", "it")
		users[i].Send("/argomenti")
	}
	for i, u := range users {
		pickers[i] = expect(b, u, 1)[0]
	}
	data := button(b, pickers[0], "Eventi").CallbackData
	answered := func() int {
		n := 0
		for _, u := range users {
			n += len(u.CallbackAnswers())
		}
		return n
	}
	before := answered()
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		users[i%citizens].PressData(pickers[i%citizens], data)
	}
	// Poll gently: a condition re-checked at every emulator change would
	// itself eat the CPU being measured.
	deadline := time.Now().Add(10 * time.Minute)
	for answered() < before+b.N {
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d presses answered", answered()-before, b.N)
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
}

// BenchmarkMemoryPerCitizen measures what each citizen costs: Go heap
// held by the running bot and bytes in the SQLite file, after each of
// them has started the bot and chosen two topics.
func BenchmarkMemoryPerCitizen(b *testing.B) {
	for range b.N {
		h := newHarness(b)
		h.start()
		const citizens = 500
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		infoBefore, _ := os.Stat(h.dbPath)
		users := make([]*emulator.User, citizens)
		for i := range users {
			users[i] = h.emu.User(int64(200000+i), "Cittadino", "it")
			users[i].Send("/argomenti")
		}
		for _, u := range users {
			picker := expect(b, u, 1)[0]
			u.PressData(picker, button(b, picker, "Eventi").CallbackData)
			u.PressData(picker, button(b, picker, "Protezione").CallbackData)
		}
		h.eventually("all subscribed", func() bool {
			counts, _ := h.st.TopicSubscriberCounts(context.Background())
			total := 0
			for _, n := range counts {
				total += n
			}
			return total == 2*citizens && h.pending() == 0
		})
		h.stop()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		infoAfter, _ := os.Stat(h.dbPath)
		wal, _ := os.Stat(h.dbPath + "-wal")
		dbGrowth := infoAfter.Size() - infoBefore.Size()
		if wal != nil {
			dbGrowth += wal.Size()
		}
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/citizens, "heap-B/citizen")
		b.ReportMetric(float64(dbGrowth)/citizens, "db-B/citizen")
	}
}
