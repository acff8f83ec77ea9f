package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The media folder holds report photos under the SHA-256 of their bytes:
// <dir>/<sha256[0:2]>/<sha256>.jpg or .png. The name is the content, so a
// photo sent twice is stored once and a file is never rewritten with
// something else. report_photos.media_path holds the path relative to
// the folder, so the folder can move with the database.

// mediaTypes are the kinds of file the folder holds, by extension.
var mediaTypes = map[string]string{"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"} // pdf: posts' documents

// ErrBadMediaName is returned for a name that is not a SHA-256 in hex.
var ErrBadMediaName = errors.New("store: not a media name")

// ValidSHA256 tells whether s is a SHA-256 written as 64 lower-case hex
// digits: the only names that reach the file system, which rules out
// paths like "../".
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// MediaRelPath is where a file of that hash and extension lives, relative
// to the media folder.
func MediaRelPath(sum, ext string) string {
	return filepath.Join(sum[:2], sum+"."+ext)
}

// PrepareMediaDir creates the media folder and clears temporary files
// that a crash left behind.
func PrepareMediaDir(dir string) error {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o750); err != nil {
		return fmt.Errorf("store: unable to create the media folder: %w", err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return fmt.Errorf("store: unable to read the media folder: %w", err)
	}
	for _, e := range entries {
		// Only old ones: a file being written right now is not litter.
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 10*time.Minute {
			_ = os.Remove(filepath.Join(tmp, e.Name()))
		}
	}
	return nil
}

// WriteMedia stores data in the media folder under its SHA-256 and returns
// the hash and the relative path. It writes a temporary file and renames
// it, so a reader never sees half a file; content already there is not
// written again.
func WriteMedia(dir string, data []byte, ext string) (sum, rel string, err error) {
	if _, ok := mediaTypes[ext]; !ok {
		return "", "", fmt.Errorf("store: media of unknown kind %q", ext)
	}
	h := sha256.Sum256(data)
	sum = hex.EncodeToString(h[:])
	rel = MediaRelPath(sum, ext)
	full := filepath.Join(dir, rel)
	if info, err := os.Stat(full); err == nil && info.Size() == int64(len(data)) {
		return sum, rel, nil
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o750); err != nil {
		return "", "", fmt.Errorf("store: unable to create a media folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Join(dir, "tmp"), sum[:16]+"-*")
	if err != nil {
		return "", "", fmt.Errorf("store: unable to write media: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o640)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), full)
	}
	if err != nil {
		return "", "", fmt.Errorf("store: unable to write media %s: %w", sum, err)
	}
	return sum, rel, nil
}

// OpenMedia opens the stored file of a hash, for the admin and emails to
// serve /media/<sha256>, and returns its content type. A missing file is
// an error matching fs.ErrNotExist.
func OpenMedia(dir, sum string) (*os.File, string, error) {
	if !ValidSHA256(sum) {
		return nil, "", ErrBadMediaName
	}
	for _, ext := range []string{"jpg", "png"} {
		f, err := os.Open(filepath.Join(dir, MediaRelPath(sum, ext)))
		if err == nil {
			return f, mediaTypes[ext], nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("store: unable to open media %s: %w", sum, err)
		}
	}
	return nil, "", fmt.Errorf("store: media %s: %w", sum, fs.ErrNotExist)
}
