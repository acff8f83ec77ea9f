package bot

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// The crash test and the memory benchmark run the sender in a process of
// its own, the test binary started again, so that it can be killed like a
// real crash and its memory measured alone, without the emulator's.
const (
	envChildDB    = "CAMPANILE_SENDER_CHILD_DB"
	envChildAPI   = "CAMPANILE_SENDER_CHILD_API"
	envChildToken = "CAMPANILE_SENDER_CHILD_TOKEN"
	envChildRate  = "CAMPANILE_SENDER_CHILD_RATE" // global rate; empty: limits off
)

// TestSenderChild is the child's body: it sends until killed.
func TestSenderChild(t *testing.T) {
	dbPath := os.Getenv(envChildDB)
	if dbPath == "" {
		t.Skip("runs only as the child of a crash test or a memory benchmark")
	}
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := Config{Token: os.Getenv(envChildToken), APIURL: os.Getenv(envChildAPI), Sender: SenderConfig{Limits: Limits{Off: true}}}
	if r := os.Getenv(envChildRate); r != "" {
		cfg.Sender.Limits = DefaultLimits()
		if cfg.Sender.Limits.Global, err = strconv.ParseFloat(r, 64); err != nil {
			t.Fatal(err)
		}
	}
	b, err := New(cfg, st, flows.NewEngine(flows.Config{Comune: "Comune di Prova"}, locales.MustLoad(), testLogger()), testLogger())
	if err != nil {
		t.Fatal(err)
	}
	_ = b.sender.Run(context.Background()) // until killed
}

// senderChild is a running child sender.
type senderChild struct {
	cmd *exec.Cmd
}

func startSenderChild(tb testing.TB, dbPath, apiURL, token string, rate float64) *senderChild {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSenderChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChildDB+"="+dbPath, envChildAPI+"="+apiURL, envChildToken+"="+token, envChildRate+"=")
	if rate > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%g", envChildRate, rate))
	}
	if testing.Verbose() {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	c := &senderChild{cmd: cmd}
	tb.Cleanup(func() { c.kill() })
	return c
}

// kill ends the child with SIGKILL, as a crash or the OOM killer would,
// and returns its peak resident memory in bytes (0 when unknown).
func (c *senderChild) kill() int64 {
	if c.cmd.ProcessState != nil {
		return 0
	}
	peak := c.peakRSS()
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	_ = c.cmd.Wait()
	return peak
}

// peakRSS reads the kernel's high-water mark of the child's resident set.
// Not the rusage of the finished process: on Linux its ru_maxrss counts
// the copy of the parent's memory the child had between fork and exec,
// here the emulator's 100 000 chats.
func (c *senderChild) peakRSS() int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
