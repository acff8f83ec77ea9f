package bot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/store"
)

// withMedia gives the harness a media folder, so the bot runs its fetcher.
func withMedia(h *harness) string {
	h.cfg.MediaDir = filepath.Join(h.t.TempDir(), "media")
	return h.cfg.MediaDir
}

// fastRetries makes the fetcher retry at once instead of after seconds.
func fastRetries(b *Bot) {
	b.media.backoff = func(int) time.Duration { return 5 * time.Millisecond }
}

// photoFileID has a user send a photo and returns its largest size's file
// id, as the report flow keeps it.
func photoFileID(t *testing.T, u *emulator.User, data []byte) string {
	t.Helper()
	m := u.SendPhoto(data, "")
	if len(m.Photo) == 0 {
		t.Fatal("the emulator gave the photo no sizes")
	}
	return m.Photo[len(m.Photo)-1].FileID
}

// fileReport files a report directly, with photos known by file id only.
func (h *harness) fileReport(fileIDs ...string) store.Report {
	h.t.Helper()
	ctx := context.Background()
	cats, err := h.st.Categories(ctx, 0, false)
	if err != nil || len(cats) == 0 {
		h.t.Fatalf("categories: %v %v", cats, err)
	}
	nr := store.NewReport{CategoryID: cats[0].ID, PlaceText: "Via Roma 1", Description: "Lampione spento da una settimana"}
	for _, id := range fileIDs {
		nr.Photos = append(nr.Photos, store.ReportPhoto{FileID: id})
	}
	r, err := h.st.CreateReport(ctx, nr)
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

func (h *harness) fetchStates(reportID int64) []store.PhotoFetchState {
	h.t.Helper()
	states, err := h.st.PhotoFetchStates(context.Background(), reportID)
	if err != nil {
		h.t.Fatal(err)
	}
	return states
}

// waitPhotos waits until every photo of a report is stored or given up.
func (h *harness) waitPhotos(reportID int64) []store.PhotoFetchState {
	h.t.Helper()
	var states []store.PhotoFetchState
	h.eventually("photos settled", func() bool {
		states = h.fetchStates(reportID)
		for _, s := range states {
			if !s.Stored && !s.Failed {
				return false
			}
		}
		return len(states) > 0
	})
	return states
}

func (h *harness) photos(reportID int64) []store.ReportPhoto {
	h.t.Helper()
	photos, err := h.st.ReportPhotos(context.Background(), reportID)
	if err != nil {
		h.t.Fatal(err)
	}
	return photos
}

// readMedia reads a stored photo through OpenMedia, as the admin will.
func readMedia(t *testing.T, dir string, p store.ReportPhoto) ([]byte, string) {
	t.Helper()
	f, ct, err := store.OpenMedia(dir, p.SHA256)
	if err != nil {
		t.Fatalf("OpenMedia(%s): %v", p.SHA256, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != p.SHA256 || int64(len(data)) != p.Bytes {
		t.Errorf("stored file does not match its record %+v", p)
	}
	if want := filepath.Join(p.SHA256[:2], p.SHA256+"."+map[string]string{"image/jpeg": "jpg", "image/png": "png"}[ct]); p.MediaPath != want {
		t.Errorf("media path %q, want %q", p.MediaPath, want)
	}
	return data, ct
}

func TestReportPhotoIsStoredWithoutItsMetadata(t *testing.T) {
	h := newHarness(t)
	dir := withMedia(h)
	h.start()
	u := h.emu.User(8101, "Elena", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Via Garibaldi 7")
	f.nth(3)
	// Sent as a file, as people do to keep the quality: Telegram leaves the
	// phone's EXIF in, GPS position included.
	original := jpegWithExif(t, 16, 8, 6)
	u.SendDocument("IMG_2041.jpg", "image/jpeg", original, "")
	f.nth(4)
	u.Send(h.cat.T("it", "report.photos_next", nil))
	f.nth(5)
	u.Send("Tombino divelto sul marciapiede")
	summary := f.nth(6)
	u.PressData(summary, button(t, summary, "Invia").CallbackData)
	f.nth(7)

	r, err := h.st.ReportByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if states := h.waitPhotos(r.ID); !states[0].Stored {
		t.Fatalf("photo not stored: %+v", states)
	}
	p := h.photos(r.ID)[0]
	data, ct := readMedia(t, dir, p)
	if ct != "image/jpeg" {
		t.Errorf("content type %s", ct)
	}
	for _, m := range jpegMarkers(data) {
		if m >= 0xe1 && m <= 0xef {
			t.Errorf("stored JPEG keeps an APP%d segment", m-0xe0)
		}
	}
	if bytes.Contains(data, []byte("Exif")) {
		t.Error("stored JPEG still says Exif")
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("stored JPEG does not decode: %v", err)
	}
	// Orientation 6 (turn right) is applied to the pixels before the EXIF
	// that carried it goes.
	if b := img.Bounds(); b.Dx() != 8 || b.Dy() != 16 || p.Width != 8 || p.Height != 16 {
		t.Errorf("stored %v, recorded %dx%d; want 8x16", b, p.Width, p.Height)
	}
}

func TestPNGStaysPNGAndSameContentIsStoredOnce(t *testing.T) {
	h := newHarness(t)
	dir := withMedia(h)
	b := h.start()
	u := h.emu.User(8102, "Franco", "it")
	pic := pngWithText(t, "Comment", "scattata in via Verdi 3, 45.0703 N 7.6869 E")
	// Three file ids for the same bytes: Telegram gives each upload its own.
	r1 := h.fileReport(photoFileID(t, u, pic), photoFileID(t, u, pic))
	r2 := h.fileReport(photoFileID(t, u, pic))
	b.WakeMedia()
	h.waitPhotos(r1.ID)
	h.waitPhotos(r2.ID)
	all := append(h.photos(r1.ID), h.photos(r2.ID)...)
	for _, p := range all {
		if p.SHA256 == "" || p.SHA256 != all[0].SHA256 {
			t.Fatalf("photos of one content stored under different names: %+v", all)
		}
	}
	data, ct := readMedia(t, dir, all[0])
	if ct != "image/png" {
		t.Errorf("a PNG became %s", ct)
	}
	if bytes.Contains(data, []byte("tEXt")) || bytes.Contains(data, []byte("via Verdi")) {
		t.Error("stored PNG keeps its text chunk")
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("stored PNG does not decode: %v", err)
	}
	if files := mediaFiles(t, dir); len(files) != 1 {
		t.Errorf("media folder holds %v, want one file", files)
	}
}

func TestPhotoFetchGivesUpOnWhatIsNotAPhoto(t *testing.T) {
	h := newHarness(t)
	withMedia(h)
	b := h.start(fastRetries)
	u := h.emu.User(8103, "Gina", "it")
	big := append(append([]byte{}, jpegMagic...), bytes.Repeat([]byte{0}, MaxMediaBytes)...)
	cases := []struct {
		label    string
		fileID   string
		attempts int // tries before giving up
		error    string
	}{
		{"pdf", u.SendDocument("multa.pdf", "application/pdf", []byte("%PDF-1.4 multa"), "").Document.FileID, 1, "not a JPEG or PNG"},
		{"over 10 MB", u.SendDocument("enorme.jpg", "image/jpeg", big, "").Document.FileID, 1, "over the limit"},
		{"broken jpeg", u.SendDocument("rotta.jpg", "image/jpeg", append(append([]byte{}, jpegMagic...), "rotta"...), "").Document.FileID, 1, "unreadable"},
		{"unknown to Telegram", "AgACAgQAAxkBAAIforgotten", 3, "file_id"},
	}
	for _, c := range cases {
		r := h.fileReport(c.fileID)
		b.WakeMedia()
		st := h.waitPhotos(r.ID)[0]
		if st.Stored || !st.Failed || st.Attempts != c.attempts || !strings.Contains(st.Error, c.error) {
			t.Errorf("%s: fetch state %+v, want failed after %d attempts with %q", c.label, st, c.attempts, c.error)
		}
		if p := h.photos(r.ID)[0]; p.SHA256 != "" || p.MediaPath != "" {
			t.Errorf("%s: refused photo recorded as stored: %+v", c.label, p)
		}
		// No retry storm: waking the fetcher again asks Telegram nothing.
		before := getFileCalls(h, c.fileID)
		for range 3 {
			b.WakeMedia()
			time.Sleep(20 * time.Millisecond)
		}
		if after := getFileCalls(h, c.fileID); after != before || after != c.attempts {
			t.Errorf("%s: getFile called %d then %d times, want %d", c.label, before, after, c.attempts)
		}
	}
}

func TestPhotoFetchWaitsOutATelegramOutage(t *testing.T) {
	h := newHarness(t)
	dir := withMedia(h)
	b := h.start()
	u := h.emu.User(8104, "Ivo", "it")
	id := photoFileID(t, u, tinyPNG())
	h.emu.SetDown(true)
	r := h.fileReport(id)
	b.WakeMedia()
	h.eventually("a failed attempt", func() bool { return h.fetchStates(r.ID)[0].Attempts > 0 })
	if st := h.fetchStates(r.ID)[0]; st.Failed || st.Stored {
		t.Fatalf("an outage is not the photo's fault: %+v", st)
	}
	h.emu.SetDown(false)
	if st := h.waitPhotos(r.ID)[0]; !st.Stored {
		t.Fatalf("photo not stored after the outage: %+v", st)
	}
	readMedia(t, dir, h.photos(r.ID)[0])
}

func TestPhotoFetchResumesAfterRestart(t *testing.T) {
	h := newHarness(t)
	dir := withMedia(h)
	b := h.start()
	u := h.emu.User(8105, "Luca", "it")
	first := photoFileID(t, u, tinyPNG())
	second := photoFileID(t, u, jpegWithExif(t, 4, 4, 1))
	// One photo fails while Telegram is down, then the process stops.
	h.emu.SetDown(true)
	r1 := h.fileReport(first)
	b.WakeMedia()
	h.eventually("a failed attempt", func() bool { return h.fetchStates(r1.ID)[0].Attempts > 0 })
	h.stop()
	h.emu.SetDown(false)
	// Another report is filed while the process is away (say, by the admin).
	r2 := h.fileReport(second)
	// Leftovers of a write cut short by a crash.
	litter := filepath.Join(dir, "tmp", "0123456789abcdef-42")
	if err := os.WriteFile(litter, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	hourAgo := time.Now().Add(-time.Hour)
	if err := os.Chtimes(litter, hourAgo, hourAgo); err != nil {
		t.Fatal(err)
	}
	h.start()
	for _, r := range []store.Report{r1, r2} {
		if st := h.waitPhotos(r.ID)[0]; !st.Stored {
			t.Fatalf("report %d: photo not stored after restart: %+v", r.ID, st)
		}
		readMedia(t, dir, h.photos(r.ID)[0])
	}
	if _, err := os.Stat(litter); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a temporary file left by a crash is still there: %v", err)
	}
}

func TestOpenMediaRefusesNamesThatAreNotHashes(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"", "../campanile.db", strings.Repeat("a", 63), strings.Repeat("A", 64), strings.Repeat("a", 62) + "/.", strings.Repeat("g", 64)} {
		if f, _, err := store.OpenMedia(dir, name); err == nil {
			f.Close()
			t.Errorf("OpenMedia(%q) opened a file", name)
		}
	}
	if _, _, err := store.OpenMedia(dir, strings.Repeat("a", 64)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing media: %v, want fs.ErrNotExist", err)
	}
}

func TestOrientTurnsPixelsAsEXIFSays(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	src.Set(0, 0, color.RGBA{R: 255, A: 255}) // the camera's top left
	corner := map[int]image.Point{1: {0, 0}, 2: {2, 0}, 3: {2, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 2}, 8: {0, 2}}
	for o := 1; o <= 8; o++ {
		img := orient(src, o)
		want := image.Rect(0, 0, 3, 2)
		if o >= 5 {
			want = image.Rect(0, 0, 2, 3)
		}
		if img.Bounds() != want {
			t.Errorf("orientation %d: bounds %v, want %v", o, img.Bounds(), want)
			continue
		}
		if r, _, _, _ := img.At(corner[o].X, corner[o].Y).RGBA(); r>>8 != 255 {
			t.Errorf("orientation %d: the top left pixel is not at %v", o, corner[o])
		}
	}
	for _, order := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
		data := spliceAPP1(plainJPEG(t, 4, 4), exifSegment(order, 8))
		if o := exifOrientation(data); o != 8 {
			t.Errorf("%v EXIF: orientation %d, want 8", order, o)
		}
	}
}

func getFileCalls(h *harness, fileID string) int {
	n := 0
	for _, r := range h.emu.RequestsFor("getFile") {
		if r.Params["file_id"] == fileID {
			n++
		}
	}
	return n
}

// mediaFiles lists the stored files, leaving out temporary ones.
func mediaFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "tmp" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func plainJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x * 16), G: uint8(y * 16), B: 128, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegWithExif is a phone's JPEG: an APP1 Exif segment with an orientation
// and the GPS position where it was taken.
func jpegWithExif(t *testing.T, w, h, orientation int) []byte {
	t.Helper()
	data := spliceAPP1(plainJPEG(t, w, h), exifSegment(binary.BigEndian, orientation))
	if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
		t.Fatalf("test JPEG with EXIF does not decode: %v", err)
	}
	if exifOrientation(data) != orientation {
		t.Fatalf("test EXIF unreadable")
	}
	return data
}

func spliceAPP1(jpg, app1 []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...)
}

// exifSegment builds an APP1 segment: IFD0 with Orientation and a pointer
// to a GPS IFD holding 45°04'12.34"N.
func exifSegment(order binary.ByteOrder, orientation int) []byte {
	var t bytes.Buffer
	if order == binary.BigEndian {
		t.WriteString("MM")
	} else {
		t.WriteString("II")
	}
	w16 := func(v uint16) { _ = binary.Write(&t, order, v) }
	w32 := func(v uint32) { _ = binary.Write(&t, order, v) }
	w16(42)
	w32(8)
	// IFD0 at 8: two entries, then the next IFD offset; the GPS IFD follows at 38.
	w16(2)
	w16(0x0112)
	w16(3)
	w32(1)
	w16(uint16(orientation))
	w16(0)
	w16(0x8825)
	w16(4)
	w32(1)
	w32(38)
	w32(0)
	// GPS IFD at 38: GPSLatitudeRef, GPSLatitude (three rationals at 68).
	w16(2)
	w16(0x0001)
	w16(2)
	w32(2)
	t.Write([]byte{'N', 0, 0, 0})
	w16(0x0002)
	w16(5)
	w32(3)
	w32(68)
	w32(0)
	for _, v := range []uint32{45, 1, 4, 1, 1234, 100} {
		w32(v)
	}
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	return append(seg, payload...)
}

// jpegMarkers lists the markers of a JPEG's segments up to the scan.
func jpegMarkers(data []byte) []byte {
	var markers []byte
	for i := 2; i+4 <= len(data) && data[i] == 0xff; {
		m := data[i+1]
		markers = append(markers, m)
		if m == 0xda {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	return markers
}

// pngWithText is a PNG carrying a tEXt chunk after its header.
func pngWithText(t *testing.T, key, text string) []byte {
	t.Helper()
	plain := tinyPNG()
	body := append([]byte("tEXt"+key+"\x00"), text...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	const afterIHDR = 8 + 25
	out := append(append(append([]byte{}, plain[:afterIHDR]...), chunk...), plain[afterIHDR:]...)
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("test PNG with text does not decode: %v", err)
	}
	return out
}
