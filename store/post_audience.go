package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// Audience is who a broadcast reaches, in the terms the database can
// select: the flows turn a post's audience into one. Lists travel as JSON
// arrays read with json_each, so the statement text never changes with
// their length and stays in the statement cache.
type Audience struct {
	// Everyone is every active citizen: civil-protection emergencies.
	Everyone bool
	// TopicIDs are the post's topics. A citizen is reached when they opted
	// in to one of them, to one of their subtopics, or to the whole topic
	// a subtopic belongs to (the parent's own subscription means "all of
	// it", see flows' syncParent).
	TopicIDs []int64
	// ZoneIDs reach citizens whose saved place is in one of the zones.
	ZoneIDs []int64
	// CitizenIDs are citizens the caller found inside a drawn area.
	CitizenIDs []int64
}

// recipientsCTE names, as "r", the active citizens an audience reaches:
// their id, chat, language (it when not one the bot speaks) and saved
// zone. The candidates come from each condition's own index (topic,
// zone, the caller's list) and are merged by UNION, each once; only
// "everyone" reads the whole citizens table. Parameters: ?1 everyone (0/1), ?2 topic ids, ?3 zone ids, ?4
// citizen ids, each a JSON array.
const recipientsCTE = `WITH
	pt(id) AS (SELECT value FROM json_each(?2)),
	targets(id) AS (
		SELECT id FROM pt
		UNION SELECT t.id FROM topics t JOIN pt ON t.parent_id = pt.id
		UNION SELECT t.parent_id FROM topics t JOIN pt ON t.id = pt.id WHERE t.parent_id IS NOT NULL),
	candidates(id) AS (
		SELECT id FROM citizens WHERE ?1 = 1
		UNION SELECT s.citizen_id FROM subscriptions s WHERE s.topic_id IN (SELECT id FROM targets)
		UNION SELECT pl.citizen_id FROM citizen_places pl WHERE pl.zone_id IN (SELECT value FROM json_each(?3))
		UNION SELECT value FROM json_each(?4)),
	r AS (
		SELECT c.id AS citizen_id, c.chat_id AS chat_id, pl.zone_id AS zone_id,
			CASE WHEN c.language IN ('en', 'de') THEN c.language ELSE 'it' END AS lang
		FROM candidates JOIN citizens c ON c.id = candidates.id LEFT JOIN citizen_places pl ON pl.citizen_id = c.id
		WHERE c.active = 1)
`

func (a Audience) args() ([]any, error) {
	lists := [][]int64{a.TopicIDs, a.ZoneIDs, a.CitizenIDs}
	args := []any{boolInt(a.Everyone)}
	for _, l := range lists {
		if l == nil {
			l = []int64{}
		}
		b, err := json.Marshal(l)
		if err != nil {
			return nil, fmt.Errorf("store: unable to encode audience: %w", err)
		}
		args = append(args, string(b))
	}
	return args, nil
}

// CountAudience returns how many active citizens an audience reaches,
// each once however many of its conditions they meet.
func (s *Store) CountAudience(ctx context.Context, a Audience) (int, error) {
	args, err := a.args()
	if err != nil {
		return 0, err
	}
	var n int
	if err := s.q.QueryRowContext(ctx, recipientsCTE+`SELECT COUNT(*) FROM r`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count the audience: %w", err)
	}
	return n, nil
}

// AudienceChats returns the chats an audience reaches, in chat order, for
// tests and small audiences; broadcasts never load them into memory.
func (s *Store) AudienceChats(ctx context.Context, a Audience) ([]int64, error) {
	args, err := a.args()
	if err != nil {
		return nil, err
	}
	ids, err := s.ids(ctx, recipientsCTE+`SELECT chat_id FROM r ORDER BY chat_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the audience: %w", err)
	}
	return ids, nil
}

// Box is a latitude/longitude rectangle, in degrees.
type Box struct {
	MinLat, MinLon, MaxLat, MaxLon float64
}

// MaxPlaceBoxes is how many rectangles PlacesInBoxes takes at most: a
// fixed number keeps one statement text for the statement cache.
const MaxPlaceBoxes = 8

// PlacesInBoxes calls fn for every citizen whose saved point lies in one
// of boxes (at most MaxPlaceBoxes): the cheap first cut of an area alert,
// the exact shape test being the caller's. Whether they are active is
// left to the audience query, which checks it once for every condition.
// One pass over the places; rows stream, so a million citizens cost no
// memory.
func (s *Store) PlacesInBoxes(ctx context.Context, boxes []Box, fn func(citizenID int64, lat, lon float64) error) error {
	if len(boxes) > MaxPlaceBoxes {
		return fmt.Errorf("store: %d boxes, at most %d", len(boxes), MaxPlaceBoxes)
	}
	args := make([]any, 0, 4*MaxPlaceBoxes)
	for i := range MaxPlaceBoxes {
		b := Box{MinLat: 1, MaxLat: 0} // matches nothing
		if i < len(boxes) {
			b = boxes[i]
		}
		args = append(args, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	rows, err := s.q.QueryContext(ctx, placesInBoxesQuery, args...)
	if err != nil {
		return fmt.Errorf("store: unable to list places in an area: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lat, lon float64
		if err := rows.Scan(&id, &lat, &lon); err != nil {
			return fmt.Errorf("store: unable to list places in an area: %w", err)
		}
		if err := fn(id, lat, lon); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to list places in an area: %w", err)
	}
	return nil
}

var placesInBoxesQuery = func() string {
	q := `SELECT citizen_id, lat, lon FROM citizen_places WHERE lat IS NOT NULL AND (`
	for i := range MaxPlaceBoxes {
		if i > 0 {
			q += ` OR `
		}
		q += `(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)`
	}
	return q + `)`
}()
