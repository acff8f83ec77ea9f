package bot

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// postMedia uploads a post's photo or PDF from the media folder the first
// time it goes out, and then sends the file id Telegram gave it: a
// broadcast to 100 000 chats uploads the file once, not 100 000 times.
// After a restart the first copy uploads it again, which costs one upload.
type postMedia struct {
	dir   string
	ids   sync.Map // media path -> Telegram file id
	locks sync.Map // media path -> *sync.Mutex held by the first upload
}

// firstUpload makes the sender's parallel workers wait for the one upload
// of a file instead of each uploading it; once the file id is known the
// lock is never taken again. The returned func releases it.
func (pm *postMedia) firstUpload(mediaPath string) func() {
	if pm == nil {
		return func() {}
	}
	if _, ok := pm.ids.Load(mediaPath); ok {
		return func() {}
	}
	l, _ := pm.locks.LoadOrStore(mediaPath, &sync.Mutex{})
	mu := l.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

func newPostMedia(dir string) *postMedia { return &postMedia{dir: dir} }

// postMediaExts are the files the admin stores for posts.
var postMediaExts = map[string]bool{".jpg": true, ".png": true, ".pdf": true}

// input is what to send for m's MediaPath: the known file id, or the
// file's bytes to upload. The path comes from the outbox, written by us;
// it is checked all the same to be a store-made "<2 hex>/<sha256>.<ext>".
func (pm *postMedia) input(m flows.Message, name string) (models.InputFile, error) {
	if pm == nil {
		return nil, fmt.Errorf("%w: post media without a media folder", errUndeliverable)
	}
	if id, ok := pm.ids.Load(m.MediaPath); ok {
		return &models.InputFileString{Data: id.(string)}, nil
	}
	ext := path.Ext(m.MediaPath)
	sum := strings.TrimSuffix(path.Base(m.MediaPath), ext)
	if pm.dir == "" || !postMediaExts[ext] || !store.ValidSHA256(sum) {
		return nil, fmt.Errorf("%w: post media %q is not a stored file", errUndeliverable, m.MediaPath)
	}
	data, err := os.ReadFile(filepath.Join(pm.dir, store.MediaRelPath(sum, ext[1:])))
	if err != nil {
		// The file was removed from the media folder: no retry brings it
		// back. The post's text still goes.
		return nil, fmt.Errorf("%w: post media: %v", errUndeliverable, err)
	}
	if name == "" {
		name = sum[:12] + ext
	}
	return &models.InputFileUpload{Filename: name, Data: bytes.NewReader(data)}, nil
}

// remember keeps the file id of an upload that went through.
func (pm *postMedia) remember(m flows.Message, msg *models.Message) {
	if msg == nil || m.MediaPath == "" {
		return
	}
	switch {
	case len(msg.Photo) > 0:
		pm.ids.Store(m.MediaPath, msg.Photo[len(msg.Photo)-1].FileID)
	case msg.Document != nil:
		pm.ids.Store(m.MediaPath, msg.Document.FileID)
	}
}
