# shellcheck shell=bash
# Helpers shared by tools/registry/{build,up,down,start,stop}. Sourced, never
# executed. The process and port helpers are tools/kube's (kube_*); this file
# only adds what is particular to the registry.
# shellcheck source=../kube/lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../kube/lib.sh"

# Bump when the way binaries are compiled changes (flags, layout).
REGISTRY_RECIPE=1
# up drops this file into a state dir; down deletes only dirs that have it.
# shellcheck disable=SC2034 # used by the sourcing scripts
REGISTRY_MARKER=.orkestra-registry-state

registry_log() { printf 'registry: %s\n' "$*" >&2; }
registry_die() {
	registry_log "error: $*"
	exit 1
}

# registry_cache_key <tools/registry dir>: the versions, readable, plus a
# short hash of both go.mod/go.sum pairs (comments dropped), the helper's
# source and the recipe.
registry_cache_key() {
	local d=$1 hash
	hash=$(
		{
			printf 'recipe %s\n' "$REGISTRY_RECIPE"
			grep -hv '^[[:space:]]*//' "$d/distribution/go.mod" "$d/oras/go.mod"
			cat "$d/distribution/go.sum" "$d/oras/go.sum" "$d/distribution/htpasswd/main.go"
		} | sha256sum
	)
	printf 'registry-%s_oras-%s_%s\n' \
		"$(kube_mod_version "$d/distribution/go.mod" github.com/distribution/distribution/v3)" \
		"$(kube_mod_version "$d/oras/go.mod" oras.land/oras)" \
		"${hash:0:10}"
}

# registry_ready <state dir>: /v2/ answers over TLS (401 without credentials
# is an answer: auth is on).
registry_ready() {
	local s=$1 host code
	host=$(kube_env_get "$s/env" REGISTRY_HOST)
	[[ -n $host ]] || return 1
	code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$s/pki/ca.crt" "https://$host/v2/" 2>/dev/null) || return 1
	[[ $code == 401 || $code == 200 ]]
}

# registry_start <state dir>: start the registry from its config, record its
# pid. Used by up and start, so a restart is exactly the same command line.
registry_start() {
	local s=$1 bin pid
	bin=$(kube_env_get "$s/env" REGISTRY_BIN_DIR)
	printf -- '--- start %s ---\n' "$(date -u +%FT%TZ)" >>"$s/logs/registry.log"
	# OTEL_TRACES_EXPORTER=none: v3 sets up tracing at start and would
	# otherwise try an OTLP endpoint on every span.
	OTEL_TRACES_EXPORTER=none setsid "$bin/registry" serve "$s/config.yml" </dev/null >>"$s/logs/registry.log" 2>&1 &
	pid=$!
	printf '%s\n' "$pid" >"$s/pids/registry.pid"
	kube_env_set "$s/env" REGISTRY_PID "$pid"
}

# registry_wait <state dir> <timeout s>
registry_wait() {
	local s=$1 deadline=$((SECONDS + $2)) pid
	pid=$(<"$s/pids/registry.pid")
	until registry_ready "$s"; do
		if ! kube_alive "$pid"; then
			registry_log "registry (pid $pid) exited"
			kube_tail "$s/logs/registry.log"
			return 1
		fi
		if ((SECONDS >= deadline)); then
			registry_log "registry not ready after $2 s"
			kube_tail "$s/logs/registry.log"
			return 1
		fi
		sleep 0.1
	done
}

# registry_stop <state dir> [grace s]
registry_stop() {
	local s=$1 pid
	[[ -f $s/pids/registry.pid ]] || return 0
	pid=$(<"$s/pids/registry.pid")
	kube_kill_group "$pid" "${2:-10}" "$s"
	rm -f -- "$s/pids/registry.pid"
}
