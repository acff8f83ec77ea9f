package store

import (
	"context"
	"fmt"
)

// PruneStaffSignIns deletes sign-in attempts older than before (unix
// time): they hold IP addresses, personal data kept only as long as a
// clerk may want to check where their account was used.
func (s *Store) PruneStaffSignIns(ctx context.Context, before int64) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM staff_signins WHERE at < ?`, before)
	if err != nil {
		return 0, fmt.Errorf("store: unable to prune staff sign-ins: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
