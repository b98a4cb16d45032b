package language

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		title, body, declared, want string
	}{
		{"Bridge closed", "The bridge over the river was closed on Tuesday after engineers found cracks in it, officials said.", "", "en"},
		{"Brücke gesperrt", "Die Brücke über den Fluss wurde am Dienstag gesperrt, nachdem Ingenieure Risse gefunden hatten.", "", "de"},
		{"Puente cerrado", "El puente sobre el río fue cerrado el martes después de que los ingenieros encontraran grietas.", "", "es"},
		{"Pont fermé", "Le pont sur la rivière a été fermé mardi après que des ingénieurs y ont trouvé des fissures.", "", "fr"},
		{"Ponte chiuso", "Il ponte sul fiume è stato chiuso martedì dopo che gli ingegneri hanno trovato delle crepe.", "", "it"},
		{"Most zamknięty", "Most na rzece został zamknięty we wtorek, gdy inżynierowie znaleźli w nim pęknięcia.", "", "pl"},
		{"Мост закрыт", "Мост через реку закрыли во вторник после того, как инженеры нашли в нём трещины.", "", "ru"},
		{"Köprü kapatıldı", "Nehir üzerindeki köprü, mühendislerin çatlaklar bulmasının ardından salı günü trafiğe kapatıldı ve yetkililer açıklama yaptı.", "", "tr"},
		{"إغلاق الجسر", "أغلقت السلطات الجسر فوق النهر يوم الثلاثاء بعد أن عثر المهندسون على تشققات فيه.", "", "ar"},
		{"大桥关闭", "工程师在河上的大桥发现裂缝后，官员周二宣布关闭该桥。", "", "zh"},
		// The text outweighs a wrong declaration...
		{"Bridge closed", "The bridge over the river was closed on Tuesday after engineers found cracks in it, officials said.", "de-DE", "en"},
		// ...but a declaration breaks a tie the text leaves open.
		{"", "Taylor Swift", "en", "en"},
		{"", "centrepoint winter white gala london singer taylor swift attends kensington palace", "", ""},
		{"", "", "", ""},
	}
	for _, tc := range tests {
		if got := Detect(tc.title, tc.body, tc.declared); got != tc.want {
			t.Errorf("Detect(%q, %q, %q) = %q, want %q", tc.title, tc.body, tc.declared, got, tc.want)
		}
	}
}

func TestCode(t *testing.T) {
	for tag, want := range map[string]string{"en-GB": "en", " pt_BR ": "pt", "DE": "de", "": ""} {
		if got := Code(tag); got != want {
			t.Errorf("Code(%q) = %q, want %q", tag, got, want)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	en := strings.Repeat("The bridge over the Tamsin river was closed on Tuesday after engineers found cracks, officials said. ", 40)
	de := strings.Repeat("Die Brücke über den Fluss wurde am Dienstag gesperrt, nachdem Ingenieure Risse gefunden hatten. ", 40)
	for _, tc := range []struct {
		name, text string
	}{{"en-short", en[:200]}, {"en-long", en}, {"de-short", de[:200]}, {"de-long", de}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				Detect("", tc.text, "")
			}
		})
	}
}
