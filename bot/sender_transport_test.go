package bot

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Forms arrive whole whatever their size: small ones in one piece with
// their length, large ones (a data export) streamed as before.
func TestBufferedBodiesDeliverEveryFormWhole(t *testing.T) {
	type seen struct {
		length int64
		body   []byte
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		got <- seen{r.ContentLength, body}
	}))
	defer srv.Close()
	client := newAPIClient()
	for _, size := range []int{0, 300, maxBufferedBody, maxBufferedBody + 1, 3 * maxBufferedBody} {
		want := bytes.Repeat([]byte("campanile "), size/10+1)[:size]
		// A pipe, like the Telegram library's: no length known in advance.
		pr, pw := io.Pipe()
		go func() {
			for _, part := range bytes.SplitAfter(want, []byte(" ")) {
				_, _ = pw.Write(part)
			}
			pw.Close()
		}()
		resp, err := client.Post(srv.URL, "multipart/form-data", pr)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		resp.Body.Close()
		s := <-got
		if !bytes.Equal(s.body, want) {
			t.Errorf("size %d: body arrived as %d bytes, changed", size, len(s.body))
		}
		if size > 0 && size <= maxBufferedBody && s.length != int64(size) {
			t.Errorf("size %d: want it sent in one piece with its length, got Content-Length %d", size, s.length)
		}
	}
}
