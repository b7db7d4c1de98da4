// CoreDNS with the plugins the e2e node's Corefile names and nothing else: coredns.go in the
// CoreDNS module imports every plugin (cloud DNS providers, etcd, ...), which would pull their
// SDKs into the build. The plugins register themselves in init(); coremain is CoreDNS's main.
package main

import (
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

func main() { coremain.Run() }
