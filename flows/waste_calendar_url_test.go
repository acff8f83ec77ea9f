package flows

import "testing"

func TestWasteCalendarURL(t *testing.T) {
	cases := []struct {
		public string
		zone   int64
		lang   string
		types  []string
		want   string
	}{
		{"https://comune.example.it/campanile/", 3, "it", nil, "https://comune.example.it/campanile/calendario/3.ics"},
		{"https://comune.example.it", 3, "", []string{"carta", "vetro"}, "https://comune.example.it/calendario/3.ics?tipi=carta,vetro"},
		{"https://comune.example.it", 12, "de", []string{"secco"}, "https://comune.example.it/calendario/12.ics?lingua=de&tipi=secco"},
		// Without a public address there is no link to give.
		{"", 3, "it", nil, ""},
	}
	for _, c := range cases {
		if got := WasteCalendarURL(c.public, c.zone, c.lang, c.types...); got != c.want {
			t.Errorf("%q %d %q %v: %q, want %q", c.public, c.zone, c.lang, c.types, got, c.want)
		}
	}
	e := NewEngine(Config{PublicURL: "https://x.it"}, testCatalog, nil)
	if got := e.WasteCalendarURL(5, "en"); got != "https://x.it/calendario/5.ics?lingua=en" {
		t.Errorf("engine: %q", got)
	}
}
