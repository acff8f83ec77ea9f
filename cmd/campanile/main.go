// Command campanile runs a comune's Telegram bot and its web admin from one
// binary and one SQLite file.
//
//	campanile [serve] [flags]   run the bot and the web server (default)
//	campanile migrate [flags]   bring the database schema up to date
//	campanile backup FILE       write a consistent copy of the database
//	campanile admin ...         create, list and disable web admin accounts
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], nil, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses: 2 is a usage or configuration mistake the operator must
// fix; 1 is a failure while running.
const (
	exitOK     = 0
	exitFail   = 1
	exitConfig = 2
)

// run is main without the process: tests call it with their own
// environment and writers.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	command := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		command, args = args[0], args[1:]
	}
	var cmd func(context.Context, config, []string, io.Writer, io.Writer) error
	switch command {
	case "serve":
		cmd = serveCommand
	case "migrate":
		cmd = migrateCommand
	case "backup":
		cmd = backupCommand
	case "admin":
		cmd = adminCommand
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "campanile: unknown command %q; expected serve, migrate, backup, admin or help\n", command)
		return exitConfig
	}
	cfg, rest, err := parseConfig(command, args, getenv, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "campanile: %v\n", err)
		return exitConfig
	}
	if err := cmd(ctx, cfg, rest, stdout, stderr); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "campanile: %v\n", err)
			return exitConfig
		}
		fmt.Fprintf(stderr, "campanile: %v\n", err)
		return exitFail
	}
	return exitOK
}

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `Usage: campanile <command> [flags]

Commands:
  serve         run the bot and the web server (the default)
  migrate       bring the database schema up to date and exit
  backup FILE   write a consistent copy of the database, even while serving
  admin create NAME --role admin|editor|operator
                create a web admin account and print its one-time password
  admin list    list the web admin accounts
  admin disable NAME
                stop an account from signing in and end its sessions
  help          show this text

"campanile serve --help" lists every setting with its environment variable.
`

// tuneGC raises the GC target unless the operator set GOGC. Campanile's
// heap is a few megabytes of short-lived JSON and HTTP buffers, so the
// default target collects very often; at 400 the bot handles about a
// tenth more updates per second at peak (docs/BENCHMARKS.md) for a few
// more megabytes, with a soft memory limit keeping that bounded.
func tuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(400)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}
