# shellcheck shell=bash
# Helpers shared by tools/kube/{build,up,down,*-apiserver,with-cluster}.
# Sourced, never executed.

# Bump when the way binaries are compiled changes (flags, layout), so that old
# cache entries are not mistaken for new ones.
KUBE_RECIPE=2
# up drops this file into a state dir; down deletes only dirs that have it.
# shellcheck disable=SC2034 # used by the sourcing scripts
KUBE_MARKER=.orkestra-kube-state

kube_log() { printf 'kube: %s\n' "$*" >&2; }
kube_die() {
	kube_log "error: $*"
	exit 1
}

# kube_mod_version <go.mod> <module>: the version a go.mod requires.
# Read with awk rather than `go list` so the cache fast path needs no Go at all.
kube_mod_version() {
	awk -v m="$2" '
		{ sub(/^require[ \t]+/, "") }
		$1 == m && $2 ~ /^v/ { print $2; found = 1; exit }
		END { if (!found) exit 1 }' "$1" || kube_die "$2 not required in $1"
}

# kube_need <command=debian-package>...: make sure the commands exist. As root
# on Debian they are installed with apt-get (CI images may lack openssl or
# curl); otherwise say exactly what to install.
kube_need() {
	local spec missing=() pkgs=()
	for spec in "$@"; do
		command -v "${spec%%=*}" >/dev/null 2>&1 && continue
		missing+=("${spec%%=*}")
		pkgs+=("${spec#*=}")
	done
	((${#missing[@]} == 0)) && return 0
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
		kube_log "installing ${pkgs[*]} (missing: ${missing[*]})"
		{
			DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}" ||
				{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"; }
		} >&2 || kube_die "apt-get install ${pkgs[*]} failed"
	else
		kube_die "missing ${missing[*]}; install them (Debian: apt-get install ${pkgs[*]})"
	fi
}

kube_go_directive() { awk '$1 == "go" { print $2; exit }' "$1"; }

# kube_mods_hash <go.mod dir>...: a short hash of the recipe and each dir's
# go.mod/go.sum (comment lines dropped: editing a comment must not cost a
# rebuild), so any dependency change gets a new cache entry.
kube_mods_hash() {
	local d hash
	hash=$(
		{
			printf 'recipe %s\n' "$KUBE_RECIPE"
			for d in "$@"; do
				grep -hv '^[[:space:]]*//' "$d/go.mod"
				cat "$d/go.sum"
			done
		} | sha256sum
	)
	printf '%s\n' "${hash:0:10}"
}

# kube_cache_key <tools/kube dir>: the control plane's entry (kube binaries and
# etcd): the versions, readable, and the hash of their modules.
kube_cache_key() {
	local d=$1
	printf 'k8s-%s_etcd-%s_%s\n' \
		"$(kube_mod_version "$d/go.mod" k8s.io/kubernetes)" \
		"$(kube_mod_version "$d/etcd/go.mod" go.etcd.io/etcd/server/v3)" \
		"$(kube_mods_hash "$d" "$d/etcd")"
}

# helm_cache_key <tools/kube dir>: helm's and kubeconform's own entry (issue 13:
# the chart tests never wait for the Kubernetes build, nor rebuild it).
helm_cache_key() {
	local d=$1
	printf 'helm-%s_kubeconform-%s_%s\n' \
		"$(kube_mod_version "$d/helm/go.mod" helm.sh/helm/v4)" \
		"$(kube_mod_version "$d/helm/go.mod" github.com/yannh/kubeconform)" \
		"$(kube_mods_hash "$d/helm")"
}

# kube_alive <pid>: running, zombies excluded (an exited child of this shell
# stays a zombie until reaped and would otherwise look alive).
kube_alive() {
	local stat
	[[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null || return 1
	stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
	stat=${stat##*) }
	[[ ${stat:0:1} != Z ]]
}

# kube_ours <pid> <needle>: true when pid is alive and its command line mentions
# needle (the state dir). Guards against killing an unrelated process that
# reused a pid recorded long ago.
kube_ours() {
	local cmdline
	kube_alive "$1" || return 1
	[[ -z ${2:-} ]] && return 0
	cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
	[[ $cmdline == *"$2"* ]]
}

# kube_kill_group <pid> <grace seconds> [needle] [signal]: signal (default
# TERM) the process group led by pid (every process we start is a session
# leader via setsid, so the group holds all its children), wait, then SIGKILL
# what is left.
kube_kill_group() {
	local pid=$1 grace=${2:-10} needle=${3:-} sig=${4:-TERM} i
	kube_ours "$pid" "$needle" || return 0
	kill -"$sig" -- "-$pid" 2>/dev/null || kill -"$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < grace * 10; i++)); do
		kube_alive "$pid" || break
		sleep 0.1
	done
	# The group may outlive its leader; SIGKILL it regardless (no-op if empty).
	kill -KILL -- "-$pid" 2>/dev/null || true
	kill -KILL "$pid" 2>/dev/null || true
	# Reap if it is our child, so it does not linger as a zombie.
	wait "$pid" 2>/dev/null || true
}

# kube_port_free <port>: nothing listens on 127.0.0.1:port.
kube_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# kube_free_port [exclude...]: a random free loopback port below the default
# ephemeral range (32768+), so outgoing connections cannot already hold it.
# Racy by nature; callers retry when a bind fails.
kube_free_port() {
	local p i x taken
	for ((i = 0; i < 200; i++)); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
		taken=
		for x in "$@"; do [[ $x == "$p" ]] && taken=1; done
		[[ -z $taken ]] && kube_port_free "$p" && {
			printf '%s\n' "$p"
			return 0
		}
	done
	kube_die "no free port found on 127.0.0.1"
}

# kube_env_get <env file> <KEY>
kube_env_get() { awk -F= -v k="$2" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$1"; }

# kube_env_set <env file> <KEY> <value>: replace or append, atomically.
kube_env_set() {
	local f=$1 k=$2 v=$3
	awk -F= -v k="$k" -v v="$v" '
		$1 == k { print k "=" v; done = 1; next }
		{ print }
		END { if (!done) print k "=" v }' "$f" 2>/dev/null >"$f.tmp" || true
	mv -f -- "$f.tmp" "$f"
}

# kube_tail <file>: the last 40 lines of a log, to stderr, for failure reports.
kube_tail() {
	[[ -f $1 ]] || return 0
	printf -- '----- last 40 lines of %s -----\n' "$1" >&2
	tail -n 40 -- "$1" >&2 || true
	printf -- '-----\n' >&2
}

# kube_apiserver_ready <state dir>: /readyz answers "ok" (as admin).
kube_apiserver_ready() {
	local s=$1 port
	port=$(kube_env_get "$s/env" APISERVER_PORT)
	[[ -n $port ]] || return 1
	[[ $(curl -sS --max-time 2 --cacert "$s/pki/ca.crt" --cert "$s/pki/admin.crt" --key "$s/pki/admin.key" \
		"https://127.0.0.1:$port/readyz" 2>/dev/null) == ok ]]
}

# kube_start_apiserver <state dir>: start kube-apiserver from apiserver.args,
# record its pid. Used by `up` and `start-apiserver`, so a restart is exactly
# the same command line (same port, same certs, same etcd).
kube_start_apiserver() {
	local s=$1 args pid
	mapfile -t args <"$s/apiserver.args"
	printf -- '--- start %s ---\n' "$(date -u +%FT%TZ)" >>"$s/logs/apiserver.log"
	setsid "${args[@]}" </dev/null >>"$s/logs/apiserver.log" 2>&1 &
	pid=$!
	printf '%s\n' "$pid" >"$s/pids/apiserver.pid"
	kube_env_set "$s/env" APISERVER_PID "$pid"
}

# kube_wait_apiserver <state dir> <timeout s>
kube_wait_apiserver() {
	local s=$1 timeout=$2 pid deadline=$((SECONDS + $2))
	pid=$(<"$s/pids/apiserver.pid")
	until kube_apiserver_ready "$s"; do
		if ! kube_alive "$pid"; then
			kube_log "kube-apiserver (pid $pid) exited"
			kube_tail "$s/logs/apiserver.log"
			return 1
		fi
		if ((SECONDS >= deadline)); then
			kube_log "kube-apiserver not ready after ${timeout} s"
			kube_tail "$s/logs/apiserver.log"
			return 1
		fi
		sleep 0.2
	done
}

# kube_stop_apiserver <state dir> [grace s] [signal]
kube_stop_apiserver() {
	local s=$1 pid
	[[ -f $s/pids/apiserver.pid ]] || return 0
	pid=$(<"$s/pids/apiserver.pid")
	kube_kill_group "$pid" "${2:-10}" "$s" "${3:-TERM}"
	rm -f -- "$s/pids/apiserver.pid"
}

# kube_check_state_dir <dir>: refuse paths the env file could not carry
# unquoted, so consumers can parse it as plain KEY=VALUE lines.
kube_check_state_dir() {
	[[ $1 =~ ^[A-Za-z0-9_./+@:,-]+$ ]] ||
		kube_die "state dir '$1' has characters (space, quote, \$...) the env file cannot carry"
}

# --- issue 17: the node (node-up, node-down) -------------------------------------------------

# kube_restart_controller_manager <state dir> <args file> <timeout s>: stop the
# controller-manager, start it again with the command line in <args file> (same port, same
# identity; node-up adds the workload controllers, node-down takes them away again), and wait
# for its /healthz.
kube_restart_controller_manager() {
	local s=$1 pid port i
	local -a args
	[[ -f $s/pids/controller-manager.pid ]] && kube_kill_group "$(<"$s/pids/controller-manager.pid")" 10 "$s"
	cp -- "$2" "$s/controller-manager.args"
	mapfile -t args <"$s/controller-manager.args"
	printf -- '--- start %s ---\n' "$(date -u +%FT%TZ)" >>"$s/logs/controller-manager.log"
	setsid "${args[@]}" </dev/null >>"$s/logs/controller-manager.log" 2>&1 &
	pid=$!
	printf '%s\n' "$pid" >"$s/pids/controller-manager.pid"
	kube_env_set "$s/env" CONTROLLER_MANAGER_PID "$pid"
	port=$(kube_env_get "$s/env" CONTROLLER_MANAGER_PORT)
	for ((i = 0; i < $3 * 5; i++)); do
		[[ $(curl -sk --max-time 1 "https://127.0.0.1:$port/healthz" 2>/dev/null) == ok ]] && return 0
		kube_alive "$pid" || break
		sleep 0.2
	done
	kube_log "kube-controller-manager did not come back"
	kube_tail "$s/logs/controller-manager.log"
	return 1
}
