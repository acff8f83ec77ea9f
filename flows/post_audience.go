package flows

import (
	"context"
	"errors"
	"fmt"

	"github.com/campanile/campanile/store"
)

// Audience errors: a post that cannot be sent as it stands. Each leaves
// the post as it was.
var (
	ErrNoTopics         = errors.New("flows: a post to topics needs at least one topic")
	ErrNoArea           = errors.New("flows: a post to an area needs zones or a drawn area")
	ErrEveryoneNotAlert = errors.New("flows: only an alert may reach everyone")
	ErrUnknownAudience  = errors.New("flows: unknown audience")
)

// CheckAudience tells whether a post's audience can be selected, without
// touching the database: the admin calls it before saving.
func CheckAudience(p store.Post) error {
	switch p.Audience {
	case store.AudienceTopics:
		if len(p.TopicIDs) == 0 {
			return ErrNoTopics
		}
	case store.AudienceArea:
		if len(p.ZoneIDs) == 0 && p.AreaGeoJSON == "" {
			return ErrNoArea
		}
		if p.AreaGeoJSON != "" {
			if _, err := ParsePostArea(p.AreaGeoJSON); err != nil {
				return err
			}
		}
	case store.AudienceEveryone:
		// Who may send it is the caller's check (admins and civil
		// protection); what may be sent to everyone is ours.
		if p.Kind != store.PostAlert {
			return ErrEveryoneNotAlert
		}
	default:
		return fmt.Errorf("%w: %q", ErrUnknownAudience, p.Audience)
	}
	return nil
}

// audienceOf turns a post's audience into the store's terms: a drawn
// area becomes the citizens inside it, found by a bounding-box cut in SQL
// and the exact shape test here. Never anyone who did not opt in to a
// topic, never anyone inactive: the store's query guarantees both.
func (e *Engine) audienceOf(ctx context.Context, st *store.Store, p store.Post) (store.Audience, error) {
	if err := CheckAudience(p); err != nil {
		return store.Audience{}, err
	}
	switch p.Audience {
	case store.AudienceEveryone:
		return store.Audience{Everyone: true}, nil
	case store.AudienceTopics:
		return store.Audience{TopicIDs: p.TopicIDs}, nil
	}
	a := store.Audience{ZoneIDs: p.ZoneIDs}
	if p.AreaGeoJSON == "" {
		return a, nil
	}
	area, err := ParsePostArea(p.AreaGeoJSON)
	if err != nil {
		return store.Audience{}, err
	}
	err = st.PlacesInBoxes(ctx, area.strips(), func(citizenID int64, lat, lon float64) error {
		if area.contains(lat, lon) {
			a.CitizenIDs = append(a.CitizenIDs, citizenID)
		}
		return nil
	})
	if err != nil {
		return store.Audience{}, fmt.Errorf("flows: citizens in the area of post %d: %w", p.ID, err)
	}
	return a, nil
}

// CountRecipients returns how many citizens PublishPost would reach now:
// the same selection, counted instead of enqueued.
func (e *Engine) CountRecipients(ctx context.Context, st *store.Store, p store.Post) (int, error) {
	a, err := e.audienceOf(ctx, st, p)
	if err != nil {
		return 0, err
	}
	return st.CountAudience(ctx, a)
}
