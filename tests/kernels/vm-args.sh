#!/bin/bash
# Print the tests/vm/run options of a test-kernel profile, for
#     tests/vm/run $(tests/kernels/vm-args.sh PROFILE) [more options] -- CMD
# PROFILE: stock, 6.12 or debug (see tests/kernels/build-module.sh, which
# must have built build/kmod/PROFILE/kernel/pf_ring.ko first).
# Nothing is built or installed here.  If the kernel or the module is
# missing, the reason goes to stderr, the exit status is 1, and the output
# is an option tests/vm/run rejects, so an unchecked $(...) fails the run
# instead of silently booting the default kernel.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
REPO=$(cd "$HERE/../.." && pwd -P)

fail() {
	printf 'vm-args: %s\n' "$*" >&2
	echo "--vm-args-failed"
	exit 1
}

[[ $# == 1 ]] || fail "usage: tests/kernels/vm-args.sh stock|6.12|debug"
PROFILE=$1
KERNEL="" MODDIR=""
extra=()
case $PROFILE in
stock)
	conf=$("$REPO/tests/vm/run" --print-config 2>&1) || fail "$conf"
	;;
6.12)
	# No 6.12 installed: get-6.12.sh would install it; we only look.
	compgen -G '/boot/vmlinuz-6.12.*' >/dev/null ||
		fail "no 6.12 kernel installed (run tests/kernels/get-6.12.sh)"
	conf=$("$HERE/get-6.12.sh" --print 2>&1) || fail "$conf"
	;;
debug)
	conf=$("$HERE/build-debug.sh" --print --cached 2>&1) || fail "$conf"
	# KASAN, lockdep and kmemleak make the guest several times slower.
	# acpi=noirq: the AML interpreter is so slow that QEMU's _PRT method
	# (a 128-step loop) hits ACPICA's 30 s loop timeout, twice per boot;
	# virtio uses MSI-X, so ACPI interrupt routing is not needed.
	extra=(--timeout 900 --append acpi=noirq)
	;;
*) fail "unknown profile '$PROFILE' (stock, 6.12 or debug)" ;;
esac
KERNEL=$(sed -n "s/^KERNEL='\(.*\)'$/\1/p" <<<"$conf")
MODDIR=$(sed -n "s/^MODDIR='\(.*\)'$/\1/p" <<<"$conf")
[[ -n $KERNEL && -n $MODDIR ]] || fail "cannot find the $PROFILE kernel: $conf"

MODULE=$REPO/build/kmod/$PROFILE/kernel/pf_ring.ko
[[ -f $MODULE ]] || fail "$MODULE missing (run tests/kernels/build-module.sh $PROFILE)"
for p in "$KERNEL" "$MODDIR" "$MODULE"; do
	[[ $p != *[[:space:]]* ]] || fail "path with white space: '$p'"
done
echo --kernel "$KERNEL" --modules-dir "$MODDIR" --module "$MODULE" "${extra[@]}"
