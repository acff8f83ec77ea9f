package playground

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// sample is a photo a visitor can send without having one at hand. They
// are drawn in code at start-up, so the repository holds no binaries and
// the pictures stay readable whatever the size of a chat bubble.
type sample struct {
	Name  string // in URLs and in the API's "sample" field
	Label string // locale key of its name on the page
	data  []byte
}

const sampleW, sampleH = 480, 360

func mustBuildSamples() []sample {
	scenes := []struct {
		name, label string
		draw        func(*image.RGBA)
	}{
		{"pothole", "playground.sample.pothole", drawPothole},
		{"bin", "playground.sample.bin", drawBin},
		{"streetlight", "playground.sample.streetlight", drawStreetlight},
	}
	var out []sample
	for _, sc := range scenes {
		img := image.NewRGBA(image.Rect(0, 0, sampleW, sampleH))
		sc.draw(img)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
			panic(fmt.Sprintf("playground: unable to encode sample %s: %v", sc.name, err))
		}
		out = append(out, sample{Name: sc.name, Label: sc.label, data: buf.Bytes()})
	}
	return out
}

func (p *Playground) sample(name string) (sample, bool) {
	for _, s := range p.samples {
		if s.Name == name {
			return s, true
		}
	}
	return sample{}, false
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
}

// ellipse fills the ellipse centred on (cx, cy); wobble > 0 roughens the
// edge, as a pothole's or a bag's is.
func ellipse(img *image.RGBA, cx, cy, rx, ry float64, wobble float64, c color.RGBA) {
	for y := int(cy - ry - wobble); y <= int(cy+ry+wobble); y++ {
		for x := int(cx - rx - wobble); x <= int(cx+rx+wobble); x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			angle := math.Atan2(dy, dx)
			edge := 1 + wobble/rx*math.Sin(5*angle)*math.Cos(3*angle)
			if (dx*dx)/(rx*rx)+(dy*dy)/(ry*ry) <= edge*edge {
				img.Set(x, y, c)
			}
		}
	}
}

// line draws a thick straight segment.
func line(img *image.RGBA, x0, y0, x1, y1, width float64, c color.RGBA) {
	steps := int(math.Hypot(x1-x0, y1-y0)) + 1
	for i := 0; i <= steps; i++ {
		t := float64(i) / float64(steps)
		ellipse(img, x0+(x1-x0)*t, y0+(y1-y0)*t, width/2, width/2, 0, c)
	}
}

// grain speckles a rectangle, so flat colours read as a surface. The
// seed is fixed: the same picture every start.
func grain(img *image.RGBA, r image.Rectangle, base color.RGBA, spread int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			d := rng.IntN(2*spread+1) - spread
			img.SetRGBA(x, y, color.RGBA{clamp(int(base.R) + d), clamp(int(base.G) + d), clamp(int(base.B) + d), 255})
		}
	}
}

func clamp(v int) uint8 { return uint8(min(max(v, 0), 255)) }

func drawPothole(img *image.RGBA) {
	grain(img, img.Bounds(), color.RGBA{92, 94, 99, 255}, 14, 1)
	fill(img, image.Rect(0, 0, sampleW, 40), color.RGBA{150, 170, 120, 255}) // verge
	for x := 20; x < sampleW; x += 120 {
		fill(img, image.Rect(x, 300, x+70, 312), color.RGBA{235, 235, 225, 255})
	}
	ellipse(img, 250, 185, 125, 70, 10, color.RGBA{58, 58, 60, 255})
	ellipse(img, 250, 190, 108, 56, 8, color.RGBA{34, 33, 35, 255})
	ellipse(img, 232, 200, 58, 24, 4, color.RGBA{70, 92, 110, 255}) // a puddle
	crack := color.RGBA{45, 45, 48, 255}
	line(img, 370, 170, 430, 140, 3, crack)
	line(img, 430, 140, 470, 150, 2, crack)
	line(img, 130, 205, 70, 240, 3, crack)
	line(img, 70, 240, 30, 236, 2, crack)
	drawLabel(img, 16, 320, 4, "BUCA")
}

func drawBin(img *image.RGBA) {
	fill(img, image.Rect(0, 0, sampleW, 250), color.RGBA{214, 196, 160, 255}) // wall
	for y := 0; y < 250; y += 30 {
		fill(img, image.Rect(0, y, sampleW, y+2), color.RGBA{190, 172, 138, 255})
	}
	grain(img, image.Rect(0, 250, sampleW, sampleH), color.RGBA{160, 160, 155, 255}, 10, 2)
	fill(img, image.Rect(150, 120, 330, 300), color.RGBA{38, 120, 60, 255}) // the bin
	fill(img, image.Rect(140, 108, 340, 128), color.RGBA{28, 95, 48, 255})  // its lid, lifted
	fill(img, image.Rect(160, 296, 180, 310), color.RGBA{30, 30, 30, 255})
	fill(img, image.Rect(300, 296, 320, 310), color.RGBA{30, 30, 30, 255})
	bags := []struct {
		x, y, rx, ry float64
		c            color.RGBA
	}{
		{190, 100, 42, 34, color.RGBA{30, 30, 34, 255}},
		{265, 92, 46, 38, color.RGBA{45, 70, 140, 255}},
		{228, 70, 36, 30, color.RGBA{30, 30, 34, 255}},
		{110, 282, 40, 32, color.RGBA{30, 30, 34, 255}},
		{375, 288, 44, 30, color.RGBA{200, 190, 60, 255}},
		{420, 300, 30, 24, color.RGBA{45, 70, 140, 255}},
	}
	for _, b := range bags {
		ellipse(img, b.x, b.y, b.rx, b.ry, 5, b.c)
	}
	fill(img, image.Rect(60, 300, 90, 318), color.RGBA{240, 240, 240, 255}) // a stray box
	drawLabel(img, 16, 16, 4, "RIFIUTI")
}

func drawStreetlight(img *image.RGBA) {
	for y := range sampleH {
		shade := uint8(20 + y/12)
		fill(img, image.Rect(0, y, sampleW, y+1), color.RGBA{shade, shade, shade + 40, 255})
	}
	rng := rand.New(rand.NewPCG(3, 7))
	for range 40 {
		x, y := rng.IntN(sampleW), rng.IntN(220)
		fill(img, image.Rect(x, y, x+2, y+2), color.RGBA{230, 230, 200, 255})
	}
	ellipse(img, 400, 60, 26, 26, 0, color.RGBA{240, 236, 200, 255})             // moon
	ellipse(img, 412, 54, 24, 24, 0, color.RGBA{24, 24, 64, 255})                // its shadow
	fill(img, image.Rect(0, 310, sampleW, sampleH), color.RGBA{50, 50, 56, 255}) // road
	fill(img, image.Rect(190, 90, 204, 312), color.RGBA{120, 124, 130, 255})     // pole
	line(img, 197, 96, 270, 84, 10, color.RGBA{120, 124, 130, 255})              // arm
	fill(img, image.Rect(248, 82, 312, 100), color.RGBA{90, 92, 98, 255})        // lamp head
	fill(img, image.Rect(256, 100, 304, 110), color.RGBA{60, 62, 66, 255})       // dark glass
	line(img, 262, 101, 276, 109, 2, color.RGBA{180, 180, 180, 255})             // cracked
	line(img, 276, 109, 290, 102, 2, color.RGBA{180, 180, 180, 255})
	fill(img, image.Rect(176, 300, 218, 314), color.RGBA{100, 104, 110, 255}) // base
	drawLabel(img, 16, 320, 4, "LAMPIONE")
}
