package admin

import (
	"context"
	"slices"
	"strconv"

	"github.com/campanile/campanile/store"
)

// mayAlertEveryone: only civil protection reaches every citizen whatever
// they chose, on a public-safety basis (/privacy says so). Admins may, and
// editors given the capability on their account page.
func (s *Server) mayAlertEveryone(ctx context.Context, acct store.StaffAccount) (bool, error) {
	if acct.Role == store.RoleAdmin {
		return true, nil
	}
	rights, err := s.st.StaffPublishingOf(ctx, acct.ID)
	if err != nil {
		return false, err
	}
	return rights.CivilProtection, nil
}

// formIDs reads a list of ids from the form; ok is false when one is not
// a number, which no form of ours sends.
func formIDs(values []string) ([]int64, bool) {
	var out []int64
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, false
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, true
}

// knownIDs tells whether every id is one of the options.
func knownIDs(ids []int64, options []scopeOption) bool {
	for _, id := range ids {
		if !slices.ContainsFunc(options, func(o scopeOption) bool { return o.ID == id }) {
			return false
		}
	}
	return true
}

// checkAudience sets post's audience from the form, or says which field
// is wrong. The form view v holds the topics and zones that exist and
// whether the clerk may alert everyone (fillPostForm).
func checkAudience(p page, f postForm, v postFormView, post *store.Post, errs map[string]string) {
	post.Audience = f.Audience
	switch f.Audience {
	case store.AudienceTopics:
		if len(f.TopicIDs) == 0 || !knownIDs(f.TopicIDs, v.Topics) {
			errs["topics"] = p.T("admin.posts.error_topics")
			return
		}
		post.TopicIDs = f.TopicIDs
	case store.AudienceArea:
		checkArea(p, f, v, post, errs)
	case store.AudienceEveryone:
		switch {
		case !v.CanAlertEveryone:
			errs["audience"] = p.T("admin.posts.error_everyone_forbidden")
		case f.Kind != store.PostAlert:
			errs["audience"] = p.T("admin.posts.error_everyone_kind")
		}
	default:
		errs["audience"] = p.T("admin.posts.error_audience")
	}
}

func checkArea(p page, f postForm, v postFormView, post *store.Post, errs map[string]string) {
	switch f.AreaMode {
	case areaZones:
		if len(f.ZoneIDs) == 0 || !knownIDs(f.ZoneIDs, v.Zones) {
			errs["zones"] = p.T("admin.posts.error_zones")
			return
		}
		post.ZoneIDs = f.ZoneIDs
	case areaPolygon:
		if len(f.Polygon) > maxPolygonBytes {
			errs["polygon"] = p.T("admin.posts.error_polygon_size")
			return
		}
		area, err := parsePolygon(f.Polygon)
		if err != nil {
			errs["polygon"] = p.T("admin.posts.error_polygon", "Reason", err.Error())
			return
		}
		post.AreaGeoJSON = area
	case areaCircle:
		area, err := parseCircle(f.Lat, f.Lon, f.Radius)
		switch err {
		case nil:
			post.AreaGeoJSON = area
		case errCircleLat:
			errs["circle"] = p.T("admin.posts.error_circle_lat")
		case errCircleLon:
			errs["circle"] = p.T("admin.posts.error_circle_lon")
		default:
			errs["circle"] = p.T("admin.posts.error_circle_radius", "Max", maxCircleRadius)
		}
	default:
		errs["audience"] = p.T("admin.posts.error_audience")
	}
}
