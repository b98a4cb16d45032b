package extract

// CheckText returns an error naming the problem when data cannot be read as
// a text document: over MaxDocumentBytes, binary, invalid UTF-8, or empty.
func CheckText(data []byte) error {
	return checkText(data)
}
