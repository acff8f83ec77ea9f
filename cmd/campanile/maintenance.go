package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/campanile/campanile/store"
)

// migrateCommand brings the schema up to date, for operators who want to
// migrate before switching the service over.
func migrateCommand(ctx context.Context, cfg config, rest []string, stdout, _ io.Writer) error {
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("migrate takes no arguments, got %q", rest)}
	}
	st, err := store.OpenNoMigrate(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d migrations applied\n", cfg.DB, applied)
	return nil
}

// backupCommand writes a consistent copy of the database. SQLite's WAL lets
// it read a snapshot while the service keeps writing, so nobody has to stop.
func backupCommand(ctx context.Context, cfg config, rest []string, stdout, _ io.Writer) error {
	if len(rest) != 1 || rest[0] == "" {
		return usageError{"backup expects one argument: the file to write, such as campanile-2026-11-25.db"}
	}
	dest := rest[0]
	if _, err := os.Stat(dest); err == nil {
		return usageError{fmt.Sprintf("backup: %s already exists; choose a new file name", dest)}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: unable to check %s: %w", dest, err)
	}
	if _, err := os.Stat(cfg.DB); err != nil {
		return usageError{fmt.Sprintf("backup: database %s not found (set CAMPANILE_DB)", cfg.DB)}
	}
	st, err := store.OpenNoMigrate(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s\n", cfg.DB, dest)
	return nil
}
