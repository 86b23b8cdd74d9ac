#!/bin/bash
# Install Debian's newest 6.12 kernel from bookworm-backports (image and the
# exactly matching headers) for the "6.12" test lane.
#
# usage: tests/kernels/get-6.12.sh [--print] [--upgrade]
#   (none)     install if no 6.12 kernel is installed; quiet otherwise
#   --upgrade  also look for a newer 6.12 than the installed one
#   --print    then print KERNEL KVER MODDIR KBUILD as shell assignments
#              (the newest installed 6.12 with headers)
#
# Adds bookworm-backports to apt's sources if no enabled source has it
# (/etc/apt/sources.list.d/pfring-bookworm-backports.sources, same mirror
# as the machine's bookworm entry).  Works without stdin (CI), as root.
# Note: on a machine that boots through GRUB, installing a newer kernel
# makes it GRUB's default entry, as any kernel package does.
set -euo pipefail

PRINT=0
UPGRADE=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--print) PRINT=1 ;;
	--upgrade) UPGRADE=1 ;;
	-h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "get-6.12.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

msg() { printf 'get-6.12: %s\n' "$*" >&2; }
die() {
	msg "error: $*"
	exit 1
}

export DEBIAN_FRONTEND=noninteractive
SUDO=()
if [[ $EUID != 0 ]]; then
	SUDO=(sudo -n)
fi
APT_OPTS=(-o DPkg::Lock::Timeout=900)
SOURCES_FILE=/etc/apt/sources.list.d/pfring-bookworm-backports.sources
# Generic amd64 flavour only (not cloud-amd64, rt-amd64): 6.12.N+bpo-amd64
# or 6.12.N+deb12-amd64.
ABI_RE='6\.12\.[0-9]+\+[a-z0-9.]+-amd64'

# Installed 6.12 kernel releases ("6.12.12+bpo-amd64") that have headers,
# newest first.
installed_kvers() {
	local img kver
	for img in /boot/vmlinuz-6.12.*-amd64; do
		[[ -f $img ]] || continue
		kver=${img#/boot/vmlinuz-}
		[[ $kver =~ ^$ABI_RE$ ]] || continue
		[[ -f /lib/modules/$kver/modules.dep && -e /lib/modules/$kver/build/Makefile ]] ||
			continue
		echo "$kver"
	done | sort -rV
}

# Print "TYPE URI SUITE SIGNED-BY" for each enabled apt source (one-line
# .list and deb822 .sources formats).
apt_sources() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f $f ]] || continue
		awk '$1 == "deb" {
			line = $0; sb = "-"
			if (match(line, /\[[^]]*\]/)) {
				opts = substr(line, RSTART, RLENGTH)
				line = substr(line, 1, RSTART - 1) substr(line, RSTART + RLENGTH)
				if (match(opts, /signed-by=[^] \t]+/))
					sb = substr(opts, RSTART + 10, RLENGTH - 10)
			}
			split(line, w, /[ \t]+/)
			print "deb", w[2], w[3], sb
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -f $f ]] || continue
		awk 'function flush() {
			if (types ~ /(^| )deb( |$)/ && enabled != "no") {
				n = split(uris, u, " "); m = split(suites, s, " ")
				for (i = 1; i <= n; i++)
					for (j = 1; j <= m; j++)
						print "deb", u[i], s[j], (sb == "" ? "-" : sb)
			}
			types = uris = suites = sb = enabled = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		{
			key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
			if (key == "types") types = $0
			else if (key == "uris") uris = $0
			else if (key == "suites") suites = $0
			else if (key == "signed-by") sb = $0
			else if (key == "enabled") enabled = tolower($0)
		}
		END { flush() }' "$f"
	done
}

ensure_backports() {
	local sources uri sb
	sources=$(apt_sources)
	if awk '$3 == "bookworm-backports" { found = 1 } END { exit !found }' <<<"$sources"; then
		return 1 # already there
	fi
	read -r _ uri _ sb < <(awk '$3 == "bookworm"' <<<"$sources") ||
		die "no enabled bookworm entry in /etc/apt/sources.list{,.d/} to copy the mirror from"
	msg "adding bookworm-backports ($uri) in $SOURCES_FILE"
	{
		echo "# Added by tests/kernels/get-6.12.sh (PF_RING tests: Debian's 6.12 kernel)."
		echo "Types: deb"
		echo "URIs: $uri"
		echo "Suites: bookworm-backports"
		echo "Components: main"
		if [[ $sb != - ]]; then
			echo "Signed-By: $sb"
		fi
	} | "${SUDO[@]}" tee "$SOURCES_FILE.tmp" >/dev/null
	"${SUDO[@]}" mv -f "$SOURCES_FILE.tmp" "$SOURCES_FILE"
	return 0
}

# Run apt-get quietly; show its output only when it fails.
apt_get() {
	local log rc=0
	log=$(mktemp)
	"${SUDO[@]}" apt-get "${APT_OPTS[@]}" "$@" </dev/null >"$log" 2>&1 || rc=$?
	if ((rc)); then
		tail -n 30 "$log" >&2
		rm -f "$log"
		die "apt-get $* failed (status $rc)"
	fi
	rm -f "$log"
}

apt_update() {
	msg "apt-get update"
	apt_get update -qq
}

# Newest available 6.12 image package name (signed variant preferred).
newest_image_pkg() {
	apt-cache pkgnames linux-image-6.12 2>/dev/null |
		grep -E "^linux-image-$ABI_RE(-unsigned)?\$" |
		sort -V | awk '
			{ base = $0; sub(/-unsigned$/, "", base); have[$0] = 1; order[++n] = base }
			END {
				if (!n) exit 1
				best = order[n]
				print (best in have) ? best : best "-unsigned"
			}'
}

install_newest() {
	local pkg abi ver hdr opts
	pkg=$(newest_image_pkg) || return 1
	abi=${pkg#linux-image-}
	abi=${abi%-unsigned}
	ver=$(apt-cache policy "$pkg" | awk '/Candidate:/ { print $2 }')
	[[ -n $ver && $ver != "(none)" ]] || return 1
	hdr=linux-headers-$abi
	# The headers come from the same source package as the image: same version.
	apt-cache show "$hdr=$ver" >/dev/null 2>&1 ||
		die "no $hdr version $ver matching $pkg $ver"
	if [[ -f /boot/vmlinuz-$abi && -e /lib/modules/$abi/build/Makefile ]]; then
		return 0
	fi
	msg "installing $pkg=$ver $hdr=$ver"
	opts=(-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
		-y -qq --no-install-recommends)
	apt_get "${opts[@]}" install "$pkg=$ver" "$hdr=$ver"
}

if [[ $UPGRADE == 1 || -z $(installed_kvers) ]]; then
	[[ $EUID == 0 ]] || command -v sudo >/dev/null || die "must run as root (or have sudo)"
	updated=0
	if ensure_backports; then
		apt_update
		updated=1
	fi
	if ! newest_image_pkg >/dev/null; then
		((updated)) || apt_update
		updated=1
	fi
	if ! install_newest; then
		# Stale lists (404s) or no 6.12 in them yet: refresh once and retry.
		((updated)) && die "no linux-image-6.12.*-amd64 in bookworm-backports"
		apt_update
		install_newest || die "no linux-image-6.12.*-amd64 in bookworm-backports"
	fi
fi

kver=$(installed_kvers | head -n 1)
[[ -n $kver ]] || die "no 6.12 kernel with headers installed after all"
if [[ $PRINT == 1 ]]; then
	printf "KERNEL='%s'\n" "/boot/vmlinuz-$kver"
	printf "KVER='%s'\n" "$kver"
	printf "MODDIR='%s'\n" "/lib/modules/$kver"
	printf "KBUILD='%s'\n" "$(readlink -f "/lib/modules/$kver/build")"
fi
