#!/bin/bash
# Build pf_ring.ko for one test kernel without touching the in-tree build:
# kernel/ and include/linux/ are mirrored into build/kmod/PROFILE/ (kbuild
# writes objects next to the sources) and built there with M= and W=1.
#
# usage: tests/kernels/build-module.sh [--print-kbuild] PROFILE
#   PROFILE  stock  Debian's 6.1 (the kernel tests/vm/run boots by default)
#            6.12   Debian's 6.12 (installed by tests/kernels/get-6.12.sh)
#            debug  the debug 6.1 kernel (built by tests/kernels/build-debug.sh)
# Prints the path of the .ko on stdout; the compiler's output (warnings
# included) goes to stderr and to build/kmod/PROFILE/build.log.
# --print-kbuild: print the kernel build tree used and exit.
# Getting the kernel may install the 6.12 packages or build the debug kernel.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
REPO=$(cd "$HERE/../.." && pwd -P)

PRINT_KBUILD=0
if [[ ${1:-} == --print-kbuild ]]; then
	PRINT_KBUILD=1
	shift
fi
[[ $# == 1 ]] || { sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
PROFILE=$1

msg() { printf 'build-module: %s\n' "$*" >&2; }
die() {
	msg "error: $*"
	exit 1
}

# kbuild_dir PROFILE: the kernel build tree to build against.
kbuild_dir() {
	local KBUILD=
	case $1 in
	stock) eval "$("$REPO/tests/vm/run" --print-config)" ;;
	6.12) eval "$("$HERE/get-6.12.sh" --print)" ;;
	debug) eval "$("$HERE/build-debug.sh" --print)" ;;
	*) die "unknown profile '$1' (stock, 6.12 or debug)" ;;
	esac
	[[ -n $KBUILD && -f $KBUILD/Makefile ]] ||
		die "no kernel build tree for profile $1 (got '$KBUILD')"
	echo "$KBUILD"
}

KBUILD=$(kbuild_dir "$PROFILE")
if [[ $PRINT_KBUILD == 1 ]]; then
	echo "$KBUILD"
	exit 0
fi

OUT=$REPO/build/kmod/$PROFILE
mkdir -p "$OUT/kernel" "$OUT/include/linux"
# Sources only; build outputs in kernel/ are not copied, the copy's own
# outputs are kept (excluded from --delete) so rebuilds are incremental.
rsync -a --delete --include='*.c' --include='*.h' --include='*.S' \
	--include=Kbuild --include=Makefile --exclude='*' \
	"$REPO/kernel/" "$OUT/kernel/"
rsync -a --delete --include='*.h' --exclude='*' \
	"$REPO/include/linux/" "$OUT/include/linux/"

# The caller's make settings (from a parent make, or W=/C= in the
# environment) must not leak into the kernel's build.
unset MAKEFLAGS MFLAGS MAKELEVEL ARCH CROSS_COMPILE KBUILD_OUTPUT O M W C V
log=$OUT/build.log
msg "building pf_ring.ko for $PROFILE against $KBUILD"
rc=0
make -C "$KBUILD" M="$OUT/kernel" W=1 -j2 modules >"$log" 2>&1 || rc=$?
grep -vE '^make(\[[0-9]+\])?: (Entering|Leaving) directory' "$log" >&2 || true
if ((rc)); then
	die "build failed for $PROFILE (status $rc; log: ${log#"$REPO"/})"
fi
ko=$OUT/kernel/pf_ring.ko
[[ -f $ko ]] || die "make succeeded but $ko is missing"
if grep -qE 'warning:' "$log"; then
	msg "$(grep -cE 'warning:' "$log") compiler warning(s) for $PROFILE (log: ${log#"$REPO"/})"
fi
echo "$ko"
