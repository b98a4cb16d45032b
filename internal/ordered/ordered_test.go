package ordered

import (
	"errors"
	"testing"
	"time"
)

func TestMapKeepsOrder(t *testing.T) {
	var got []int
	err := Map(4, func(emit func(int) bool) error {
		for i := range 200 {
			emit(i)
		}
		return nil
	}, func(i int) int {
		time.Sleep(time.Duration(200-i) * time.Microsecond) // later inputs finish first
		return i * i
	}, func(v int) error {
		got = append(got, v)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if v != i*i {
			t.Fatalf("result %d = %d, want %d", i, v, i*i)
		}
	}
	if len(got) != 200 {
		t.Fatalf("%d results, want 200", len(got))
	}
}

func TestMapStopsOnConsumerError(t *testing.T) {
	boom := errors.New("boom")
	emitted, consumed := 0, 0
	err := Map(2, func(emit func(int) bool) error {
		for i := range 10000 {
			if !emit(i) {
				return nil
			}
			emitted++
		}
		return nil
	}, func(i int) int { return i }, func(v int) error {
		consumed++
		if v == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if consumed != 11 || emitted == 10000 {
		t.Errorf("consumed %d, emitted %d: want 11 consumed and an early stop", consumed, emitted)
	}
}
