package admin

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

func TestHealthReportsTheInboxAndOutboxAnd503WithoutTheDatabase(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "campanile.db"))
	if err != nil {
		t.Fatal(err)
	}
	r := mux.NewRouter()
	New(st, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{}).Register(r)
	srv := httptest.NewServer(r)
	defer srv.Close()

	if err := st.SaveUpdates(context.Background(), []store.InboundUpdate{{UpdateID: 1, ChatID: 5, Payload: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var rep healthReport
	_ = json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || rep.Status != "ok" || rep.PendingUpdates != 1 {
		t.Errorf("healthy: %d %+v", resp.StatusCode, rep)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Error("a health answer must not be cached by a proxy")
	}

	st.Close()
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("without the database: %d %s", resp.StatusCode, body)
	}

	resp, err = http.Post(srv.URL+"/healthz", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d", resp.StatusCode)
	}
}
