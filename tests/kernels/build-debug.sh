#!/bin/bash
# Build (once) the debug test kernel: Debian's linux-source-6.1, `make
# tinyconfig` + tests/kernels/debug.config (KASAN, lockdep, UBSAN, kmemleak,
# debug objects, ...), and keep its build tree for out-of-tree modules.
#
# usage: tests/kernels/build-debug.sh [--print [--cached]] [--check-config]
#   (none)          build if needed, then print where things are
#   --print         build if needed (progress on stderr), then print shell
#                   assignments KERNEL (the bzImage to boot) VMLINUX (its
#                   symbols) KVER MODDIR KBUILD BUILD_SECONDS
#   --cached        with --print: exit 3 instead of building
#   --check-config  only generate the .config in a temporary directory and
#                   check every option of the fragment (a minute or so)
#
# Cache: ${PFRING_KERNEL_CACHE:-/var/cache/pfring-kernels}/
#   src/linux-source-6.1_<pkgver>/     unpacked source (shared, pristine)
#   debug-<pkgver>-<key>/obj/          O= build tree (make -C it M=... modules)
#   debug-<pkgver>-<key>/mod/          modules_install (INSTALL_MOD_PATH)
#   debug-<pkgver>-<key>/info          what was built, how long it took
# <key> hashes debug.config, this script, the linux-source-6.1 package
# version and the compiler version; anything else reuses the cached kernel.
# A build happens in .debug-...tmp and is renamed when complete, under a
# lock, so an interrupted or concurrent run never leaves a half-built kernel.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
FRAGMENT=$HERE/debug.config
CACHE=${PFRING_KERNEL_CACHE:-/var/cache/pfring-kernels}
TARBALL=/usr/src/linux-source-6.1.tar.xz
SRCPKG=linux-source-6.1
JOBS=${PFRING_KERNEL_JOBS:-2}
# Cache entries of other keys not used for this many days are removed.
PRUNE_DAYS=14

MODE=summary
CACHED_ONLY=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--print) MODE=print ;;
	--cached) CACHED_ONLY=1 ;;
	--check-config) MODE=check ;;
	-h | --help) sed -n '2,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "build-debug.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

msg() { printf 'build-debug: %s\n' "$*" >&2; }
die() {
	msg "error: $*"
	exit 1
}

# The kernel's make must not see the caller's make or kbuild settings.
unset ARCH CROSS_COMPILE LOCALVERSION KBUILD_OUTPUT KCONFIG_CONFIG O M W C V \
	MAKEFLAGS MFLAGS MAKELEVEL KBUILD_EXTMOD INSTALL_MOD_PATH

[[ -r $TARBALL ]] || die "$TARBALL missing: run tests/deps.sh (package $SRCPKG)"
[[ -r $FRAGMENT ]] || die "$FRAGMENT missing"
PKGVER=$(dpkg-query -W -f='${Version}' "$SRCPKG" 2>/dev/null) ||
	die "package $SRCPKG is not installed: run tests/deps.sh"
SAFEVER=${PKGVER//[^A-Za-z0-9.+~-]/_}
KEY=$(
	{
		echo "$SRCPKG $PKGVER"
		sha256sum <"$FRAGMENT"
		sha256sum <"$SELF"
		gcc --version | head -n 1
	} | sha256sum | cut -c1-12
)
SRC=$CACHE/src/${SRCPKG}_$SAFEVER
NAME=debug-$SAFEVER-$KEY
OUT=$CACHE/$NAME

# Print OUT's paths (as shell assignments or for humans).
report() {
	local kver secs
	kver=$(cat "$OUT/kver")
	secs=$(sed -n 's/^build_seconds=//p' "$OUT/info")
	touch "$OUT/last-used" 2>/dev/null || true
	if [[ $MODE == print ]]; then
		printf "KERNEL='%s'\n" "$OUT/obj/arch/x86/boot/bzImage"
		printf "VMLINUX='%s'\n" "$OUT/obj/vmlinux"
		printf "KVER='%s'\n" "$kver"
		printf "MODDIR='%s'\n" "$OUT/mod/lib/modules/$kver"
		printf "KBUILD='%s'\n" "$OUT/obj"
		printf "BUILD_SECONDS='%s'\n" "$secs"
	else
		cat <<EOF
debug kernel $kver (cache key $KEY, built in ${secs}s)
  bzImage (boot this)           $OUT/obj/arch/x86/boot/bzImage
  vmlinux (symbols)             $OUT/obj/vmlinux
  modules dir (--modules-dir)   $OUT/mod/lib/modules/$kver
  build tree (make -C ... M=)   $OUT/obj
  config                        $OUT/obj/.config
EOF
	fi
}

# verify_config FRAGMENT CONFIG: every "CONFIG_X=v" line of FRAGMENT must be
# in CONFIG verbatim, every "# CONFIG_X is not set" must not be set there.
verify_config() {
	local frag=$1 cfg=$2 line sym got bad=0 dup
	dup=$(sed -nE 's/^(# )?(CONFIG_[A-Za-z0-9_]+)[= ].*/\2/p' "$frag" | sort | uniq -d)
	if [[ -n $dup ]]; then
		msg "  set more than once in $frag: ${dup//$'\n'/ }"
		bad=1
	fi
	while IFS= read -r line; do
		if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)= ]]; then
			sym=${BASH_REMATCH[1]}
			got=$(grep -E "^(# )?$sym(=| is not set)" "$cfg" || true)
			if [[ $got != "$line" ]]; then
				msg "  wanted $line, got ${got:-nothing (dependencies missing?)}"
				bad=1
			fi
		elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
			sym=${BASH_REMATCH[1]}
			got=$(grep -E "^$sym=" "$cfg" || true)
			if [[ -n $got ]]; then
				msg "  wanted $sym unset, got $got"
				bad=1
			fi
		fi
	done <"$frag"
	return "$bad"
}

# make_config OBJDIR: tinyconfig + fragment + olddefconfig, verified.
make_config() {
	local obj=$1
	mkdir -p "$obj"
	make -C "$SRC" O="$obj" tinyconfig >"$obj/config.log" 2>&1 ||
		{ tail -n 20 "$obj/config.log" >&2; die "make tinyconfig failed"; }
	(cd "$obj" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$obj" \
		"$obj/.config" "$FRAGMENT") >>"$obj/config.log" 2>&1 ||
		{ tail -n 20 "$obj/config.log" >&2; die "merge_config.sh failed"; }
	make -C "$SRC" O="$obj" olddefconfig >>"$obj/config.log" 2>&1 ||
		{ tail -n 20 "$obj/config.log" >&2; die "make olddefconfig failed"; }
	if ! verify_config "$FRAGMENT" "$obj/.config"; then
		die "options of tests/kernels/debug.config did not end up in the .config (see above; $obj/.config)"
	fi
}

# ---------------------------------------------------------------- fast path
if [[ $MODE != check && -f $OUT/info && -f $OUT/kver ]]; then
	report
	exit 0
fi
if [[ $MODE == print && $CACHED_ONLY == 1 ]]; then
	msg "debug kernel $NAME is not built (run tests/kernels/build-debug.sh)"
	exit 3
fi

if ! mkdir -p "$CACHE/src" 2>/dev/null || [[ ! -w $CACHE ]]; then
	die "cannot write to $CACHE (run as root or set PFRING_KERNEL_CACHE)"
fi
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
	msg "waiting for another build in $CACHE to finish"
	flock 9
fi
# Whoever held the lock may have built it meanwhile.
if [[ $MODE != check && -f $OUT/info ]]; then
	report
	exit 0
fi
# Leftovers of interrupted runs (nobody else holds the lock).
rm -rf "$CACHE"/src/.tmp.* "$CACHE"/.debug-*.tmp "$CACHE"/.check.*

# ---------------------------------------------------------------- source
if [[ ! -f $SRC/Makefile ]]; then
	msg "unpacking $TARBALL ($SRCPKG $PKGVER) into $SRC"
	tmp=$CACHE/src/.tmp.$$
	mkdir -p "$tmp"
	tar -xJf "$TARBALL" -C "$tmp"
	[[ -f $tmp/linux-source-6.1/Makefile ]] || die "unexpected layout of $TARBALL"
	mv "$tmp/linux-source-6.1" "$SRC"
	rm -rf "$tmp"
fi

if [[ $MODE == check ]]; then
	obj=$CACHE/.check.$$
	trap 'rm -rf "$obj"' EXIT
	make_config "$obj"
	msg "ok: every option of debug.config is set ($(grep -c '^CONFIG_.*=[ym]$' "$obj/.config") options on)"
	exit 0
fi

# ---------------------------------------------------------------- build
tmp=$CACHE/.$NAME.tmp
obj=$tmp/obj
log=$tmp/build.log
mkdir -p "$tmp"
msg "building debug kernel $NAME with -j$JOBS (log: $log; ~15-25 min)"
start=$(date +%s)
make_config "$obj"
if ! make -C "$obj" -j"$JOBS" all >"$log" 2>&1; then
	grep -E 'error|Error' "$log" | head -n 20 >&2 || true
	tail -n 30 "$log" >&2
	die "kernel build failed (log kept in $log)"
fi
if ! make -C "$obj" INSTALL_MOD_PATH="$tmp/mod" modules_install >>"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "modules_install failed (log kept in $log)"
fi
end=$(date +%s)
kver=$(cat "$obj/include/config/kernel.release")
moddir=$tmp/mod/lib/modules/$kver
[[ -f $moddir/modules.dep ]] || die "no modules.dep in $moddir after modules_install"
# modules_install points these at the temporary tree; the final one is $OUT.
ln -sfn "$OUT/obj" "$moddir/build"
ln -sfn "$SRC" "$moddir/source"
echo "$kver" >"$tmp/kver"
{
	echo "kver=$kver"
	echo "key=$KEY"
	echo "source=$SRCPKG $PKGVER"
	echo "compiler=$(gcc --version | head -n 1)"
	echo "jobs=$JOBS"
	echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "build_seconds=$((end - start))"
} >"$tmp/info"
rm -rf "$OUT"
mv "$tmp" "$OUT"
msg "built $kver in $((end - start)) s"

# ---------------------------------------------------------------- prune
# Other keys (older fragments/scripts/sources) unused for PRUNE_DAYS days,
# and unpacked sources no remaining kernel refers to.
for d in "$CACHE"/debug-*; do
	[[ -d $d && $d != "$OUT" ]] || continue
	stamp=$d/last-used
	[[ -f $stamp ]] || stamp=$d/info
	if [[ -n $(find "$stamp" -mtime +"$PRUNE_DAYS" 2>/dev/null) ]]; then
		msg "removing unused cache entry $d"
		rm -rf "$d"
	fi
done
for s in "$CACHE"/src/"${SRCPKG}"_*; do
	[[ -d $s && $s != "$SRC" ]] || continue
	v=${s##*/"${SRCPKG}"_}
	compgen -G "$CACHE/debug-$v-*" >/dev/null || rm -rf "$s"
done

report
