package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/campanile/campanile/admin"
	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

// oneTimePasswordLen is the length of the password `admin create` prints;
// the clerk must replace it at the first sign-in.
const oneTimePasswordLen = admin.OneTimePasswordLen

// adminCommand manages staff accounts of the web admin:
//
//	campanile admin create NAME --role admin|editor|operator [--name "Full Name"]
//	campanile admin list
//	campanile admin disable NAME
func adminCommand(ctx context.Context, cfg config, rest []string, stdout, _ io.Writer) error {
	if len(rest) == 0 {
		return usageError{"admin expects create, list or disable, such as: campanile admin create maria --role operator"}
	}
	sub, rest := rest[0], rest[1:]
	fs := flag.NewFlagSet("admin "+sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	role := fs.String("role", "", "admin, editor or operator")
	display := fs.String("name", "", "the clerk's full name")
	db := fs.String("db", cfg.DB, "path of the SQLite database file")
	// Flags may come before or after the account name.
	var args []string
	for {
		if err := fs.Parse(rest); err != nil {
			return usageError{fmt.Sprintf("admin %s: %v", sub, err)}
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		args, rest = append(args, rest[0]), rest[1:]
	}
	st := func() (*store.Store, error) { return store.Open(ctx, *db) }
	switch sub {
	case "create":
		if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
			return usageError{"admin create expects one account name, such as: campanile admin create maria --role operator"}
		}
		r, ok := store.ParseStaffRole(*role)
		if !ok {
			return usageError{fmt.Sprintf("admin create: --role %q: expected admin, editor or operator", *role)}
		}
		s, err := st()
		if err != nil {
			return err
		}
		defer s.Close()
		return createStaff(ctx, s, args[0], *display, r, stdout)
	case "list":
		if len(args) != 0 {
			return usageError{fmt.Sprintf("admin list takes no arguments, got %q", args)}
		}
		s, err := st()
		if err != nil {
			return err
		}
		defer s.Close()
		return listStaff(ctx, s, stdout)
	case "disable":
		if len(args) != 1 {
			return usageError{"admin disable expects one account name, such as: campanile admin disable maria"}
		}
		s, err := st()
		if err != nil {
			return err
		}
		defer s.Close()
		return disableStaff(ctx, s, args[0], stdout)
	}
	return usageError{fmt.Sprintf("admin: unknown command %q; expected create, list or disable", sub)}
}

// createStaff makes the account through admin.CreateStaffAccount, the
// same road as the web admin's staff page, and prints its one-time
// password.
func createStaff(ctx context.Context, s *store.Store, name, display string, role store.StaffRole, stdout io.Writer) error {
	a, password, err := admin.CreateStaffAccount(ctx, s, auth.DefaultParams, name, display, role)
	switch {
	case errors.Is(err, store.ErrUsernameTaken):
		return usageError{fmt.Sprintf("admin create: an account named %q already exists", name)}
	case errors.Is(err, admin.ErrInvalidUsername), errors.Is(err, admin.ErrInvalidDisplayName):
		return usageError{fmt.Sprintf("admin create: %s", strings.TrimPrefix(err.Error(), "admin: "))}
	case err != nil:
		return err
	}
	if err := s.AppendAudit(ctx, store.AuditEntry{Actor: "cli", Action: "account.create", Target: a.Username, Details: "role=" + string(role)}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "account %s created with role %s\none-time password: %s\nIt must be changed at the first sign-in.\n", a.Username, role, password)
	return nil
}

func listStaff(ctx context.Context, s *store.Store, stdout io.Writer) error {
	accounts, err := s.StaffAccounts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tROLE\tSTATUS\tTWO-FACTOR")
	for _, a := range accounts {
		status := "active"
		switch {
		case a.Disabled:
			status = "disabled"
		case a.MustChangePassword:
			status = "must change password"
		}
		twoFactor := "off"
		if a.TOTPSecret != "" {
			twoFactor = "on"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Username, a.DisplayName, a.Role, status, twoFactor)
	}
	return tw.Flush()
}

func disableStaff(ctx context.Context, s *store.Store, name string, stdout io.Writer) error {
	a, err := s.StaffAccountByUsername(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return usageError{fmt.Sprintf("admin disable: no account named %q", name)}
	}
	if err != nil {
		return err
	}
	if err := s.DisableStaffAccount(ctx, a.ID); err != nil {
		return err
	}
	if err := s.AppendAudit(ctx, store.AuditEntry{Actor: "cli", Action: "account.disable", Target: a.Username}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "account %s disabled; its sessions have ended\n", a.Username)
	return nil
}
