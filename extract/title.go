package extract

import "strings"

// deriveTitle stub
func deriveTitle(body string) string { _ = strings.TrimSpace; return "" }
