package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"Ferry crews strike": "Ferry crews strike",
		`He said "no" — café, 東京, 👩‍👩‍👧`: `He said "no" — café, 東京, 👩‍👩‍👧`,
		"\x1b[2J\x1b[Hcleared":           `\x1b[2J\x1b[Hcleared`,
		"\x1b]0;owned\x07title":          `\x1b]0;owned\x07title`,
		"a\x9b31mred":                    `a\x9b31mred`, // C1 CSI
		"b\u009b31mred":                  `b\x9b31mred`, // C1 CSI, the character
		"nul\x00byte":                    `nul\x00byte`,
		"tab\there":                      `tab\x09here`,
		"name\nstoryline: forged error":  `name\x0astoryline: forged error`,
		"cr\rover":                       `cr\x0dover`,
		"del\x7f":                        `del\x7f`,
		"evil\u202egnp.exe":              `evil\u202egnp.exe`,
		"iso\u2066late\u2069":            `iso\u2066late\u2069`,
		"line\u2028sep":                  `line\u2028sep`,
		"bad\xffutf8":                    `bad\xffutf8`,
		"real \uFFFD replacement":        "real \uFFFD replacement",
	} {
		if got := terminal(in); got != want {
			t.Errorf("terminal(%q) = %q, want %q", in, got, want)
		}
	}
	if got := terminalText("line one\n\x1b[31mline two\n"); got != "line one\n\\x1b[31mline two\n" {
		t.Errorf("terminalText: %q", got)
	}
}

// An input whose name holds a newline and escapes fails on one line of
// stderr, with nothing raw from its name.
func TestErrorLinesCannotBeForged(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report\nstoryline: all good\x1b]0;owned\x07.html")
	if err := os.WriteFile(name, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, filepath.Join(dir, "s.db"), "", "ingest", name)
	if code == 0 {
		t.Fatalf("empty file ingested: %s", errOut)
	}
	if strings.ContainsAny(errOut, "\x1b\x07") || strings.Contains(errOut, "\nstoryline: all good") {
		t.Errorf("raw name on stderr:\n%q", errOut)
	}
	if !strings.Contains(errOut, `report\x0astoryline: all good\x1b]0;owned\x07.html`) {
		t.Errorf("the name is not shown escaped:\n%q", errOut)
	}
}

// Titles from the store are printed without their escapes.
func TestTitlesPrintedSafely(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	in := `{"id":"x1","source":"Gazette\u001b[31m","title":"Harbour \u001b]0;owned\u0007bridge \u202eclosed","body":"The harbour bridge closed on Monday after inspectors found corrosion, the council said."}` + "\n"
	if code, _, errOut := cli(t, db, in, "ingest", "-"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	for _, args := range [][]string{{"stories"}, {"story", "1"}, {"story", "1", "--format", "md"}, {"search", "harbour"}} {
		code, out, errOut := cli(t, db, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if strings.ContainsAny(out+errOut, "\x1b\x07\u202e") {
			t.Errorf("%v printed raw escapes:\n%q", args, out)
		}
	}
}
