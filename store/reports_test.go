package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

func categoryID(t testing.TB, s *Store, slug string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM categories WHERE slug = ?`, slug).Scan(&id); err != nil {
		t.Fatalf("category %q: %v", slug, err)
	}
	return id
}

// fileReport files a report of the pothole category at a point.
func fileReport(t testing.TB, s *Store, c Citizen, lat, lon float64) Report {
	t.Helper()
	r, err := s.CreateReport(context.Background(), NewReport{CitizenID: c.ID, ChatID: c.ChatID, AuthorName: c.FirstName,
		CategoryID: categoryID(t, s, "strade-buca"), HasCoords: true, Lat: lat, Lon: lon, Geolocated: true,
		Description: "Buca profonda davanti alla scuola"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCreateReportStoresEverything(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, ChatID: c.ChatID, AuthorName: "Anna",
		CategoryID: categoryID(t, s, "verde-erba"), PlaceText: "via Roma 3", Description: "Erba alta nel parco",
		Photos: []ReportPhoto{{FileID: "f1", FileUniqueID: "u1", SHA256: "aa", MediaPath: "aa.jpg", Width: 800, Height: 600, Bytes: 1234},
			{FileID: "f2", SHA256: "bb"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := Report{ID: r.ID, Number: "2025-000001", CitizenID: c.ID, ChatID: 101, CategoryID: categoryID(t, s, "verde-erba"),
		Status: ReportNew, PlaceText: "via Roma 3", Description: "Erba alta nel parco",
		CreatedAt: testEpoch.Unix(), UpdatedAt: testEpoch.Unix()}
	if r != want {
		t.Errorf("created %+v\nwant    %+v", r, want)
	}
	if got, err := s.ReportByNumber(ctx, "2025-000001"); err != nil || got != r {
		t.Errorf("ReportByNumber = %+v, %v", got, err)
	}
	photos, err := s.ReportPhotos(ctx, r.ID)
	if err != nil || len(photos) != 2 || photos[0].Position != 1 || photos[0].Bytes != 1234 || photos[1].FileID != "f2" {
		t.Errorf("ReportPhotos = %+v, %v", photos, err)
	}
	events, _ := s.ReportTimeline(ctx, r.ID)
	if len(events) != 1 || events[0].Kind != EventCreated || events[0].Author != (Author{Kind: AuthorCitizen, Name: "Anna", CitizenID: c.ID}) {
		t.Errorf("timeline = %+v, want one created event by Anna", events)
	}
}

func TestReportNumbersAreUniqueAndConsecutiveUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	const n = 20
	numbers := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, ChatID: c.ChatID, CategoryID: categoryID(t, s, "strade-buca"), Description: "x"})
			if err != nil {
				t.Error(err)
				return
			}
			numbers[i] = r.Number
		}()
	}
	wg.Wait()
	sort.Strings(numbers)
	for i, got := range numbers {
		if want := fmt.Sprintf("2025-%06d", i+1); got != want {
			t.Fatalf("numbers = %v, want 2025-000001 to 2025-%06d", numbers, n)
		}
	}
}

func TestReportNumbersRestartEachYearAndSkipNoneOnFailure(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	fileReport(t, s, c, 45, 11)
	// A report that fails (no such category) must not use up a number.
	if _, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, CategoryID: 9999, Description: "x"}); err == nil {
		t.Fatal("CreateReport with a missing category succeeded")
	}
	if r := fileReport(t, s, c, 45, 11); r.Number != "2025-000002" {
		t.Errorf("after a failed insert got %s, want 2025-000002", r.Number)
	}
	clock.Advance(365 * 24 * time.Hour)
	if r := fileReport(t, s, c, 45, 11); r.Number != "2026-000001" {
		t.Errorf("first report of the new year is %s, want 2026-000001", r.Number)
	}
}

func TestChangeReportStatusRecordsEvents(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	r := fileReport(t, s, c, 45, 11)
	staff := Author{Kind: AuthorStaff, Name: "Marco (URP)", StaffUserID: 777}

	clock.Advance(time.Hour)
	got, err := s.ChangeReportStatus(ctx, r.ID, ReportResolved, staff, "Riparata")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != ReportResolved || got.ResolvedAt != clock.Now().Unix() || got.UpdatedAt != clock.Now().Unix() {
		t.Errorf("after resolving: %+v", got)
	}
	clock.Advance(time.Hour)
	got, err = s.ChangeReportStatus(ctx, r.ID, ReportInProgress, Author{Kind: AuthorCitizen, Name: "Anna", CitizenID: c.ID}, "Non è vero")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != ReportInProgress || got.ResolvedAt != 0 {
		t.Errorf("after reopening: %+v", got)
	}
	other := fileReport(t, s, c, 45, 11)
	if got, err = s.MarkReportDuplicate(ctx, other.ID, r.ID, staff, ""); err != nil || got.DuplicateOf != r.ID || got.Status != ReportDuplicate {
		t.Errorf("MarkReportDuplicate = %+v, %v", got, err)
	}

	events, _ := s.ReportTimeline(ctx, r.ID)
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind+":"+e.FromStatus+">"+e.ToStatus)
	}
	want := fmt.Sprint([]string{"created:>nuova", "status:nuova>risolta", "reopen:risolta>in_lavorazione"})
	if fmt.Sprint(kinds) != want {
		t.Errorf("timeline = %v, want %v", kinds, want)
	}
	if events[1].Author != staff || events[1].Text != "Riparata" || events[1].At != testEpoch.Add(time.Hour).Unix() {
		t.Errorf("status event = %+v", events[1])
	}
	if _, err := s.ChangeReportStatus(ctx, r.ID, "sparita", staff, ""); err == nil {
		t.Error("an unknown status was accepted")
	}
}

func TestReportByStaffMessage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	r := fileReport(t, s, c, 45, 11)
	if err := s.SetReportStaffMessage(ctx, r.ID, -100, 55); err != nil {
		t.Fatal(err)
	}
	if err := s.AddReportStaffMessage(ctx, r.ID, -100, 56); err != nil { // an album photo
		t.Fatal(err)
	}
	for _, msg := range []int64{55, 56} {
		got, err := s.ReportByStaffMessage(ctx, -100, msg)
		if err != nil || got.ID != r.ID || got.StaffChatID != -100 || got.StaffMessageID != 55 {
			t.Errorf("ReportByStaffMessage(-100, %d) = %+v, %v", msg, got, err)
		}
	}
	if _, err := s.ReportByStaffMessage(ctx, -200, 55); !errors.Is(err, ErrNotFound) {
		t.Errorf("a message of another chat found a report: %v", err)
	}
}

func TestFollowReportIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	anna, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	bruno, _ := s.CitizenSeen(ctx, 2, 102, "Bruno", "it", true)
	r := fileReport(t, s, anna, 45, 11)
	for i, want := range []bool{true, false} {
		if followed, err := s.FollowReport(ctx, r.ID, bruno.ID); err != nil || followed != want {
			t.Errorf("FollowReport #%d = %v, %v; want %v", i+1, followed, err, want)
		}
	}
	if followed, err := s.FollowReport(ctx, r.ID, anna.ID); err != nil || followed {
		t.Errorf("following one's own report = %v, %v", followed, err)
	}
	got, _ := s.ReportByID(ctx, r.ID)
	if got.Supporters != 1 {
		t.Errorf("supporters = %d, want 1", got.Supporters)
	}
	if chats, err := s.ReportFollowers(ctx, r.ID); err != nil || fmt.Sprint(chats) != "[102]" {
		t.Errorf("ReportFollowers = %v, %v; want [102]", chats, err)
	}
	if events, _ := s.ReportTimeline(ctx, r.ID); len(events) != 2 || events[1].Kind != EventFollow || events[1].Author.Name != "Bruno" {
		t.Errorf("timeline = %+v, want created then one follow by Bruno", events)
	}
	s.DeactivateChat(ctx, 102, "blocked")
	if chats, _ := s.ReportFollowers(ctx, r.ID); len(chats) != 0 {
		t.Errorf("a follower who blocked the bot is still notified: %v", chats)
	}
}

func TestNearbyReports(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	const lat, lon = 46.4983, 11.3548 // Bolzano
	old := fileReport(t, s, c, lat, lon)
	clock.Advance(8 * 24 * time.Hour)
	near := fileReport(t, s, c, lat+0.0003, lon) // ~33 m north
	far := fileReport(t, s, c, lat, lon+0.0009)  // ~69 m east
	closed := fileReport(t, s, c, lat, lon)      // resolved: not a candidate
	s.ChangeReportStatus(ctx, closed.ID, ReportResolved, Author{Kind: AuthorSystem}, "")
	if _, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, CategoryID: categoryID(t, s, "rifiuti-cassonetto"),
		HasCoords: true, Lat: lat, Lon: lon, Description: "other category"}); err != nil {
		t.Fatal(err)
	}
	since := clock.Now().Add(-7 * 24 * time.Hour).Unix()
	got, err := s.NearbyReports(ctx, categoryID(t, s, "strade-buca"), lat, lon, 50, since)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != near.ID || got[0].Meters < 30 || got[0].Meters > 36 {
		t.Errorf("NearbyReports = %+v, want only %s at ~33 m (not %s far, %s old)", got, near.Number, far.Number, old.Number)
	}
	if d := HaversineMeters(lat, lon, lat, lon+0.0009); d < 65 || d > 72 {
		t.Errorf("HaversineMeters east = %.1f, want ~69", d)
	}
}

func TestCountReportsSince(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	anna, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	bruno, _ := s.CitizenSeen(ctx, 2, 102, "Bruno", "it", true)
	fileReport(t, s, anna, 45, 11)
	clock.Advance(25 * time.Hour)
	fileReport(t, s, anna, 45, 11)
	fileReport(t, s, anna, 45, 11)
	fileReport(t, s, bruno, 45, 11)
	if n, err := s.CountReportsSince(ctx, anna.ID, clock.Now().Add(-24*time.Hour).Unix()); err != nil || n != 2 {
		t.Errorf("CountReportsSince = %d, %v; want 2", n, err)
	}
	if reports, _ := s.ReportsOfCitizen(ctx, anna.ID, 10); len(reports) != 3 || reports[0].CreatedAt < reports[2].CreatedAt {
		t.Errorf("ReportsOfCitizen = %d reports, want 3 newest first", len(reports))
	}
}
