package bot

import (
	"context"
	"errors"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
)

// editPostCopy edits a citizen's copy of a post in place. The copy is a
// text message or, for a post with a photo or document, a caption: the
// sender does not know which, so a copy without text is edited again as
// a caption (Telegram refuses the first call without changing anything).
func (d libDeliverer) editPostCopy(ctx context.Context, m flows.Message) ([]int, error) {
	msg, err := d.api.EditMessageText(ctx, &tgbot.EditMessageTextParams{
		ChatID:             m.ChatID,
		MessageID:          m.MessageID,
		Text:               m.Text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		ReplyMarkup:        inlineMarkup(m.Buttons),
	})
	if err == nil || !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), "there is no text in the message to edit") {
		return messageID(msg, err)
	}
	msg, err = d.api.EditMessageCaption(ctx, &tgbot.EditMessageCaptionParams{
		ChatID:      m.ChatID,
		MessageID:   m.MessageID,
		Caption:     m.Text,
		ParseMode:   models.ParseModeHTML,
		ReplyMarkup: inlineMarkup(m.Buttons),
	})
	return messageID(msg, err)
}

// pin pins a message with a notification: an emergency must be seen.
func (d libDeliverer) pin(ctx context.Context, chatID int64, messageID int) error {
	_, err := d.api.PinChatMessage(ctx, &tgbot.PinChatMessageParams{ChatID: chatID, MessageID: messageID, DisableNotification: false})
	return err
}
