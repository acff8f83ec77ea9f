package flows

import (
	"errors"
	"strings"

	"github.com/campanile/campanile/store"
)

// linkStaffChat is /collega CODE: a clerk links this chat to their admin
// account with the one-time code the admin showed them, so "send to me"
// can deliver a post's test copy here. The command is not in the menu;
// citizens who stumble on it get the same kind answers.
func (s *session) linkStaffChat() error {
	code := strings.TrimSpace(s.in.CommandArgs)
	if code == "" {
		s.sendWithMenu(s.t("link.usage", nil))
		return nil
	}
	acct, err := s.st.RedeemStaffLinkCode(s.ctx, truncate(code, 32), s.in.ChatID)
	switch {
	case errors.Is(err, store.ErrStaffLinkInvalid):
		s.sendWithMenu(s.t("link.invalid", nil))
		return nil
	case errors.Is(err, store.ErrStaffLinkExpired):
		s.sendWithMenu(s.t("link.expired", map[string]any{"Minutes": int(store.StaffLinkCodeTTL.Minutes())}))
		return nil
	case errors.Is(err, store.ErrStaffLinkRateLimited):
		s.e.log.Warn("staff link attempts rate-limited", "chat_id", s.in.ChatID)
		s.sendWithMenu(s.t("link.rate_limited", nil))
		return nil
	case err != nil:
		return err
	}
	s.e.log.Info("staff chat linked", "account_id", acct.ID, "chat_id", s.in.ChatID)
	name := acct.DisplayName
	if name == "" {
		name = acct.Username
	}
	s.sendWithMenu(s.t("link.done", map[string]any{"Name": name}))
	return nil
}
