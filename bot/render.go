package bot

import (
	"bytes"
	"context"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
)

// deliverer performs one flows.Message against the Bot API and returns
// the ids of the messages it created or edited (several for an album).
type deliverer interface {
	deliver(ctx context.Context, m flows.Message) ([]int, error)
	// pin pins a message just sent, notifying the chat (emergencies).
	pin(ctx context.Context, chatID int64, messageID int) error
}

// libDeliverer renders flows.Messages into go-telegram/bot calls.
type libDeliverer struct {
	api   *tgbot.Bot
	media *postMedia // posts' photos and PDFs; nil without a media folder
}

func (d libDeliverer) deliver(ctx context.Context, m flows.Message) ([]int, error) {
	switch m.Action {
	case flows.ActionSend:
		msg, err := d.api.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID:              m.ChatID,
			Text:                m.Text,
			ParseMode:           models.ParseModeHTML,
			DisableNotification: m.Silent,
			AllowPaidBroadcast:  m.PaidBroadcast,
			LinkPreviewOptions:  &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
			ReplyMarkup:         replyMarkup(m),
			ReplyParameters:     replyTo(m),
		})
		return messageID(msg, err)
	case flows.ActionSendPhoto, flows.ActionSendAlbum, flows.ActionSendLocation:
		return d.deliverMedia(ctx, m)
	case flows.ActionEditText:
		if m.EditPostID != 0 {
			return d.editPostCopy(ctx, m)
		}
		msg, err := d.api.EditMessageText(ctx, &tgbot.EditMessageTextParams{
			ChatID:             m.ChatID,
			MessageID:          m.MessageID,
			Text:               m.Text,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
			ReplyMarkup:        inlineMarkup(m.Buttons),
		})
		return messageID(msg, err)
	case flows.ActionEditButtons:
		msg, err := d.api.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{
			ChatID:      m.ChatID,
			MessageID:   m.MessageID,
			ReplyMarkup: inlineMarkup(m.Buttons),
		})
		return messageID(msg, err)
	case flows.ActionAnswerCallback:
		_, err := d.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{
			CallbackQueryID: m.CallbackID,
			Text:            m.Text,
			ShowAlert:       m.Alert,
		})
		return nil, err
	case flows.ActionSendDocument:
		if m.MediaPath != "" {
			return d.sendPostMedia(ctx, m)
		}
		if m.File == nil {
			return nil, fmt.Errorf("%w: document without a file", errUndeliverable)
		}
		msg, err := d.api.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID:              m.ChatID,
			Document:            &models.InputFileUpload{Filename: m.File.Name, Data: bytes.NewReader(m.File.Data)},
			Caption:             m.Text,
			ParseMode:           models.ParseModeHTML,
			DisableNotification: m.Silent,
			AllowPaidBroadcast:  m.PaidBroadcast,
			ReplyMarkup:         replyMarkup(m),
		})
		return messageID(msg, err)
	}
	return nil, fmt.Errorf("%w: unknown action %q", errUndeliverable, m.Action)
}

func messageID(msg *models.Message, err error) ([]int, error) {
	if err != nil || msg == nil {
		return nil, err
	}
	return []int{msg.ID}, nil
}

// replyTo makes a message answer another; if that one is gone, it is
// sent anyway rather than lost.
func replyTo(m flows.Message) *models.ReplyParameters {
	if m.ReplyTo == 0 {
		return nil
	}
	return &models.ReplyParameters{MessageID: m.ReplyTo, AllowSendingWithoutReply: true}
}

// replyMarkup picks what goes under a new message: inline buttons win,
// then the reply keyboard, then its removal.
func replyMarkup(m flows.Message) models.ReplyMarkup {
	switch {
	case len(m.Buttons) > 0:
		return inlineMarkup(m.Buttons)
	case m.Keyboard != nil:
		kb := &models.ReplyKeyboardMarkup{
			ResizeKeyboard:        true,
			IsPersistent:          !m.Keyboard.OneTime,
			OneTimeKeyboard:       m.Keyboard.OneTime,
			InputFieldPlaceholder: m.Keyboard.Placeholder,
		}
		for _, row := range m.Keyboard.Rows {
			var keys []models.KeyboardButton
			for _, k := range row {
				keys = append(keys, models.KeyboardButton{Text: k.Text, RequestLocation: k.RequestLocation})
			}
			kb.Keyboard = append(kb.Keyboard, keys)
		}
		return kb
	case m.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	return nil
}

// inlineMarkup returns nil for no buttons, which makes an edit remove the
// keyboard, as Telegram does when reply_markup is absent.
func inlineMarkup(rows [][]flows.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &models.InlineKeyboardMarkup{}
	for _, row := range rows {
		var buttons []models.InlineKeyboardButton
		for _, b := range row {
			buttons = append(buttons, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, buttons)
	}
	return kb
}
