package bot

import (
	"context"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
)

// deliverMedia sends photos (by the file ids Telegram gave us when the
// citizen sent them) and map pins.
func (d libDeliverer) deliverMedia(ctx context.Context, m flows.Message) ([]int, error) {
	switch {
	case m.Action == flows.ActionSendLocation && m.Location != nil:
		msg, err := d.api.SendLocation(ctx, &tgbot.SendLocationParams{
			ChatID:              m.ChatID,
			Latitude:            m.Location.Lat,
			Longitude:           m.Location.Lon,
			DisableNotification: m.Silent,
			AllowPaidBroadcast:  m.PaidBroadcast,
			ReplyParameters:     replyTo(m),
		})
		return messageID(msg, err)
	case m.MediaPath != "":
		return d.sendPostMedia(ctx, m)
	case m.Action == flows.ActionSendPhoto && len(m.Photos) > 0:
		msg, err := d.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID:              m.ChatID,
			Photo:               &models.InputFileString{Data: m.Photos[0]},
			Caption:             m.Text,
			ParseMode:           models.ParseModeHTML,
			DisableNotification: m.Silent,
			AllowPaidBroadcast:  m.PaidBroadcast,
			ReplyMarkup:         replyMarkup(m),
			ReplyParameters:     replyTo(m),
		})
		return messageID(msg, err)
	case m.Action == flows.ActionSendAlbum && len(m.Photos) >= 2:
		media := make([]models.InputMedia, 0, len(m.Photos))
		for i, id := range m.Photos {
			p := &models.InputMediaPhoto{Media: id}
			if i == 0 {
				p.Caption, p.ParseMode = m.Text, models.ParseModeHTML
			}
			media = append(media, p)
		}
		msgs, err := d.api.SendMediaGroup(ctx, &tgbot.SendMediaGroupParams{
			ChatID:              m.ChatID,
			Media:               media,
			DisableNotification: m.Silent,
			AllowPaidBroadcast:  m.PaidBroadcast,
			ReplyParameters:     replyTo(m),
		})
		if err != nil {
			return nil, err
		}
		ids := make([]int, 0, len(msgs))
		for _, msg := range msgs {
			ids = append(ids, msg.ID)
		}
		return ids, nil
	}
	return nil, fmt.Errorf("%w: %s without its photos or location", errUndeliverable, m.Action)
}

// sendPostMedia sends a post's photo or PDF from the media folder, by
// upload the first time and by file id after.
func (d libDeliverer) sendPostMedia(ctx context.Context, m flows.Message) ([]int, error) {
	name := ""
	if m.File != nil {
		name = m.File.Name
	}
	defer d.media.firstUpload(m.MediaPath)()
	file, err := d.media.input(m, name)
	if err != nil {
		return nil, err
	}
	var msg *models.Message
	if m.Action == flows.ActionSendDocument {
		msg, err = d.api.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID: m.ChatID, Document: file, Caption: m.Text, ParseMode: models.ParseModeHTML,
			DisableNotification: m.Silent, AllowPaidBroadcast: m.PaidBroadcast, ReplyMarkup: replyMarkup(m),
		})
	} else {
		msg, err = d.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID: m.ChatID, Photo: file, Caption: m.Text, ParseMode: models.ParseModeHTML,
			DisableNotification: m.Silent, AllowPaidBroadcast: m.PaidBroadcast, ReplyMarkup: replyMarkup(m),
		})
	}
	if err == nil {
		d.media.remember(m, msg)
	}
	return messageID(msg, err)
}
