package bot

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"net/http"

	"github.com/campanile/campanile/store"
)

// cleanedImage is a photo re-encoded from its pixels alone: whatever the
// original carried besides them (EXIF with the phone's GPS position and
// serial number, XMP, comments, PNG text chunks) is gone.
type cleanedImage struct {
	data          []byte
	ext           string // "jpg" or "png"
	width, height int
}

var (
	jpegMagic = []byte("\xff\xd8\xff")
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
)

// cleanImage accepts JPEG and PNG only, whatever decoders the program has
// registered, and refuses images too large to decode safely: a 10 MB PNG
// can claim billions of pixels.
func cleanImage(data []byte, maxPixels int) (cleanedImage, error) {
	var (
		decodeConfig func([]byte) (image.Config, error)
		decode       func([]byte) (image.Image, error)
		ext, name    string
	)
	switch {
	case bytes.HasPrefix(data, jpegMagic):
		ext, name = "jpg", "JPEG"
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	case bytes.HasPrefix(data, pngMagic):
		ext, name = "png", "PNG"
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	default:
		return cleanedImage{}, fmt.Errorf("bot: not a JPEG or PNG image but %s", http.DetectContentType(data))
	}
	cfg, err := decodeConfig(data)
	if err != nil {
		return cleanedImage{}, fmt.Errorf("bot: unreadable %s image: %w", name, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return cleanedImage{}, fmt.Errorf("bot: image of %dx%d pixels is over the limit of %d", cfg.Width, cfg.Height, maxPixels)
	}
	img, err := decode(data)
	if err != nil {
		return cleanedImage{}, fmt.Errorf("bot: unreadable %s image: %w", name, err)
	}
	var buf bytes.Buffer
	if ext == "jpg" {
		// The orientation lives in the EXIF we drop: apply it to the pixels,
		// or portrait photos taken with a phone would lie on their side.
		img = orient(img, exifOrientation(data))
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return cleanedImage{}, fmt.Errorf("bot: unable to re-encode the image: %w", err)
	}
	b := img.Bounds()
	return cleanedImage{data: buf.Bytes(), ext: ext, width: b.Dx(), height: b.Dy()}, nil
}

// writeMedia stores a cleaned image in the content-addressed folder.
func writeMedia(dir string, c cleanedImage) (store.StoredMedia, error) {
	sum, rel, err := store.WriteMedia(dir, c.data, c.ext)
	if err != nil {
		return store.StoredMedia{}, err
	}
	return store.StoredMedia{SHA256: sum, Path: rel, Bytes: int64(len(c.data)), Width: c.width, Height: c.height}, nil
}

// exifOrientation reads the Orientation tag (1 to 8) of a JPEG's EXIF, or
// 1 when there is none or it cannot be read.
func exifOrientation(data []byte) int {
	tiff := exifTIFF(data)
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(tiff[4:8]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 1
	}
	n := int(order.Uint16(tiff[ifd:]))
	for i := range n {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			return 1
		}
		if order.Uint16(tiff[e:]) == 0x0112 && order.Uint16(tiff[e+2:]) == 3 { // Orientation, SHORT
			if o := int(order.Uint16(tiff[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// exifTIFF finds the TIFF structure inside a JPEG's APP1 Exif segment.
func exifTIFF(data []byte) []byte {
	i := 2 // after SOI
	for i+4 <= len(data) && data[i] == 0xff {
		marker := data[i+1]
		if marker == 0xda || marker == 0xd9 { // start of scan, end of image
			return nil
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if size < 2 || i+2+size > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+size]
		if marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + size
	}
	return nil
}

// orient turns pixels stored as the camera saw them into how they are
// meant to be shown, per the EXIF orientation.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // the ones that turn by a quarter swap the sides
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored upside down
				dx, dy = x, h-1-y
			case 5: // mirrored, turned left
				dx, dy = y, x
			case 6: // turn right
				dx, dy = h-1-y, x
			case 7: // mirrored, turned right
				dx, dy = h-1-y, w-1-x
			case 8: // turn left
				dx, dy = y, w-1-x
			}
			si, di := src.PixOffset(x, y), dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}
