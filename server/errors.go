package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/storyline-news/storyline"
)

// status maps a storyline error code to its HTTP status, once for all
// handlers.
func status(code string) int {
	switch code {
	case storyline.EINVALID:
		return http.StatusBadRequest
	case storyline.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case storyline.ENOTFOUND:
		return http.StatusNotFound
	case storyline.ECONFLICT:
		return http.StatusConflict
	case storyline.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case storyline.ELIMITED:
		return http.StatusTooManyRequests
	case storyline.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// apiError is the body of every JSON error response.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// classify turns errors from the standard library that a client caused
// (an oversized body) into storyline errors.
func classify(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return storyline.Errorf(storyline.ETOOLARGE, "The request body is over the %d-byte limit.", tooLarge.Limit)
	}
	return err
}

// jsonError writes err as a JSON error with its status; internal errors
// are logged and shown as "Internal error.".
func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, err error) {
	err = classify(err)
	code := storyline.ErrorCode(err)
	if code == storyline.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body apiError
	body.Error.Code = code
	body.Error.Message = storyline.ErrorMessage(err)
	if code == storyline.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
	}
	writeJSON(w, status(code), body)
}

// writeJSON writes v as JSON with the status.
func writeJSON(w http.ResponseWriter, code int, v any) {
	buf, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"Internal error."}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf)
	w.Write([]byte("\n"))
}
