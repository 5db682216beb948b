// vlab-vcsim: the vCenter simulator the vCenter tests talk to. It is govmomi's own simulator
// (github.com/vmware/govmomi/simulator, Debian's golang-github-vmware-govmomi-dev 0.24) with
// its vAPI REST endpoints (/rest/com/vmware/cis/session ...), served over TLS on a loopback
// port with a certificate the test made, so that certificate pinning is exercised.
//
// With -vcha-standin it also answers the VCHA REST calls of vSphere 6.7 U1, which the
// simulator lacks: a STAND-IN (vcha.go) that checks the bodies against the vSphere Automation
// SDK's type definitions and the identifiers against this simulator's inventory. Its sources
// are named in vcha.go. Without -vcha-standin these paths answer 404, as a 6.7 GA vCenter does.
//
// GET /vlab/logins tells how many vAPI and SOAP sessions were opened and closed (logins.go).
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
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address:port to serve on")
	certFile := flag.String("cert", "", "PEM certificate to serve (default: the simulator's own)")
	keyFile := flag.String("key", "", "PEM key of -cert")
	vcha := flag.Bool("vcha-standin", false, "answer the VCHA REST calls (a stand-in, see the source)")
	vchaPolls := flag.Int("vcha-polls", 2, "status polls that answer DEGRADED after a deploy")
	starting := flag.Bool("starting", false, "answer 503 to logins and SOAP calls, as a vCenter still starting (see logins.go)")
	login := flag.String("login", "", "USER:PASSWORD the only login accepted (default: any user with a password)")
	flag.Parse()

	model := simulator.VPX()
	prepareDvsShim(model) // -dvs-shim, see dvsshim.go
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	defer model.Remove()

	model.Service.Listen = &url.URL{Host: *listen}
	if *login != "" {
		// SessionManager.Login then refuses every other user or password (InvalidLogin); the
		// vAPI session is refused alike by the login counter (logins.go).
		user, password, _ := strings.Cut(*login, ":")
		model.Service.Listen.User = url.UserPassword(user, password)
		logins.only = model.Service.Listen.User
	}
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
	logins.starting = *starting
	installLoginCounter(model, server, !*dvsShimEnabled) // GET /vlab/logins, see logins.go
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
