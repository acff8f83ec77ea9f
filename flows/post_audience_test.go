package flows

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/campanile/campanile/store"
)

// publishAndCompare checks the heart of targeting: the count shown to
// staff, the number PublishPost reports and the chats that have messages
// waiting are the same, and exactly the expected ones.
func publishAndCompare(t *testing.T, tw *postTown, p store.Post, want []int64) {
	t.Helper()
	ctx := context.Background()
	p = tw.create(t, p)
	count, err := tw.e.CountRecipients(ctx, tw.st, p)
	if err != nil {
		t.Fatal(err)
	}
	n, err := tw.e.PublishPost(ctx, tw.st, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := []int64{}
	for chat, msgs := range tw.queued(t) {
		if slices.ContainsFunc(msgs, func(q queued) bool { return q.postID == p.ID }) {
			got = append(got, chat)
		}
	}
	slices.Sort(got)
	if want == nil {
		want = []int64{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("reached %v, want %v", got, want)
	}
	if count != len(want) || n != len(want) {
		t.Errorf("CountRecipients %d, PublishPost %d, want %d", count, n, len(want))
	}
	stats, err := tw.st.PostDeliveryStats(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Recipients != len(want) || stats.Pending != len(want) {
		t.Errorf("delivery figures %+v, want %d pending", stats.DeliveryCounts, len(want))
	}
}

func TestTopicAudienceReachesExactlyThoseWhoOptedIn(t *testing.T) {
	people := []townsman{
		{chat: 1, topics: []string{"rifiuti-carta"}},
		// The whole topic, as the picker keeps it: parent and every child.
		{chat: 2, topics: []string{"rifiuti", "rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco"}},
		{chat: 3, topics: []string{"viabilita"}},
		{chat: 4, topics: []string{"rifiuti-carta"}, inactive: true},
		{chat: 5},
		// The parent alone: "all of it", even a subtopic added later.
		{chat: 6, topics: []string{"rifiuti"}},
		{chat: 7, topics: []string{"rifiuti-vetro", "viabilita"}},
	}
	cases := []struct {
		name   string
		topics []string
		want   []int64
	}{
		{"a whole topic reaches subscribers of any of its subtopics", []string{"rifiuti"}, []int64{1, 2, 6, 7}},
		{"a subtopic reaches its subscribers and whole-topic subscribers", []string{"rifiuti-carta"}, []int64{1, 2, 6}},
		{"another subtopic", []string{"rifiuti-vetro"}, []int64{2, 6, 7}},
		{"two topics reach each citizen once", []string{"rifiuti-vetro", "viabilita"}, []int64{2, 3, 6, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tw := newPostTown(t)
			tw.add(t, people...)
			publishAndCompare(t, tw, store.Post{Audience: store.AudienceTopics, TopicIDs: tw.topics(c.topics...)}, c.want)
		})
	}
}

func TestAreaAudienceReachesExactlyThoseInside(t *testing.T) {
	// A triangle whose bounding box also holds chat 13, outside it; a
	// circle of 1 km whose box holds chat 22, 1.15 km away.
	triangle := `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[11,45],[11.1,45],[11,45.1],[11,45]]]}}`
	circle := `{"type":"Feature","properties":{"radius_m":1000},"geometry":{"type":"Point","coordinates":[11.5,45.5]}}`
	cases := []struct {
		name string
		post func(tw *postTown) store.Post
		want []int64
	}{
		{"zones", func(tw *postTown) store.Post {
			return store.Post{Audience: store.AudienceArea, ZoneIDs: []int64{tw.centro}}
		}, []int64{10, 11}},
		{"polygon", func(*postTown) store.Post {
			return store.Post{Audience: store.AudienceArea, AreaGeoJSON: triangle}
		}, []int64{12, 14}},
		{"circle", func(*postTown) store.Post {
			return store.Post{Audience: store.AudienceArea, AreaGeoJSON: circle}
		}, []int64{21}},
		{"zone or polygon, each once", func(tw *postTown) store.Post {
			return store.Post{Audience: store.AudienceArea, ZoneIDs: []int64{tw.stazione}, AreaGeoJSON: triangle}
		}, []int64{12, 14, 15}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tw := newPostTown(t)
			tw.add(t,
				townsman{chat: 10, zone: tw.centro},
				townsman{chat: 11, zone: tw.centro, lat: 45.9, lon: 11.9},
				townsman{chat: 12, lat: 45.02, lon: 11.02},
				townsman{chat: 13, lat: 45.08, lon: 11.08},
				townsman{chat: 14, zone: tw.stazione, lat: 45.05, lon: 11.01},
				townsman{chat: 15, zone: tw.stazione},
				townsman{chat: 16, topics: []string{"rifiuti"}}, // no saved place
				townsman{chat: 17, zone: tw.centro, lat: 45.02, lon: 11.02, inactive: true},
				townsman{chat: 21, lat: 45.508, lon: 11.5},
				townsman{chat: 22, lat: 45.5085, lon: 11.5085},
			)
			publishAndCompare(t, tw, c.post(tw), c.want)
		})
	}
}

func TestEmergencyReachesEveryActiveCitizen(t *testing.T) {
	tw := newPostTown(t)
	tw.add(t, townsman{chat: 1}, townsman{chat: 2, topics: []string{"viabilita"}}, townsman{chat: 3, inactive: true},
		townsman{chat: 4, zone: tw.centro}, townsman{chat: 5, lang: "de"})
	publishAndCompare(t, tw, store.Post{Kind: store.PostAlert, Audience: store.AudienceEveryone}, []int64{1, 2, 4, 5})
}

func TestAudienceErrorsChangeNothing(t *testing.T) {
	cases := []struct {
		name string
		post store.Post
		want error
	}{
		{"topics without a topic", store.Post{Audience: store.AudienceTopics}, ErrNoTopics},
		{"area without zones or a drawing", store.Post{Audience: store.AudienceArea}, ErrNoArea},
		{"news to everyone", store.Post{Kind: store.PostNews, Audience: store.AudienceEveryone}, ErrEveryoneNotAlert},
		{"not GeoJSON", store.Post{Audience: store.AudienceArea, AreaGeoJSON: `{"type":`}, ErrBadArea},
		{"a line is not an area", store.Post{Audience: store.AudienceArea,
			AreaGeoJSON: `{"type":"LineString","coordinates":[[11,45],[11.1,45]]}`}, ErrBadArea},
		{"circle without a radius", store.Post{Audience: store.AudienceArea,
			AreaGeoJSON: `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[11.5,45.5]}}`}, ErrBadArea},
		{"circle of 500 km", store.Post{Audience: store.AudienceArea,
			AreaGeoJSON: `{"type":"Feature","properties":{"radius_m":500000},"geometry":{"type":"Point","coordinates":[11.5,45.5]}}`}, ErrBadArea},
		{"polygon outside the globe", store.Post{Audience: store.AudienceArea,
			AreaGeoJSON: `{"type":"Polygon","coordinates":[[[200,45],[201,45],[201,46],[200,45]]]}`}, ErrBadArea},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			tw := newPostTown(t)
			tw.add(t, townsman{chat: 1, topics: []string{"rifiuti"}, zone: tw.centro, lat: 45.02, lon: 11.02})
			p := tw.create(t, c.post)
			if _, err := tw.e.CountRecipients(ctx, tw.st, p); !errors.Is(err, c.want) {
				t.Errorf("CountRecipients: %v, want %v", err, c.want)
			}
			if _, err := tw.e.PublishPost(ctx, tw.st, p.ID); !errors.Is(err, c.want) {
				t.Errorf("PublishPost: %v, want %v", err, c.want)
			}
			after, err := tw.st.PostByID(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.Status != store.PostDraft || after.SentAt != 0 || len(tw.queued(t)) != 0 {
				t.Errorf("a refused post changed: status %s, sent at %d, %d chats queued", after.Status, after.SentAt, len(tw.queued(t)))
			}
		})
	}
}
