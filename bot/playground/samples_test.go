package playground

import (
	"bytes"
	"image/jpeg"
	"testing"
)

func TestSamplesAreDistinctJPEGs(t *testing.T) {
	samples := mustBuildSamples()
	if len(samples) != 3 {
		t.Fatalf("%d samples", len(samples))
	}
	seen := map[string]bool{}
	for _, s := range samples {
		img, err := jpeg.Decode(bytes.NewReader(s.data))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if b := img.Bounds(); b.Dx() != sampleW || b.Dy() != sampleH {
			t.Errorf("%s is %v", s.Name, b)
		}
		if seen[string(s.data)] {
			t.Errorf("%s is the same picture as another", s.Name)
		}
		seen[string(s.data)] = true
		if len(s.data) > 100<<10 {
			t.Errorf("%s weighs %d KB: a sample should stay small", s.Name, len(s.data)>>10)
		}
	}
}
