package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline-news/storyline"
)

// access is what a request may do.
type access int

const (
	noAccess access = iota
	readAccess
	writeAccess
)

// sessionCookie holds a browser's proof of a token, so that forms work
// without JavaScript. Its value is an HMAC of the access level keyed by the
// token: no server state, and changing the token signs everyone out.
const sessionCookie = "storyline_session"

// sessionValue is the cookie value that proves a token for a level.
func sessionValue(token string, level access) string {
	mac := hmac.New(sha256.New, []byte(token))
	if level == writeAccess {
		mac.Write([]byte("storyline session: write"))
	} else {
		mac.Write([]byte("storyline session: read"))
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// equal compares secrets in constant time.
func equal(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// access returns what the request's bearer token or session cookie allows.
// Reads are open when no read token is set.
func (s *Server) access(r *http.Request) access {
	level := noAccess
	if s.opts.ReadToken == "" {
		level = readAccess
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, tok, _ := strings.Cut(auth, " ")
		if strings.EqualFold(scheme, "Bearer") {
			tok = strings.TrimSpace(tok)
			switch {
			case equal(tok, s.opts.Token):
				return writeAccess
			case equal(tok, s.opts.ReadToken):
				return readAccess
			}
		}
		return level
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		switch {
		case s.opts.Token != "" && equal(c.Value, sessionValue(s.opts.Token, writeAccess)):
			return writeAccess
		case s.opts.ReadToken != "" && equal(c.Value, sessionValue(s.opts.ReadToken, readAccess)):
			return readAccess
		}
	}
	return level
}

// canWrite reports whether the request may change data. A write through the
// session cookie must also come from this site (Origin or Referer), which,
// with the SameSite=Strict cookie, stops cross-site request forgery; bearer
// tokens are never sent by a browser on its own.
func (s *Server) canWrite(r *http.Request) error {
	if s.opts.Token == "" {
		return storyline.Errorf(storyline.EUNAUTHORIZED, "Writes are disabled: start the server with --token or STORYLINE_TOKEN.")
	}
	if s.access(r) != writeAccess {
		return storyline.Errorf(storyline.EUNAUTHORIZED, "This needs the write token (Authorization: Bearer TOKEN, or sign in).")
	}
	if r.Header.Get("Authorization") == "" && !sameOrigin(r) {
		return storyline.Errorf(storyline.EUNAUTHORIZED, "Cross-site request refused.")
	}
	return nil
}

// sameOrigin reports whether a browser request names this host as its origin.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || origin == "null" {
		origin = r.Header.Get("Referer")
	}
	if origin == "" {
		// Browsers send Origin with every POST; a request without one
		// did not come from a page.
		return false
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// requireRead wraps a handler that reads data.
func (s *Server) requireRead(h http.HandlerFunc, html bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.access(r) >= readAccess {
			h(w, r)
			return
		}
		if html {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.jsonError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "This server needs a read token (Authorization: Bearer TOKEN)."))
	}
}

// requireWrite wraps an API handler that changes data.
func (s *Server) requireWrite(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := s.canWrite(r); err != nil {
			s.jsonError(w, r, err)
			return
		}
		h(w, r)
	}
}

// setSession signs a browser in with the token it proved.
func setSession(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteStrictMode,
	})
}
