package main

import (
	"reflect"
	"slices"
	"testing"
)

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Korea, Republic of", []string{"Korea"}},
		{"Falkland Islands (Malvinas)", []string{"Malvinas", "Falkland Islands"}},
		{"Saint Martin (French part)", []string{"Saint Martin"}},
		{"Isle of Anglesey [Sir Ynys Môn GB-YNM]", []string{"Isle of Anglesey"}},
		{"the State of Palestine", []string{"State of Palestine"}},
	} {
		if got := variants(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("variants(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDemonyms(t *testing.T) {
	for name, want := range map[string]string{
		"Colombia": "Colombian", "Iraq": "Iraqi", "Japan": "Japanese",
		"Italy": "Italian", "Kenya": "Kenyan", "Pakistan": "Pakistani",
	} {
		if got := demonyms(name); !slices.Contains(got, want) {
			t.Errorf("demonyms(%q) = %q, want %q among them", name, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	if got := fold("Bogotá, Côte d’Ivoire"); got != "Bogota, Cote d'Ivoire" {
		t.Errorf("fold = %q", got)
	}
}
