package ingest

import "os"

// filepathTemp makes a folder for benchmark databases that outlives one
// sub-benchmark (b.TempDir would be removed after each).
func filepathTemp() (string, error) {
	return os.MkdirTemp("", "storyline-bench-")
}
