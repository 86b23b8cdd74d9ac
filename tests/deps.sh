#!/bin/bash
# Install what building and testing the project needs (Debian 12).
# Idempotent and quiet when everything is present; works without stdin and
# with DEBIAN_FRONTEND=noninteractive (CI).
set -euo pipefail

PACKAGES=(
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	qemu-system-x86 busybox-static cpio xz-utils kmod
	build-essential pkg-config sparse libpcap-dev check
	tcpdump iproute2 ethtool iputils-ping
	gnuplot-nox	# make bench's chart
	# the debug kernel (tests/kernels/build-debug.sh) and per-kernel
	# module builds (tests/kernels/build-module.sh)
	bc bison flex libelf-dev libssl-dev zstd rsync
)

export DEBIAN_FRONTEND=noninteractive
SUDO=()
if [[ $EUID != 0 ]]; then
	command -v sudo >/dev/null || {
		echo "deps.sh: must run as root (or have sudo)" >&2
		exit 1
	}
	SUDO=(sudo -n)
fi

installed() {
	[[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

updated=0
apt_update() {
	[[ $updated == 0 ]] || return 0
	"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq </dev/null >/dev/null
	updated=1
}

apt_install() {
	local opts=(-o DPkg::Lock::Timeout=900 -o Dpkg::Options::=--force-confdef
		-o Dpkg::Options::=--force-confold -y -qq --no-install-recommends)
	echo "deps.sh: installing $*" >&2
	# Package lists missing (fresh machine): update first.
	if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
		apt_update
	fi
	if ! "${SUDO[@]}" apt-get "${opts[@]}" install "$@" </dev/null >/dev/null; then
		# Stale lists (404s) or unknown package: update once and retry.
		apt_update
		"${SUDO[@]}" apt-get "${opts[@]}" install "$@" </dev/null >/dev/null
	fi
}

missing=()
for p in "${PACKAGES[@]}"; do
	installed "$p" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
	apt_install "${missing[@]}"
fi

# The VM harness boots the newest /boot/vmlinuz-6.1.*; modules for it are
# built against its own headers package, which the linux-headers-amd64
# metapackage only guarantees for the version it currently points to.
kernel=$(find /boot -maxdepth 1 -name 'vmlinuz-6.1.*' -print | sort -V | tail -n 1)
if [[ -z $kernel ]]; then
	echo "deps.sh: no /boot/vmlinuz-6.1.* after installing linux-image-amd64" >&2
	exit 1
fi
kver=${kernel#/boot/vmlinuz-}
if ! installed "linux-headers-$kver" || [[ ! -e /lib/modules/$kver/build ]]; then
	apt_install "linux-headers-$kver"
fi
if [[ ! -f /lib/modules/$kver/modules.dep ]]; then
	echo "deps.sh: /lib/modules/$kver/modules.dep missing (broken linux-image-$kver?)" >&2
	exit 1
fi
