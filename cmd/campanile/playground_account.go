package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

// demoUsername is the playground's staff account.
const demoUsername = "demo"

// demoAccount gives the playground an admin account with a fresh one-time
// password at every start, printed in the console: whoever runs the
// playground can open the admin, nobody else learns a fixed password.
func demoAccount(ctx context.Context, st *store.Store) (string, error) {
	password := auth.RandomPassword(oneTimePasswordLen)
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		return "", err
	}
	a, err := st.StaffAccountByUsername(ctx, demoUsername)
	switch {
	case errors.Is(err, store.ErrNotFound):
		_, err = st.CreateStaffAccount(ctx, store.StaffAccount{Username: demoUsername, DisplayName: "Demo (URP)", Role: store.RoleAdmin, PasswordHash: hash, MustChangePassword: true})
	case err == nil:
		err = st.SetStaffPassword(ctx, a.ID, hash, true)
	}
	if err != nil {
		return "", fmt.Errorf("playground: unable to prepare the demo account: %w", err)
	}
	return password, nil
}
