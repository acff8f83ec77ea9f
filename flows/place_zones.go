package flows

import "github.com/campanile/campanile/store"

// zoneChoiceButtons lists the zones two by two, each button carrying
// verb:<zone id>. The waste calendar's question and /zona share it, each
// with its own verb so an old list answers the question it belonged to.
func zoneChoiceButtons(verb string, zones []store.Zone) [][]Button {
	var rows [][]Button
	for i, z := range zones {
		b := Button{Text: truncate(z.Name, 40), Data: cbData(verb, z.ID)}
		if i%2 == 0 {
			rows = append(rows, []Button{b})
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	return rows
}
