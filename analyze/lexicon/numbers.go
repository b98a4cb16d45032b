package lexicon

// NumberWords gives the value of the English words for numbers, with the
// tens and units joined by a hyphen ("twenty-five") and "dozen". Callers
// must not change it.
var NumberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90, "hundred": 100, "dozen": 12}

// Multipliers give the value of the words and suffixes that scale a
// number: "2.5 million", "84m", "2.1bn". Callers must not change it.
var Multipliers = map[string]float64{"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
	"billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7, "hundred": 100}

func init() {
	for _, tens := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		for _, unit := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"} {
			NumberWords[tens+"-"+unit] = NumberWords[tens] + NumberWords[unit]
		}
	}
}
