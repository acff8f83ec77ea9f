package waste

import "fmt"

// Problem is a mistake a clerk can fix in a rule, an exception or a row of
// the calendar's CSV. Reason names it so that the admin can say it in the
// clerk's language; Field is the CSV column it concerns (the admin's forms
// use the same names), empty when it is not one column; Value is what was
// found there. Error stays English, for logs and tests.
//
// Reasons: not_csv, header, quotes, too_many_rows, columns, no_zone,
// unknown_rule, needs_date, one_move, no_new_date, bad_date, bad_day,
// bad_every, no_days, no_type, no_days_or_dates, every_range, no_start,
// start_not_on_day, ends_before_start.
type Problem struct {
	Field, Reason, Value string
	text                 string
}

func (p *Problem) Error() string { return p.text }

func problem(field, reason, value, format string, args ...any) *Problem {
	return &Problem{Field: field, Reason: reason, Value: value, text: fmt.Sprintf(format, args...)}
}
