// vlab-vcsim: the vCenter simulator the vCenter tests talk to. It is govmomi's own simulator
// (github.com/vmware/govmomi/simulator, Debian's golang-github-vmware-govmomi-dev 0.24) with
// its vAPI REST endpoints (/rest/com/vmware/cis/session ...), served over TLS on a loopback
// port with a certificate the test made, so that certificate pinning is exercised.
//
// With -vcha-standin it also answers the VCHA REST calls of vSphere 6.7 U1, which the
// simulator lacks. That part is a STAND-IN written for the tests, not VMware's behaviour:
// it follows what ../../../../shared/reference/domain-facts.md ("vCenter REST (6.7)") records:
//   POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy  body {"spec":{...}}
//        -> 200 {"value":"<task id>"}; 400 when the spec lacks active/passive/witness ha_ip
//           or still carries a <VLAB_...> placeholder; 401 without vmware-api-session-id
//   POST /rest/vcenter/vcha/cluster?action=get
//        -> 200 {"value":{config_state, mode, health_state, health_warnings, node1, node2, witness}}
//           NOTCONFIGURED before a deploy; after it, -vcha-polls answers with
//           config_state CONFIGURED and health_state DEGRADED (the passive node syncing),
//           then HEALTHY and mode ENABLED.
// Without -vcha-standin these paths answer 404, as a 6.7 GA vCenter does.
//
// With -dvs-shim it closes the simulator's Distributed Switch gaps (QueryAvailableDvsSpec,
// the switch and port-group settings it drops) and says vCenter 6.7 U1: see dvsshim.go.
//
// Build (no network, no modules): GO111MODULE=off GOPATH=/usr/share/gocode go build
// Output: the line "VLAB_VCSIM_URL=https://127.0.0.1:PORT" on stdout once it serves;
// it stops when its stdin closes (the test process went away) or on SIGTERM.
package main

import (
	"bufio"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator"
)

type vchaStandIn struct {
	mu       sync.Mutex
	deployed bool
	polls    int
	after    int
}

func (v *vchaStandIn) reply(w http.ResponseWriter, status int, value interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if value != nil {
		_ = json.NewEncoder(w).Encode(value)
	}
}

func (v *vchaStandIn) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		v.reply(w, http.StatusMethodNotAllowed, nil)
		return
	}
	if r.Header.Get("vmware-api-session-id") == "" {
		v.reply(w, http.StatusUnauthorized, map[string]interface{}{
			"type":  "com.vmware.vapi.std.errors.unauthenticated",
			"value": map[string]interface{}{"messages": []interface{}{}}})
		return
	}
	body, _ := ioutil.ReadAll(r.Body)
	v.mu.Lock()
	defer v.mu.Unlock()
	switch r.URL.Query().Get("action") {
	case "deploy":
		var req struct {
			Spec map[string]interface{} `json:"spec"`
		}
		if err := json.Unmarshal(body, &req); err != nil || req.Spec == nil {
			v.reply(w, http.StatusBadRequest, invalidArgument("the body is not {\"spec\":{...}}"))
			return
		}
		if strings.Contains(string(body), "<VLAB_") {
			v.reply(w, http.StatusBadRequest, invalidArgument("the spec still holds a placeholder"))
			return
		}
		for _, node := range []string{"active", "passive", "witness"} {
			spec, _ := req.Spec[node].(map[string]interface{})
			if _, ok := spec["ha_ip"]; !ok {
				v.reply(w, http.StatusBadRequest, invalidArgument(node+".ha_ip is missing"))
				return
			}
		}
		if v.deployed {
			v.reply(w, http.StatusBadRequest, map[string]interface{}{
				"type": "com.vmware.vapi.std.errors.already_exists", "value": map[string]interface{}{}})
			return
		}
		v.deployed = true
		v.polls = 0
		v.reply(w, http.StatusOK, map[string]interface{}{"value": "vcha-deploy-task-1"})
	case "get":
		state := map[string]interface{}{
			"config_state": "NOTCONFIGURED", "mode": "DISABLED", "health_state": "UNKNOWN",
			"health_warnings": []interface{}{}}
		if v.deployed {
			v.polls++
			state["config_state"] = "CONFIGURED"
			if v.polls <= v.after {
				state["mode"] = "ENABLED"
				state["health_state"] = "DEGRADED"
				state["health_warnings"] = []interface{}{map[string]interface{}{
					"id": "vcha.passive.sync", "default_message": "Passive node is synchronizing"}}
			} else {
				state["mode"] = "ENABLED"
				state["health_state"] = "HEALTHY"
			}
			node := func(role string) map[string]interface{} {
				return map[string]interface{}{"state": "UP", "role": role}
			}
			state["node1"] = node("ACTIVE")
			state["node2"] = node("PASSIVE")
			state["witness"] = map[string]interface{}{"state": "UP"}
		}
		v.reply(w, http.StatusOK, map[string]interface{}{"value": state})
	default:
		v.reply(w, http.StatusNotFound, nil)
	}
}

func invalidArgument(why string) map[string]interface{} {
	return map[string]interface{}{
		"type": "com.vmware.vapi.std.errors.invalid_argument",
		"value": map[string]interface{}{"messages": []interface{}{map[string]interface{}{
			"id": "vlab.standin", "default_message": why}}}}
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address:port to serve on")
	certFile := flag.String("cert", "", "PEM certificate to serve (default: the simulator's own)")
	keyFile := flag.String("key", "", "PEM key of -cert")
	vcha := flag.Bool("vcha-standin", false, "answer the VCHA REST calls (a stand-in, see the source)")
	vchaPolls := flag.Int("vcha-polls", 2, "status polls that answer DEGRADED after a deploy")
	flag.Parse()

	model := simulator.VPX()
	prepareDvsShim(model) // -dvs-shim, see dvsshim.go
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	defer model.Remove()

	model.Service.Listen = &url.URL{Host: *listen}
	model.Service.TLS = new(tls.Config)
	if *certFile != "" {
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			log.Fatal(err)
		}
		model.Service.TLS.Certificates = []tls.Certificate{cert}
	}
	model.Service.RegisterEndpoints = true
	if *vcha {
		standIn := &vchaStandIn{after: *vchaPolls}
		// Dispatched through the vAPI handler's own mux, which owns /rest/.
		model.Service.HandleFunc("/rest/vcenter/vcha/cluster", standIn.serve)
	}
	server := model.Service.NewServer()
	defer server.Close()
	installDvsShim(model, server)

	fmt.Printf("VLAB_VCSIM_URL=https://%s\n", server.URL.Host)
	os.Stdout.Sync()

	done := make(chan struct{})
	go func() {
		reader := bufio.NewReader(os.Stdin)
		for {
			if _, err := reader.ReadByte(); err != nil {
				break
			}
		}
		close(done)
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-done:
	case <-signals:
	}
}
