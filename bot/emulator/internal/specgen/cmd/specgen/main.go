// Command specgen writes the emulator's embedded spec.json from the Bot
// API description api.json. It is run by go generate in bot/emulator:
//
//	go run ./internal/specgen/cmd/specgen -in ../../../shared/telegram/api.json -out spec.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/campanile/campanile/bot/emulator/internal/specgen"
)

func main() {
	in := flag.String("in", "", "path of api.json")
	out := flag.String("out", "spec.json", "path of the spec to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "specgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	spec, err := specgen.Generate(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if err := os.WriteFile(out, spec, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
