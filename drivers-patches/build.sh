#!/bin/bash
# Build a PF_RING-aware driver module: the stock driver from Debian's
# linux-source-6.1 with drivers-patches/DRIVER.patch applied, built out of
# tree against the headers of the target kernel.  See drivers-patches/README.
#
# usage: drivers-patches/build.sh DRIVER [KVER | --kbuild DIR]
#   DRIVER        virtio_net or e1000e
#   (nothing)     the kernel the test VM boots (tests/vm/run --print-config)
#   KVER          the kernel whose build tree is /lib/modules/KVER/build
#   --kbuild DIR  another kernel build tree (e.g. the debug kernel's KBUILD
#                 from tests/kernels/build-debug.sh --print)
# Prints the path of the built module on stdout: build/drivers/DRIVER/DRIVER.ko
# for the VM's kernel, build/drivers/<release>/DRIVER/DRIVER.ko for another;
# progress and the kernel build's output go to stderr.  Nothing is rebuilt
# when the module is newer than the patch, the hook header and this script
# and was built for the same tree and the same pf_ring_hook symbols.
# Needs pf_ring_hook.ko and Module.symvers built for the target kernel:
# kernel/ (make module) or build/kmod/PROFILE/kernel/
# (tests/kernels/build-module.sh PROFILE).
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
REPO=$(cd "$HERE/.." && pwd -P)
TARBALL=/usr/src/linux-source-6.1.tar.xz
SRCPKG=linux-source-6.1
TOP=linux-source-6.1 # directory at the top of the tarball
HEADER=$REPO/include/linux/pf_ring_driver.h

msg() { printf 'build-driver: %s\n' "$*" >&2; }
die() {
	msg "error: $*"
	exit 1
}
usage() { sed -n '5,11p' "$SELF" | sed 's/^# \{0,1\}//' >&2; }

# The kernel's make must not see a calling make's or kbuild's settings.
unset ARCH CROSS_COMPILE LOCALVERSION KBUILD_OUTPUT KCONFIG_CONFIG O M W C V \
	MAKEFLAGS MFLAGS MAKELEVEL KBUILD_EXTMOD INSTALL_MOD_PATH

DRIVER=
KBUILD=
case ${1:-} in
-h | --help) usage; exit 0 ;;
"") usage; die "which driver? (virtio_net or e1000e)" ;;
esac
DRIVER=$1
shift
case $# in
0) ;;
1)
	case $1 in
	--kbuild) die "--kbuild needs a directory" ;;
	-*) die "unknown option: $1" ;;
	*) KBUILD=/lib/modules/$1/build ;;
	esac
	;;
2)
	[[ $1 == --kbuild ]] || { usage; die "unexpected arguments: $*"; }
	KBUILD=$2
	;;
*) usage; die "too many arguments" ;;
esac

# Per driver: the files to take from the tarball (relative to its top), the
# directory of the driver's sources, and the objects of the module.
case $DRIVER in
virtio_net)
	MEMBERS=(drivers/net/virtio_net.c)
	SRCDIR=drivers/net
	;;
e1000e)
	MEMBERS=(drivers/net/ethernet/intel/e1000e)
	SRCDIR=drivers/net/ethernet/intel/e1000e
	;;
*) die "unknown driver '$DRIVER' (virtio_net or e1000e)" ;;
esac
PATCH=$HERE/$DRIVER.patch

[[ -r $PATCH ]] || die "$PATCH missing"
[[ -r $TARBALL ]] || die "$TARBALL missing: install $SRCPKG (tests/deps.sh or apt-get install $SRCPKG)"
[[ -r $HEADER ]] || die "${HEADER#"$REPO"/} missing"

# ---------------------------------------------------------------- target
# The VM's kernel: the default target, and the one whose modules go to
# build/drivers/DRIVER/ (drivers-patches/README).
VM_KBUILD=
if conf=$("$REPO/tests/vm/run" --print-config); then
	VM_KBUILD=$(
		eval "$conf"
		printf '%s' "$KBUILD"
	)
	VM_KBUILD=$(readlink -f "$VM_KBUILD" || echo "$VM_KBUILD")
elif [[ -z $KBUILD ]]; then
	die "tests/vm/run --print-config failed (above); give KVER or --kbuild DIR"
fi
[[ -n $KBUILD ]] || KBUILD=$VM_KBUILD
[[ -d $KBUILD ]] || die "no kernel build tree at $KBUILD (install linux-headers for that kernel)"
KBUILD=$(readlink -f "$KBUILD")
UTS=$KBUILD/include/generated/utsrelease.h
[[ -f $KBUILD/Module.symvers && -f $UTS ]] ||
	die "$KBUILD is not a prepared kernel build tree (no Module.symvers or include/generated/utsrelease.h)"
# The release the modules' vermagic names (Debian's headers have the
# upstream version in include/config/kernel.release, the ABI name here).
KREL=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$UTS")
[[ -n $KREL ]] || die "cannot read UTS_RELEASE from $UTS"

# pf_ring_hook.ko and its Module.symvers, built for this kernel: the symbol
# versions the driver records must match what pf_ring_hook.ko exports.
# kernel/ (make module) or, for another kernel, build/kmod/PROFILE/kernel/
# (tests/kernels/build-module.sh PROFILE).
ko_release() { modinfo -F vermagic "$1" 2>/dev/null | awk '{ print $1; exit }'; }
HOOKDIR=
for d in "$REPO/kernel" "$REPO"/build/kmod/*/kernel; do
	[[ -f $d/pf_ring_hook.ko && -s $d/Module.symvers ]] || continue
	if [[ $(ko_release "$d/pf_ring_hook.ko") == "$KREL" ]]; then
		HOOKDIR=$d
		break
	fi
done
if [[ -z $HOOKDIR ]]; then
	if [[ ! -f $REPO/kernel/pf_ring_hook.ko || ! -s $REPO/kernel/Module.symvers ]]; then
		die "kernel/pf_ring_hook.ko or kernel/Module.symvers missing: run make module first"
	fi
	die "kernel/pf_ring_hook.ko is built for $(ko_release "$REPO/kernel/pf_ring_hook.ko"), not $KREL: run make module first (make KDIR=$KBUILD module, or tests/kernels/build-module.sh PROFILE for a test kernel)"
fi
SYMVERS=$HOOKDIR/Module.symvers
grep -q 'pf_ring_hook' "$SYMVERS" ||
	die "${SYMVERS#"$REPO"/} has no pf_ring_hook symbols: run make module first"
[[ $HOOKDIR == "$REPO/kernel" ]] || msg "using ${HOOKDIR#"$REPO"/}/pf_ring_hook.ko (built for $KREL)"

# Does the source match the kernel?  A warning only: the drivers rarely change
# within a stable series, and the patch is checked when it is applied.
src_ver=$(dpkg-query -W -f='${Version}' "$SRCPKG" 2>/dev/null) || src_ver=
if [[ -z $src_ver ]]; then
	msg "warning: cannot read the version of package $SRCPKG"
elif hdr_ver=$(dpkg-query -W -f='${Version}' "linux-headers-$KREL" 2>/dev/null) &&
	[[ -n $hdr_ver ]]; then
	if [[ $hdr_ver != "$src_ver" ]]; then
		msg "warning: $SRCPKG is $src_ver but linux-headers-$KREL is $hdr_ver: the driver source does not match the kernel"
	fi
else
	# Not a packaged kernel (e.g. the debug kernel built from the same
	# source): compare the upstream version with the release string.
	up=${src_ver%%-*}
	up=${up%%+*}
	if [[ $KREL != "$up" && $KREL != "$up"[-+.]* ]]; then
		msg "warning: $SRCPKG is $src_ver but the kernel in $KBUILD is $KREL: the driver source may not match the kernel"
	fi
fi

# ---------------------------------------------------------------- up to date?
# The VM's kernel: build/drivers/DRIVER/; another: build/drivers/KREL/DRIVER/.
if [[ $KBUILD == "$VM_KBUILD" ]]; then
	OUT=$REPO/build/drivers/$DRIVER
else
	OUT=$REPO/build/drivers/$KREL/$DRIVER
fi
KO=$OUT/$DRIVER.ko
STAMP=$OUT/.build-stamp
mkdir -p "$REPO/build/drivers"
exec 9>"$REPO/build/drivers/.$DRIVER.lock" # one build of DRIVER at a time
if ! flock -n 9; then
	msg "waiting for another build of $DRIVER"
	flock 9
fi

stamp=$(
	echo "kbuild $KBUILD $KREL"
	echo "hook $HOOKDIR"
	echo "source $src_ver"
	grep 'pf_ring_hook' "$SYMVERS" | LC_ALL=C sort
)
if [[ -f $KO && $KO -nt $PATCH && $KO -nt $HEADER && $KO -nt $SELF &&
	-f $STAMP && "$(<"$STAMP")" == "$stamp" ]]; then
	msg "$DRIVER is up to date"
	echo "$KO"
	exit 0
fi

# ---------------------------------------------------------------- extract, patch
tmp=$(mktemp -d "$REPO/build/drivers/.$DRIVER.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
msg "extracting ${MEMBERS[*]} from $TARBALL"
tar -xJf "$TARBALL" -C "$tmp" "${MEMBERS[@]/#/$TOP/}" ||
	die "cannot extract ${MEMBERS[*]} from $TARBALL"
msg "applying ${PATCH#"$REPO"/}"
if ! out=$(patch -p1 -d "$tmp/$TOP" --batch --forward --no-backup-if-mismatch <"$PATCH" 2>&1); then
	printf '%s\n' "$out" >&2
	die "${PATCH#"$REPO"/} does not apply to $SRCPKG $src_ver"
fi
if grep -q 'with fuzz' <<<"$out"; then
	printf '%s\n' "$out" >&2
	msg "warning: ${PATCH#"$REPO"/} applied with fuzz; check the hook's place and refresh the patch"
fi

rm -rf "$OUT"
mkdir -p "$OUT"
case $DRIVER in
virtio_net)
	cp "$tmp/$TOP/$SRCDIR/virtio_net.c" "$OUT/"
	echo "obj-m := virtio_net.o" >"$OUT/Kbuild"
	;;
e1000e)
	cp "$tmp/$TOP/$SRCDIR"/*.[ch] "$OUT/"
	# The objects of e1000e.o, from the driver's own Makefile
	# ("e1000e-objs := a.o \ b.o ..."); obj-m instead of obj-$(CONFIG_E1000E).
	objs=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$tmp/$TOP/$SRCDIR/Makefile" |
		sed -n 's/^e1000e-\(objs\|y\)[[:space:]]*[:+]\{0,1\}=[[:space:]]*//p' | tr -s ' \t' ' ')
	[[ -n $objs ]] || die "cannot find the objects of e1000e in $SRCDIR/Makefile"
	{
		echo "obj-m := e1000e.o"
		echo "e1000e-y := $objs"
	} >"$OUT/Kbuild"
	;;
esac
echo "ccflags-y += -I$REPO/include" >>"$OUT/Kbuild"
rm -rf "$tmp"
trap - EXIT

# ---------------------------------------------------------------- build
msg "building $DRIVER for $KREL ($KBUILD)"
if ! make -C "$KBUILD" M="$OUT" KBUILD_EXTRA_SYMBOLS="$SYMVERS" \
	-j"$(nproc 2>/dev/null || echo 2)" modules >"$OUT/build.log" 2>&1; then
	cat "$OUT/build.log" >&2
	die "building $DRIVER failed (log: ${OUT#"$REPO"/}/build.log)"
fi
sed 's/^/  /' "$OUT/build.log" >&2
[[ -f $KO ]] || die "the build made no $DRIVER.ko (log: ${OUT#"$REPO"/}/build.log)"
if ! modinfo -F depends "$KO" | tr ',' '\n' | grep -qx pf_ring_hook; then
	die "$DRIVER.ko does not depend on pf_ring_hook: is the hook call in the patch?"
fi
printf '%s\n' "$stamp" >"$STAMP"
echo "$KO"
