package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// feedsPage is the data of the feeds page.
type feedsPage struct {
	Feeds   []feedItem
	Polling bool
	// Notice and Problem report the outcome of the last form.
	Notice, Problem string
}

func (s *Server) pageFeeds(w http.ResponseWriter, r *http.Request) {
	feeds, err := s.db.Feeds(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fp := feedsPage{Polling: s.poller != nil, Notice: r.URL.Query().Get("notice"), Problem: r.URL.Query().Get("problem")}
	for _, f := range feeds {
		fp.Feeds = append(fp.Feeds, s.feedItem(f))
	}
	s.render(w, r, http.StatusOK, "feeds", s.newPage(r, "Feeds", "feeds", fp))
}

// formDone sends the browser back to the feeds page with a message (Post,
// Redirect, Get: a reload does not resubmit the form).
func formDone(w http.ResponseWriter, r *http.Request, notice string, err error) {
	q := url.Values{}
	if err != nil {
		q.Set("problem", storyline.ErrorMessage(err))
	} else {
		q.Set("notice", notice)
	}
	http.Redirect(w, r, "/feeds?"+q.Encode(), http.StatusSeeOther)
}

// formWrite checks a form's right to write and answers when it has none.
func (s *Server) formWrite(w http.ResponseWriter, r *http.Request) bool {
	if err := s.canWrite(r); err != nil {
		s.pageError(w, r, err)
		return false
	}
	return true
}

func (s *Server) formAddFeed(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, smallBody)
	if !s.formWrite(w, r) {
		return
	}
	minutes, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("interval")))
	f, err := s.addFeed(r.Context(), newFeed{URL: r.PostFormValue("url"), Source: r.PostFormValue("source"),
		IntervalSeconds: int64(minutes) * 60})
	if err != nil {
		formDone(w, r, "", err)
		return
	}
	formDone(w, r, "Added "+f.URL+"; it will be fetched in a moment.", nil)
}

func (s *Server) formImportOPML(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, opmlBody+smallBody)
	if !s.formWrite(w, r) {
		return
	}
	file, _, err := r.FormFile("opml")
	if err != nil {
		formDone(w, r, "", storyline.Errorf(storyline.EINVALID, "Choose an OPML file to import."))
		return
	}
	defer file.Close()
	reply, err := s.importOPML(r.Context(), file)
	if err != nil {
		formDone(w, r, "", err)
		return
	}
	msg := plural(reply.Added, "feed") + " added, " + strconv.Itoa(reply.Existing) + " already there"
	if len(reply.Errors) > 0 {
		msg += ", " + strconv.Itoa(len(reply.Errors)) + " refused (" + reply.Errors[0].Message + ")"
	}
	formDone(w, r, msg+".", nil)
}

func (s *Server) formDeleteFeed(w http.ResponseWriter, r *http.Request) {
	if !s.formWrite(w, r) {
		return
	}
	id, err := parseID(r.PathValue("id"))
	if err == nil {
		err = s.db.DeleteFeed(r.Context(), id)
	}
	formDone(w, r, "Feed removed; its articles stay.", err)
}

func (s *Server) formRefreshFeed(w http.ResponseWriter, r *http.Request) {
	if !s.formWrite(w, r) {
		return
	}
	f, err := s.refreshFeed(r)
	if err != nil {
		formDone(w, r, "", err)
		return
	}
	if f.LastError != "" {
		formDone(w, r, "", storyline.Errorf(storyline.EINVALID, "Fetching %s failed: %s", f.URL, f.LastError))
		return
	}
	formDone(w, r, "Fetched "+f.URL+".", nil)
}

// loginPage is the data of the sign-in page.
type loginPage struct {
	Next    string
	Problem string
}

func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", s.newPage(r, "Sign in", "", loginPage{Next: safeNext(r.URL.Query().Get("next"))}))
}

// sessionAge is how long a sign-in lasts.
const sessionAge = 30 * 24 * time.Hour

// The sign-in form is small and comes from a page at once: it must arrive
// whole within loginTimeout, and hold at most loginBody bytes, so that an
// anonymous client cannot hold a connection open by trickling it.
const (
	loginTimeout = 10 * time.Second
	loginBody    = 16 << 10
)

func (s *Server) formLogin(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		s.pageError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "Cross-site request refused."))
		return
	}
	if ok, wait := s.signIns.allow(clientOf(r), time.Now()); !ok {
		retryAfter(w, wait)
		s.pageError(w, r, storyline.Errorf(storyline.ELIMITED, "Too many sign-in attempts from your address: wait a minute and try again."))
		return
	}
	// Not every ResponseWriter has deadlines (a test recorder): then the
	// server's own read timeout is the bound.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.loginTimeout))
	r.Body = http.MaxBytesReader(w, r.Body, loginBody)
	if err := r.ParseForm(); err != nil {
		if storyline.ErrorCode(classify(err)) != storyline.ETOOLARGE {
			err = storyline.Errorf(storyline.EINVALID, "The sign-in form did not arrive whole within %s.", s.loginTimeout)
		}
		s.pageError(w, r, err)
		return
	}
	token := strings.TrimSpace(r.PostFormValue("token"))
	next := safeNext(r.PostFormValue("next"))
	var value string
	switch {
	case equal(token, s.opts.Token):
		value = sessionValue(s.opts.Token, writeAccess)
	case equal(token, s.opts.ReadToken):
		value = sessionValue(s.opts.ReadToken, readAccess)
	default:
		s.log.Warn("sign-in refused", "remote", r.RemoteAddr)
		s.render(w, r, http.StatusUnauthorized, "login", s.newPage(r, "Sign in", "", loginPage{Next: next, Problem: "That token is not right."}))
		return
	}
	setSession(w, r, value, int(sessionAge.Seconds()))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) formLogout(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		s.pageError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "Cross-site request refused."))
		return
	}
	setSession(w, r, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site: a path ("/stories/3",
// with a query or fragment), else "/". Browsers drop tabs and newlines
// from a URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\\evil.example" would lead to "//evil.example", another site: any
// control character, space, backslash or non-ASCII byte (a target this
// server made is percent-encoded) refuses the target outright.
func safeNext(next string) string {
	for _, c := range []byte(next) {
		if c <= ' ' || c >= 0x7f || c == '\\' {
			return "/"
		}
	}
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}
