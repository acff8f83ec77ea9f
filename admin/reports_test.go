package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// inbox is a harness with an engine, a media folder, a citizen, a signed-in
// operator and a few reports.
type inbox struct {
	*harness
	c       *http.Client
	csrf    string
	citizen store.Citizen
	cats    []store.Category
	woken   int
}

func newInbox(t *testing.T) *inbox {
	t.Helper()
	h := newHarness(t)
	in := &inbox{harness: h}
	h.s.opt.Engine = flows.NewEngine(flows.Config{Comune: "Comune di Prova"}, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.s.opt.MediaDir = t.TempDir()
	h.s.opt.Notify = func() { in.woken++ }
	if err := store.PrepareMediaDir(h.s.opt.MediaDir); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var err error
	if in.citizen, err = h.st.CitizenSeen(ctx, 501, 501, "Anna", "it", true); err != nil {
		t.Fatal(err)
	}
	tops, err := h.st.Categories(ctx, 0, false)
	if err != nil || len(tops) < 2 {
		t.Fatalf("categories %v %v", tops, err)
	}
	in.cats = tops
	op := h.account("op", store.RoleOperator, "a long enough password", false)
	// Operators see their scope only: this one serves every category.
	var all []int64
	for _, c := range tops {
		all = append(all, c.ID)
	}
	if err := h.st.SetStaffScope(ctx, op.ID, nil, all); err != nil {
		t.Fatal(err)
	}
	in.c, in.csrf = h.signedInClient(op)
	return in
}

func (in *inbox) report(desc string, cat int64, status string) store.Report {
	in.t.Helper()
	ctx := context.Background()
	r, err := in.st.CreateReport(ctx, store.NewReport{CitizenID: in.citizen.ID, ChatID: in.citizen.ChatID, AuthorName: "Anna",
		CategoryID: cat, HasCoords: true, Lat: 45.07, Lon: 7.68, PlaceText: "via Roma 1", Description: desc})
	if err != nil {
		in.t.Fatal(err)
	}
	if status != store.ReportNew {
		if r, err = in.st.ChangeReportStatus(ctx, r.ID, status, store.Author{Kind: store.AuthorStaff, Name: "x"}, ""); err != nil {
			in.t.Fatal(err)
		}
	}
	return r
}

// outboxTo returns the texts waiting in the outbox for chat.
func (in *inbox) outboxTo(chat int64) []string {
	in.t.Helper()
	items, err := in.st.DueOutbox(context.Background(), time.Now().Add(time.Hour).UnixMilli(), 1000)
	if err != nil {
		in.t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		if it.ChatID == chat {
			m, _ := flows.DecodeMessage(it.Payload)
			out = append(out, m.Text)
		}
	}
	return out
}

func (in *inbox) timeline(id int64) []store.ReportEvent {
	ev, err := in.st.ReportTimeline(context.Background(), id)
	if err != nil {
		in.t.Fatal(err)
	}
	return ev
}

var rowNumber = regexp.MustCompile(`<a href="/admin/reports/\d+">(\d{4}-\d{6})</a>`)

func TestInboxFiltersCountersAndPages(t *testing.T) {
	in := newInbox(t)
	a := in.report("Buca profonda in via Roma", in.cats[0].ID, store.ReportNew)
	in.report("Lampione spento", in.cats[1].ID, store.ReportTaken)
	in.report("Rifiuti abbandonati", in.cats[1].ID, store.ReportInProgress)
	in.report("Altro lampione", in.cats[1].ID, store.ReportResolved)
	in.report("Doppione", in.cats[0].ID, store.ReportRejected)

	resp, body := in.get(in.c, "/admin/reports")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if got := len(rowNumber.FindAllString(body, -1)); got != 5 {
		t.Errorf("%d rows, want 5", got)
	}
	for _, want := range []string{"<strong>1</strong> nuove", "<strong>2</strong> in corso", "<strong>1</strong> risolte", "<strong>1</strong> respinte o duplicate",
		`href="/admin/reports?status=presa_in_carico&amp;status=in_lavorazione"`, "export.csv?"} {
		if !strings.Contains(body, want) {
			t.Errorf("inbox lacks %q", want)
		}
	}
	_, body = in.get(in.c, "/admin/reports?status=presa_in_carico&status=in_lavorazione")
	if got := rowNumber.FindAllStringSubmatch(body, -1); len(got) != 2 {
		t.Errorf("in progress: %d rows", len(got))
	}
	_, body = in.get(in.c, "/admin/reports?q=buca")
	if got := rowNumber.FindAllStringSubmatch(body, -1); len(got) != 1 || got[0][1] != a.Number {
		t.Errorf("text search: %v", got)
	}
	_, body = in.get(in.c, "/admin/reports?category="+itoa(in.cats[1].ID)+"&sort=oldest")
	if got := rowNumber.FindAllStringSubmatch(body, -1); len(got) != 3 {
		t.Errorf("category: %d rows", len(got))
	}
	tomorrow := time.Now().In(rome).AddDate(0, 0, 1).Format("2006-01-02")
	_, body = in.get(in.c, "/admin/reports?from="+tomorrow)
	if got := rowNumber.FindAllStringSubmatch(body, -1); len(got) != 0 {
		t.Errorf("from tomorrow: %d rows", len(got))
	}
	// Pagination: 55 more new reports make two pages of new ones.
	for range 55 {
		in.report("Ancora una buca", in.cats[0].ID, store.ReportNew)
	}
	_, body = in.get(in.c, "/admin/reports?status=nuova")
	if got := len(rowNumber.FindAllString(body, -1)); got != 50 || !strings.Contains(body, "Segnalazioni trovate: 56") || !strings.Contains(body, "page=2&amp;status=nuova") {
		t.Errorf("page 1: %d rows", got)
	}
	_, body = in.get(in.c, "/admin/reports?status=nuova&page=2")
	if got := len(rowNumber.FindAllString(body, -1)); got != 6 || !strings.Contains(body, "Pagina 2 di 2") {
		t.Errorf("page 2: %d rows", got)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
