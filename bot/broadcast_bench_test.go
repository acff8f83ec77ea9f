package bot

import (
	"syscall"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// pendingRows counts the broadcast's rows still waiting.
func (f *broadcastFixture) pendingRows(tb testing.TB) int {
	tb.Helper()
	var n int
	if err := f.db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE post_id = ? AND status = 'pending'`, f.post.ID).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// waitDrained polls gently until the broadcast has left the outbox: a
// condition re-checked at every emulator change would eat the CPU being
// measured.
func (f *broadcastFixture) waitDrained(tb testing.TB, limit time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for f.pendingRows(tb) > 0 {
		if time.Now().After(deadline) {
			tb.Fatalf("broadcast not drained after %v: %d pending", limit, f.pendingRows(tb))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBroadcastThroughput measures the sender alone with every limit
// off: b.N recipients, one message each, from the outbox in SQLite to the
// emulator over HTTP and the verdicts back into SQLite.
//
//	go test ./bot -run '^$' -bench BroadcastThroughput -benchtime 20000x -cpu 2
func BenchmarkBroadcastThroughput(b *testing.B) {
	h := newHarness(b)
	users := newRecipients(b, h.emu, h.st, 1_000_000, b.N)
	f := enqueueBroadcast(b, h.st, h.dbPath, users, store.PriorityBulk, nil)
	b.ResetTimer()
	start, cpuStart := time.Now(), cpuTime(b)
	h.start()
	f.waitDrained(b, 10*time.Minute)
	elapsed, cpu := time.Since(start), cpuTime(b)-cpuStart
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
	// On a shared machine the wall clock measures the neighbours too; the
	// CPU time spent per message (bot and emulator together) does not.
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "msgs/cpu-s")
	if reached, dups := f.delivered(); reached != b.N || dups != 0 {
		b.Fatalf("reached %d of %d, %d duplicates", reached, b.N, dups)
	}
}

// BenchmarkBroadcastRateShare measures how close the sender stays to its
// configured rate (the default 25 a second) with every limit on, on both
// sides, over 3 000 recipients: the share of the rate achieved, and the
// 429s the emulator, enforcing Telegram's limits, had to answer.
//
//	go test ./bot -run '^$' -bench BroadcastRateShare -benchtime 1x
func BenchmarkBroadcastRateShare(b *testing.B) {
	for range b.N {
		h := newHarness(b, withLimits())
		const n = 3000
		users := newRecipients(b, h.emu, h.st, 6_000_000, n)
		f := enqueueBroadcast(b, h.st, h.dbPath, users, store.PriorityBulk, nil)
		start := time.Now()
		h.start()
		f.waitDrained(b, 10*time.Minute)
		elapsed := time.Since(start)
		h.stop()
		if reached, dups := f.delivered(); reached != n || dups != 0 {
			b.Fatalf("reached %d of %d, %d duplicates", reached, n, dups)
		}
		b.ReportMetric(100*n/elapsed.Seconds()/h.cfg.Sender.Limits.Global, "%-of-rate")
		b.ReportMetric(float64(countCalls(h, "sendMessage", 429)), "429s")
	}
}

// BenchmarkBroadcastPeakMemory measures the peak resident memory of a
// sender process working through a broadcast to 100 000 citizens: the
// sender runs alone in a child process (the emulator stays here), and the
// kernel's high-water mark of its resident set (VmHWM) is the figure.
//
//	go test ./bot -run '^$' -bench BroadcastPeakMemory -benchtime 1x
func BenchmarkBroadcastPeakMemory(b *testing.B) {
	for range b.N {
		h := newHarness(b)
		const n = 100_000
		users := newRecipients(b, h.emu, h.st, 7_000_000, n)
		f := enqueueBroadcast(b, h.st, h.dbPath, users, store.PriorityEmergency, func(m *flows.Message) {
			m.Text = "<b>Allerta meteo rossa</b>\n\nLa Protezione civile comunica allerta rossa per rischio idrogeologico dalle 14:00 di oggi alle 24:00 di domani. " +
				"Evitare i sottopassi e le zone vicine ai corsi d'acqua, non sostare sui ponti, spostare le auto dalle zone a rischio di allagamento. " +
				"Scuole chiuse. Per emergenze chiamare il 112. Aggiornamenti su questo canale."
			m.Buttons = [][]flows.Button{{{Text: "Ricevuto", Data: "ack:1"}}}
			m.Pin = true
		})
		start := time.Now()
		child := startSenderChild(b, h.dbPath, h.api.URL, h.emu.Token(), 0)
		f.waitDrained(b, 20*time.Minute)
		elapsed := time.Since(start)
		peak := child.kill()
		if peak == 0 {
			b.Fatal("unable to read the sender's peak memory from /proc")
		}
		if c := f.outboxStatuses(b); c[store.OutboxSent] != n {
			b.Fatalf("outbox %v, want %d sent", c, n)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
		b.ReportMetric(n/elapsed.Seconds(), "msgs/s")
	}
}
