package bot

import (
	"context"
	"fmt"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/locales"
)

// setup introduces the bot to Telegram: who it is, its command menu in
// each language, and how updates arrive. Telegram may be unreachable at
// start-up; setup keeps trying while the rest of the program runs. It
// returns false only when ctx ended first.
func (b *Bot) setup(ctx context.Context) bool {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"getMe", b.learnIdentity},
		{"setMyCommands", b.registerCommands},
		{"webhook", b.configureIntake},
	}
	for _, step := range steps {
		for attempt := 1; ; attempt++ {
			err := step.fn(ctx)
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				return false
			}
			wait := min(time.Duration(attempt)*time.Second, 30*time.Second)
			b.log.Warn("telegram setup step failed, retrying", "step", step.name, "attempt", attempt, "retry_in", wait.String(), "error", err)
			if !sleep(ctx, wait) {
				return false
			}
		}
	}
	return true
}

func (b *Bot) learnIdentity(ctx context.Context) error {
	me, err := b.api.GetMe(ctx)
	if err != nil {
		return fmt.Errorf("bot: getMe: %w", err)
	}
	b.username.Store(me.Username)
	b.log.Info("connected to telegram", "bot_username", me.Username, "bot_id", me.ID)
	return nil
}

// registerCommands publishes the command menu in every language; the
// default (no language) is Italian, the comune's own.
func (b *Bot) registerCommands(ctx context.Context) error {
	for _, lang := range append([]string{""}, locales.Supported...) {
		source := lang
		if source == "" {
			source = locales.Source
		}
		var cmds []models.BotCommand
		for _, c := range b.engine.Commands(source) {
			cmds = append(cmds, models.BotCommand{Command: c.Command, Description: c.Description})
		}
		if _, err := b.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: lang}); err != nil {
			return fmt.Errorf("bot: setMyCommands %q: %w", lang, err)
		}
	}
	return nil
}

// configureIntake sets the webhook, or removes any webhook so long
// polling works. Pending updates are never dropped.
func (b *Bot) configureIntake(ctx context.Context) error {
	if b.cfg.WebhookURL == "" {
		if _, err := b.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			return fmt.Errorf("bot: deleteWebhook: %w", err)
		}
		return nil
	}
	_, err := b.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:            b.cfg.WebhookURL,
		SecretToken:    b.cfg.WebhookSecret,
		AllowedUpdates: allowedUpdates,
	})
	if err != nil {
		return fmt.Errorf("bot: setWebhook: %w", err)
	}
	b.log.Info("webhook set", "url", b.cfg.WebhookURL)
	return nil
}
