package playground

import (
	"log/slog"
	"testing"
)

func TestConfigDefaultsAndRepairs(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	c := Config{}.withDefaults(logger)
	if c.StaffGroupID != DefaultStaffGroupID || len(c.Citizens) != 4 || len(c.Staff) != 2 || len(c.Places) == 0 || c.Comune == "" {
		t.Errorf("defaults %+v", c)
	}
	c = Config{
		StaffGroupID: 42,
		Citizens:     []Person{{ID: 1, Name: "Ada Lovelace"}, {ID: 1, Name: "Ada again"}, {ID: -5, Name: "Negative"}, {ID: 2, Name: " "}},
		Staff:        []Person{{ID: 1, Name: "Same id as a citizen"}, {ID: 3, Name: "Bruno", FirstName: "Bruno"}},
		Places:       []Place{{Name: "Polo", Lat: 95, Lon: 0}, {Name: "", Lat: 45, Lon: 7}, {Name: "Piazza", Lat: 45, Lon: 7}},
	}.withDefaults(logger)
	if c.StaffGroupID != -42 {
		t.Errorf("group id %d, want -42", c.StaffGroupID)
	}
	if len(c.Citizens) != 1 || c.Citizens[0].FirstName != "Ada" {
		t.Errorf("citizens %+v", c.Citizens)
	}
	if len(c.Staff) != 1 || c.Staff[0].ID != 3 {
		t.Errorf("staff %+v", c.Staff)
	}
	if len(c.Places) != 1 || c.Places[0].Name != "Piazza" {
		t.Errorf("places %+v", c.Places)
	}
	// The defaults themselves are never changed by a repair.
	if defaultCitizens[0].FirstName != "Maria" {
		t.Errorf("defaults changed: %+v", defaultCitizens[0])
	}
}

func TestGroupOrSupergroupByItsId(t *testing.T) {
	f := newFixture(t, Config{})
	if info := f.p.chats[group].group.Chat(); info.Type != "supergroup" || info.ID != group {
		t.Errorf("default group %+v", info)
	}
	f = newFixture(t, Config{StaffGroupID: -4242})
	if f.p.StaffGroupID() != -4242 || f.p.chats[-4242].group.Chat().Type != "group" {
		t.Errorf("a basic group id gives %d", f.p.StaffGroupID())
	}
}
