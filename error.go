package storyline

import (
	"errors"
	"fmt"
)

// Error codes, mapped once to HTTP statuses and exit codes by the callers.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ETOOLARGE     = "too_large"
	EUNAUTHORIZED = "unauthorized"
	// ELIMITED: the client has tried too often; it may try again later.
	ELIMITED = "rate_limited"
	// EUNAVAILABLE: the server has too much under way to take this now.
	EUNAVAILABLE = "unavailable"
)

// Error is a storyline error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return e.Message
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
