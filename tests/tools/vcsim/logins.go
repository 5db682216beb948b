// The simulator's count of session starts and ends, for tests that check how many times a
// client logs in: GET /vlab/logins answers
//
//	{"rest": {"login": N, "logout": N}, "soap": {"login": N, "logout": N}}
//
// "rest" counts the requests that open a vAPI session (POST /rest/com/vmware/cis/session
// without ~action) and that close one (DELETE of the same path); "soap" the SessionManager
// Login and Logout calls on /sdk. Every attempt counts, accepted or refused: a client that
// tries a wrong password twice has logged in twice. This is no vCenter API: a real vCenter
// shows the same as UserLoginSessionEvent and UserLogoutSessionEvent in its event history
// (the simulator posts those for SOAP sessions only), which is why the count lives here.
//
// With -login USER:PASSWORD only that login opens a session, in both APIs (the simulator alone
// takes any user with a non-empty password): what a test of a refused login needs. With
// -starting every session request and SOAP call answers HTTP 503, as a vCenter does while its
// services start.
package main

import (
	"bytes"
	"encoding/json"
	"io/ioutil"
	"net/http"
	"net/url"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

type loginCount struct {
	Login  int `json:"login"`
	Logout int `json:"logout"`
}

type loginCounter struct {
	mu   sync.Mutex
	rest loginCount
	soap loginCount
	only *url.Userinfo // -login: the only user and password a vAPI session is opened for
	// -starting: every login (REST and SOAP) and SOAP call answers 503, as vCenter's reverse
	// proxy does while the services behind it are still starting.
	starting bool
}

// unavailable answers as the reverse proxy (rhttpproxy) of a vCenter whose service is not up.
func unavailable(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte("503 Service Unavailable (Failed to connect to endpoint)"))
}

var logins loginCounter

// countRest wraps the vAPI handler of the session path.
func (c *loginCounter) countRest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		login := r.Method == http.MethodPost && r.URL.Query().Get("~action") == ""
		c.mu.Lock()
		switch {
		case login:
			c.rest.Login++
		case r.Method == http.MethodDelete:
			c.rest.Logout++
		}
		c.mu.Unlock()
		if c.starting {
			unavailable(w)
			return
		}
		if login && c.only != nil {
			// As vCenter answers other credentials: 401 with a vAPI error of the type
			// com.vmware.vapi.std.errors.unauthenticated (the message text is ours).
			user, password, _ := r.BasicAuth()
			wanted, _ := c.only.Password()
			if user != c.only.Username() || password != wanted {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"type":"com.vmware.vapi.std.errors.unauthenticated",` +
					`"value":{"messages":[{"id":"vapi.security.authentication.invalid",` +
					`"default_message":"Unable to authenticate user","args":[]}]}}`))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// countSoap wraps an /sdk handler.
func (c *loginCounter) countSoap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := ioutil.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = ioutil.NopCloser(bytes.NewReader(body))
		if method, _ := simulator.UnmarshalBody(types.TypeFunc(), body); method != nil {
			c.mu.Lock()
			switch method.Name {
			case "Login":
				c.soap.Login++
			case "Logout":
				c.soap.Logout++
			}
			c.mu.Unlock()
		}
		if c.starting {
			unavailable(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (c *loginCounter) serve(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	reply, _ := json.Marshal(map[string]loginCount{"rest": c.rest, "soap": c.soap})
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(reply)
}

// servedHosts: the names the tests address the simulator by. net/http prefers a pattern with a
// host over one without, so the counters see these requests before the simulator's own mux.
func servedHosts(server *simulator.Server) []string {
	var hosts []string
	seen := map[string]bool{}
	for _, host := range []string{server.URL.Hostname(), "127.0.0.1", "localhost"} {
		if !seen[host] {
			seen[host] = true
			hosts = append(hosts, host)
		}
	}
	return hosts
}

// installLoginCounter counts the vAPI sessions, and the SOAP ones unless the Distributed Switch
// shim owns /sdk (it counts them itself through countSoap).
func installLoginCounter(model *simulator.Model, server *simulator.Server, soapToo bool) {
	const sessionPath = "/rest/com/vmware/cis/session"
	mux := model.Service.ServeMux
	rest, _ := mux.Handler(&http.Request{Method: http.MethodPost, URL: &url.URL{Path: sessionPath}})
	for _, host := range servedHosts(server) {
		mux.Handle(host+sessionPath, logins.countRest(rest))
		if soapToo {
			mux.Handle(host+"/sdk", logins.countSoap(http.HandlerFunc(model.Service.ServeSDK)))
		}
	}
	mux.HandleFunc("/vlab/logins", logins.serve)
}
