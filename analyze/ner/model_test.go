package ner

import (
	"bytes"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(shippedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
