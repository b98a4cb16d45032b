package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the line `storyline --version` prints: the module version,
// the commit and its time when the binary was built from a checkout, and
// the Go release and platform.
func version() string {
	v := "(devel)"
	var details []string
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			details = append(details, "commit "+rev[:min(len(rev), 12)])
		}
		if at := settings["vcs.time"]; at != "" {
			details = append(details, at)
		}
		if settings["vcs.modified"] == "true" {
			details = append(details, "with local changes")
		}
	}
	details = append(details, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	return "storyline " + v + " (" + strings.Join(details, ", ") + ")"
}

// flagMessage rewords the flag package's errors for a user.
func flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "unknown flag " + name
	}
	return msg
}

// count says n things with the noun's right number: "1 article",
// "2 articles".
func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help"
}

// jsonOnly registers --json on a command whose output is JSON whatever the
// flags, so that every command printing data takes --json.
func jsonOnly(fs *flag.FlagSet, format string) {
	fs.Bool("json", true, "print "+format+" (the only format; accepted for uniformity)")
}
