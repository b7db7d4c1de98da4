# shellcheck shell=bash
# Helpers shared by tools/kube/{build-node,node-up,node-down,load-images}. Sourced after lib.sh,
# never executed.

# Bump when the way node binaries are compiled changes (flags, layout).
NODE_RECIPE=1
# The node's name in every cluster: one node per cluster.
# shellcheck disable=SC2034 # used by the sourcing scripts
NODE_NAME=orkestra-node
# The API server as the node's processes and pods reach it: a relay inside the node's network
# namespace listens here (see node-init).
# shellcheck disable=SC2034 # used by the sourcing scripts
NODE_APISERVER_PORT=6443

node_cache_root() { printf '%s\n' "${ORK_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orkestra/node}"; }

# node_cache_key <tools/kube dir>: versions, readable, plus a short hash of the node modules and
# CoreDNS's main.go (comment lines dropped, as kube_cache_key does).
node_cache_key() {
	local d=$1 hash
	hash=$(
		{
			printf 'recipe %s\n' "$NODE_RECIPE"
			grep -hv '^[[:space:]]*//' "$d/node/go.mod" "$d/node/coredns/go.mod" "$d/node/coredns/main.go"
			cat "$d/node/go.sum" "$d/node/coredns/go.sum"
		} | sha256sum
	)
	printf 'k8s-%s_coredns-%s_%s\n' \
		"$(kube_mod_version "$d/node/go.mod" k8s.io/kubernetes)" \
		"$(kube_mod_version "$d/node/coredns/go.mod" github.com/coredns/coredns)" \
		"${hash:0:10}"
}

# node_cert <pki dir> <out prefix> <subject>: an ECDSA client certificate signed by the cluster CA,
# with a random serial (no shared serial file, so several can be made at once).
node_cert() {
	local pki=$1 out=$2
	printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >"$out.ext"
	if ! {
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out.key" 2>/dev/null &&
			openssl req -new -key "$out.key" -subj "$3" -out "$out.csr" 2>/dev/null &&
			openssl x509 -req -in "$out.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
				-sha256 -days 3650 -extfile "$out.ext" -out "$out.crt" 2>/dev/null
	}; then
		kube_die "openssl failed making $out.crt"
	fi
	rm -f -- "$out.csr" "$out.ext"
	chmod 600 "$out.key"
}

# node_kubeconfig <file> <ca.crt> <cert prefix> <server URL>: self-contained kubeconfig.
node_kubeconfig() {
	cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: orkestra-e2e
  cluster:
    server: $4
    certificate-authority-data: $(base64 -w0 "$2")
users:
- name: node
  user:
    client-certificate-data: $(base64 -w0 "$3.crt")
    client-key-data: $(base64 -w0 "$3.key")
contexts:
- name: orkestra-e2e
  context:
    cluster: orkestra-e2e
    user: node
current-context: orkestra-e2e
EOF
	chmod 600 "$1"
}

# node_cgroup_hierarchies: the mount points of this machine's cgroup hierarchies: the kubelet
# and runc create the node's cgroups in each v1 hierarchy, and runc mirrors them in the hybrid
# layout's cgroup2 (/sys/fs/cgroup/unified).
node_cgroup_hierarchies() { awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' /proc/self/mounts; }

# node_remove_cgroups <cgroup root>: removes the node's cgroups, deepest first, in every
# hierarchy. A cgroup whose last process is still exiting is busy for a moment: retry for 10 s.
node_remove_cgroups() {
	local root=$1 h i left
	[[ $root == /orkestra-node-* ]] || return 0
	for ((i = 0; i < 100; i++)); do
		left=
		while read -r h; do
			[[ -d $h$root ]] || continue
			find "$h$root" -depth -type d -exec rmdir {} + 2>/dev/null || true
			[[ -d $h$root ]] && left=1
		done < <(node_cgroup_hierarchies)
		[[ -z $left ]] && return 0
		sleep 0.1
	done
	kube_log "cgroups under $root still busy after 10 s"
	return 1
}
