package analyze

import (
	"slices"
	"strings"
	"testing"
)

// TestTermsInLanguages checks, for each language, that two invented reports
// of one event meet on the stems of their shared words though the words are
// inflected differently, and that function words give no term.
func TestTermsInLanguages(t *testing.T) {
	tests := []struct {
		lang, a, b string
		shared     []string // stems both give
		stop       []string // words neither gives as terms
	}{
		{"en", "The ministers resigned after the vote.", "A minister resigns.", []string{"minist", "resign"}, []string{"the", "after"}},
		{"de", "Die Regierung hat die Brücke über den Fluss gesperrt, sagte der Bürgermeister.",
			"Nach der Sperrung der Brücke kritisierten Bürger die Regierungen.", []string{"regier", "bruck"}, []string{"die", "der", "über", "hat", "nach"}},
		{"es", "El presidente dijo que las inundaciones destruyeron cientos de casas.",
			"La inundación destruyó la casa del presidente.", []string{"president", "inund", "destru", "cas"}, []string{"el", "la", "que", "dijo", "del"}},
		{"fr", "L'armée a fermé les frontières d'Europe après l'attaque.",
			"Les armées ferment la frontière de l'Europe.", []string{"armé", "fronti", "europ"}, []string{"les", "la", "l", "d"}},
		{"it", "Il governo dell'Italia ha chiuso le scuole per l'alluvione.",
			"La scuola chiusa dai governi dopo le alluvioni in Italia.", []string{"govern", "ital", "chius", "scuol", "alluvion"}, []string{"il", "le", "dell", "per"}},
		{"pl", "Prezydent podpisał ustawę o wyborach w poniedziałek.",
			"Ustawa o wyborach trafiła do prezydenta.", []string{"prezydent", "ustaw", "wybor"}, []string{"o", "w", "do"}},
		{"ru", "Президент подписал закон о выборах в понедельник.",
			"Закон о выборах подписан президентом.", []string{"президент", "закон", "выбор", "подписа"}, []string{"о", "в"}},
		{"tr", "Cumhurbaşkanı Erdoğan'ın açıklaması İstanbul'da yankı uyandırdı.",
			"Erdoğan İstanbul'daki seçimleri ve açıklamayı konuştu.", []string{"erdoğa", "istanbul"}, []string{"ve", "'da"}},
		{"ar", "أعلنت الحكومة المصرية عن خطة جديدة للانتخابات في القاهرة",
			"الحكومة تعلن الانتخابات في القاهرة", []string{"حكوم", "انتخاب", "قاهر"}, []string{"في", "عن"}},
		{"zh", "中国政府周一宣布在北京举行疫苗会议。", "北京的疫苗会议由中国政府主办",
			[]string{"中国", "政府", "北京", "疫苗", "会议"}, []string{"的", "在"}},
	}
	for _, tc := range tests {
		a, b := TermsIn(tc.lang, tc.a), TermsIn(tc.lang, tc.b)
		for _, s := range tc.shared {
			if !slices.Contains(a, s) || !slices.Contains(b, s) {
				t.Errorf("%s: %q not in both %q and %q", tc.lang, s, a, b)
			}
		}
		for _, w := range tc.stop {
			if slices.Contains(a, w) || slices.Contains(b, w) {
				t.Errorf("%s: stop word %q in %q or %q", tc.lang, w, a, b)
			}
		}
	}
}

// TestTermsInEnglishIsTerms checks that English, an unknown language and no
// language read text exactly as Terms does.
func TestTermsInEnglishIsTerms(t *testing.T) {
	text := "The bridge over the Tamsin river was closed on Tuesday; Petro's aides said 17 people left."
	want := Terms(text)
	for _, lang := range []string{"en", "", "xx", "nl"} {
		if got := TermsIn(lang, text); !slices.Equal(got, want) {
			t.Errorf("TermsIn(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestTermsInDetails(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"tr", "IRAK Irak", []string{"ırak", "ırak"}},  // Turkish dotless ı
		{"fr", "jusqu'à l’État", []string{"état"}},     // elision with either apostrophe
		{"ar", "الحُكُومَة", TermsIn("ar", "الحكومة")}, // vowel signs stay inside the word
		{"zh", "美国总统拜登2021年访问Tokyo", []string{"美国", "国总", "总统", "统拜", "拜登", "2021", "年访", "访问", "tokyo"}}, // numbers and Latin words between Han runs
		{"zh", "美", []string{"美"}}, // a lone content character
		{"pl", "prezydentowi prezydentem", []string{"prezydent", "prezydent"}},
	}
	for _, tc := range tests {
		if got := TermsIn(tc.lang, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("TermsIn(%q, %q) = %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestStopwordListsHaveNoDuplicatesOrCapitals(t *testing.T) {
	for lang, list := range stopwordLists {
		if list != strings.ToLower(list) {
			t.Errorf("%s stop words are not all lower case", lang)
		}
	}
	for _, l := range TermLanguages() {
		if l != "zh" && termLanguages[l] == nil {
			t.Errorf("TermLanguages lists %s, which has no resources", l)
		}
	}
}

func BenchmarkTermsIn(b *testing.B) {
	texts := map[string]string{
		"de": "Die Brücke über den Tamsin wurde am Dienstag gesperrt, nachdem Ingenieure Risse gefunden hatten, sagten Beamte.",
		"zh": "周二，工程师在塔姆辛河大桥上发现裂缝后，官员宣布关闭该桥。市长表示不会拿人们的生命冒险。",
	}
	for lang, text := range texts {
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				TermsIn(lang, text)
			}
		})
	}
}
