package main

import (
	"errors"
	"strconv"
	"time"
)

// The bounds of the feed interval: more often than once a minute is
// impolite to the comune's own websites; less often than daily makes
// news stale.
const (
	feedIntervalMin = time.Minute
	feedIntervalMax = 24 * time.Hour
)

// feedSettings are the settings of the website feeds the comune imports.
func (c *config) feedSettings() []setting {
	return []setting{
		{"CAMPANILE_FEED_INTERVAL", "feed-interval", "15m", "how often the registered website feeds (RSS/Atom) are checked for new items, such as 15m or 1h (1m to 24h)", false, func(v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < feedIntervalMin || d > feedIntervalMax {
				return errors.New("expected a duration between 1m and 24h, such as 15m or 1h")
			}
			c.FeedInterval = d
			return nil
		}},
		{"CAMPANILE_FEED_ALLOW_PRIVATE", "feed-allow-private", "false", "true lets staff register feeds at private or local addresses (an intranet); otherwise they are refused, so the server cannot be made to read its own network", false, func(v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("expected true or false")
			}
			c.FeedAllowPrivate = b
			return nil
		}},
	}
}
