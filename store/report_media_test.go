package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func TestPhotosToFetchRetryAndGiveUp(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	r, err := s.CreateReport(ctx, NewReport{CategoryID: categoryID(t, s, "strade-buca"), PlaceText: "via Roma 3",
		Description: "Buca", Photos: []ReportPhoto{{FileID: "f1"}, {FileID: "f2"}, {FileID: "f3", SHA256: "already"}}})
	if err != nil {
		t.Fatal(err)
	}
	due := func(nowMs int64) []string {
		t.Helper()
		photos, err := s.PhotosToFetch(ctx, nowMs, 10)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range photos {
			if p.ReportID != r.ID {
				t.Errorf("photo of report %d, want %d", p.ReportID, r.ID)
			}
			ids = append(ids, p.FileID)
		}
		return ids
	}
	if got := due(0); len(got) != 2 || got[0] != "f1" || got[1] != "f2" {
		t.Fatalf("due = %v, want f1 f2 (f3 is stored)", got)
	}
	if err := s.RecordPhotoFetchFailure(ctx, r.ID, 1, "502", 5000, false); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPhotoFetchFailure(ctx, r.ID, 2, "not an image", 0, true); err != nil {
		t.Fatal(err)
	}
	if got := due(4999); len(got) != 0 {
		t.Errorf("due before the retry time = %v", got)
	}
	if next, err := s.NextPhotoFetchMs(ctx, 4999); err != nil || next != 5000 {
		t.Errorf("NextPhotoFetchMs = %d, %v; want 5000", next, err)
	}
	if got := due(5000); len(got) != 1 || got[0] != "f1" {
		t.Errorf("due at the retry time = %v, want f1", got)
	}
	m := StoredMedia{SHA256: "ab12", Path: "ab/ab12.jpg", Bytes: 99, Width: 4, Height: 3}
	if err := s.SetPhotoStored(ctx, r.ID, 1, m); err != nil {
		t.Fatal(err)
	}
	if next, _ := s.NextPhotoFetchMs(ctx, 0); next != 0 {
		t.Errorf("NextPhotoFetchMs = %d with nothing left to fetch", next)
	}
	states, err := s.PhotoFetchStates(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []PhotoFetchState{{Position: 1, Stored: true, Attempts: 1}, {Position: 2, Failed: true, Attempts: 1, Error: "not an image"}, {Position: 3, Stored: true}}
	for i := range want {
		if i >= len(states) || states[i] != want[i] {
			t.Fatalf("states = %+v\nwant     %+v", states, want)
		}
	}
	photos, _ := s.ReportPhotos(ctx, r.ID)
	if p := photos[0]; p.SHA256 != m.SHA256 || p.MediaPath != m.Path || p.Bytes != 99 || p.Width != 4 || p.Height != 3 {
		t.Errorf("stored photo %+v", p)
	}
	if err := s.RecordPhotoFetchFailure(ctx, r.ID, 1, "late", 0, true); err != ErrNotFound {
		t.Errorf("a failure recorded over a stored photo: %v", err)
	}
	if err := s.SetPhotoStored(ctx, r.ID+1, 1, m); err != ErrNotFound {
		t.Errorf("SetPhotoStored of a missing report: %v", err)
	}
}

func TestWriteMediaIsContentAddressed(t *testing.T) {
	dir := t.TempDir()
	if err := PrepareMediaDir(dir); err != nil {
		t.Fatal(err)
	}
	sum, rel, err := WriteMedia(dir, []byte("pixels"), "png")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256([]byte("pixels"))
	if sum != hex.EncodeToString(h[:]) || rel != filepath.Join(sum[:2], sum+".png") {
		t.Fatalf("WriteMedia = %s %s", sum, rel)
	}
	again, rel2, err := WriteMedia(dir, []byte("pixels"), "png")
	if err != nil || again != sum || rel2 != rel {
		t.Errorf("writing the same content again = %s %s %v", again, rel2, err)
	}
	f, ct, err := OpenMedia(dir, sum)
	if err != nil || ct != "image/png" {
		t.Fatalf("OpenMedia = %s %v", ct, err)
	}
	f.Close()
	if tmp, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if _, _, err := WriteMedia(dir, []byte("x"), "../../etc"); err == nil {
		t.Error("WriteMedia accepted an unknown extension")
	}
}
