package admin

import (
	"errors"

	"github.com/campanile/campanile/flows/waste"
)

// problemText puts a calendar mistake (a rule that does not hold, a wrong
// line of a CSV) into words in the clerk's language, or returns "" when
// err is a fault of ours rather than the clerk's.
func problemText(p page, err error) string {
	var pr *waste.Problem
	if !errors.As(err, &pr) {
		return ""
	}
	return p.T("admin.waste.problem."+pr.Reason, "Value", shortName(pr.Value))
}

// problemField is the form field a mistake concerns, "" when it concerns
// the whole form.
func problemField(err error) string {
	var pr *waste.Problem
	if !errors.As(err, &pr) {
		return ""
	}
	return pr.Field
}
