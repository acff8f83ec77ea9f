package main

import (
	"errors"
	"strconv"

	"github.com/campanile/campanile/bot"
)

// broadcastSettings are the settings of the broadcast engine beyond the
// overall rate: Telegram's paid broadcast, which lets an emergency reach
// everyone faster than the free 30 messages a second, for 0.1 Telegram
// Stars a message drawn from the bot's balance. Off unless the comune
// turns it on.
func (c *config) broadcastSettings() []setting {
	return []setting{
		{"CAMPANILE_PAID_BROADCAST_RATE", "paid-broadcast-rate", "0", "messages per second for civil-protection emergencies using Telegram's paid broadcast (0.1 Stars each, from the bot's balance); 0 turns it off, at most 1000", false, func(v string) error {
			r, err := strconv.ParseFloat(v, 64)
			if err != nil || !(r >= 0 && r <= bot.MaxPaidBroadcast) { // NaN fails both
				return errors.New("expected 0 (off) or a number of messages per second up to 1000")
			}
			c.PaidBroadcastRate = r
			return nil
		}},
	}
}
