package emutest

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// recorder is a testing.TB that keeps what New and CheckAll report, so
// the tests can look at it instead of failing themselves.
type recorder struct {
	testing.TB
	errors, logs []string
	cleanups     []func()
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

func (r *recorder) finish() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// post sends a multipart request the way go-telegram/bot does.
func post(t *testing.T, url string, fields map[string]string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestNewChecksEveryRequest(t *testing.T) {
	loadAPI(t) // skips without api.json
	rec := &recorder{TB: t}
	srv, hs := New(rec, emulator.Options{})
	base := hs.URL + "/bot" + srv.Token() + "/"
	post(t, base+"getMe", nil)
	post(t, base+"sendMessage", map[string]string{"chat_id": "1", "text": "Ciao", "colour": "red"})
	rec.finish()
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "sendMessage colour: unknown field") {
		t.Fatalf("errors = %q, want one report naming sendMessage colour", rec.errors)
	}
	if strings.Contains(rec.errors[0], "getMe") {
		t.Errorf("getMe was reported although it conforms: %s", rec.errors[0])
	}
}

func TestNewIgnore(t *testing.T) {
	loadAPI(t)
	rec := &recorder{TB: t}
	srv, hs := New(rec, emulator.Options{}, Options{Ignore: func(r emulator.Request) bool { return r.Method == "sendTelepathy" }})
	post(t, hs.URL+"/bot"+srv.Token()+"/sendTelepathy", map[string]string{"chat_id": "1"})
	rec.finish()
	if len(rec.errors) > 0 {
		t.Errorf("ignored request was reported: %q", rec.errors)
	}
}

func TestCheckAllSkipsWithoutAPIJSON(t *testing.T) {
	t.Setenv(EnvAPIJSON, "")
	t.Chdir(t.TempDir()) // no go.mod above, so no ../shared either
	rec := &recorder{TB: t}
	srv := emulator.New(emulator.Options{})
	defer srv.Close()
	CheckAll(rec, srv)
	if len(rec.errors) > 0 || len(rec.logs) != 1 || !strings.Contains(rec.logs[0], "conformance check skipped") {
		t.Errorf("errors %q, logs %q; want one log line saying the check was skipped", rec.errors, rec.logs)
	}
}

func TestCheckAllMisconfiguredEnv(t *testing.T) {
	t.Setenv(EnvAPIJSON, filepath.Join(t.TempDir(), "missing.json"))
	rec := &recorder{TB: t}
	srv := emulator.New(emulator.Options{})
	defer srv.Close()
	CheckAll(rec, srv)
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "no such file") {
		t.Errorf("errors = %q, want one about the missing file", rec.errors)
	}
}

func TestFindAPIJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "api.json")
	if err := os.WriteFile(file, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvAPIJSON, file)
	if got, ok := FindAPIJSON(); got != file || !ok {
		t.Errorf("FindAPIJSON() = %q, %v; want %q, true", got, ok, file)
	}
	t.Setenv(EnvAPIJSON, "")
	got, ok := FindAPIJSON()
	if want := filepath.Join("shared", "telegram", "api.json"); !strings.HasSuffix(got, want) {
		t.Errorf("FindAPIJSON() = %q, %v; want a path ending in %s next to the module root", got, ok, want)
	}
}

func TestLoadAPIErrors(t *testing.T) {
	if _, err := LoadAPI(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("LoadAPI of a missing file succeeded")
	}
	bad := filepath.Join(t.TempDir(), "api.json")
	if err := os.WriteFile(bad, []byte(`{"methods":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadAPI(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("LoadAPI of truncated JSON: err = %v, want one naming %s", err, bad)
	}
}
