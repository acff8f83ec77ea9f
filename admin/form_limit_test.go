package admin

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// A form larger than the cap is refused with 413 and a clear page before
// any handler runs.
func TestOversizedFormIsRefusedBeforeTheHandler(t *testing.T) {
	h := newHarness(t)
	c, csrf := h.signedInClient(h.account("anna", store.RoleAdmin, "a long enough password", false))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("file", "zone.geojson")
	_, _ = io.Copy(fw, io.LimitReader(repeatReader('x'), maxFormBytes+1))
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/admin/config/zones/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "troppo grande") {
		t.Fatalf("%d %.300s", resp.StatusCode, page)
	}
}

type repeatReader byte

func (b repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}
