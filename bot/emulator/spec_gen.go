package emulator

// spec.json is generated from the Bot API description kept next to the
// repository, so the emulator knows every method and its required fields
// without reading files at run time. Rerun after updating api.json;
// TestSpecUpToDate fails while spec.json is stale.
//
//go:generate go run ./internal/specgen/cmd/specgen -in ../../../shared/telegram/api.json -out spec.json
