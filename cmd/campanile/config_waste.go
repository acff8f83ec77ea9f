package main

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/campanile/campanile/flows/reminders"
)

var clockPattern = regexp.MustCompile(`^([0-9]{1,2}):([0-9]{2})$`)

// wasteSettings are the settings of the waste calendar: when, in the
// comune's time (Europe/Rome), the evening reminders go out.
func (c *config) wasteSettings() []setting {
	return []setting{
		{"CAMPANILE_WASTE_REMINDER_TIME", "waste-reminder-time", "19:00", "when the evening reminders of the next day's waste collection go out, as HH:MM in Europe/Rome time, from 12:00 to 22:59", false, func(v string) error {
			hour, minute, err := parseClock(v)
			if err != nil {
				return err
			}
			c.WasteReminderHour, c.WasteReminderMinute = hour, minute
			return nil
		}},
	}
}

// parseClock reads a time of day such as 19:00 or 7:30, within the hours
// the reminders accept.
func parseClock(v string) (hour, minute int, err error) {
	m := clockPattern.FindStringSubmatch(v)
	if m == nil {
		return 0, 0, errors.New("expected a time of day as HH:MM, such as 19:00")
	}
	hour, _ = strconv.Atoi(m[1])
	minute, _ = strconv.Atoi(m[2])
	if err := reminders.ValidTime(hour, minute); err != nil {
		return 0, 0, fmt.Errorf("%w (the reminders are for the next day, and a run missed while the server was down is caught up until %d:00)", err, reminders.CatchUpUntil)
	}
	return hour, minute, nil
}
