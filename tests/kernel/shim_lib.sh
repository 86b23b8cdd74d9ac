#!/bin/sh
# Helpers for the shim_*.sh tests of userland/pcap (libpfring-pcap.so),
# sourced from the repository root.  Not a test itself.
#
# shim_setup re-runs the calling test in a private network and mount
# namespace (with its own sysfs, which libpcap reads to list devices),
# IPv6 off so that nothing but the test's frames crosses its devices.

SHIM_LIB=${SHIM_LIB:-$PWD/userland/pcap/libpfring-pcap.so}
SHIM_BIN=$PWD/build/tests/kernel
SHIM_TIMEOUT=${SHIM_TIMEOUT:-60}

fail() {	# fail MESSAGE...: the test's verdict, with what was seen
	echo "FAIL: $*"
	exit 1
}

# Builds the test programs into build/tests/kernel when they are missing
# or older than their source (tests/kernel/Makefile does not know them).
shim_build() {
	mkdir -p "$SHIM_BIN"
	for prog in shim_gen shim_nonblock shim_inject; do
		src=tests/kernel/$prog.c
		libs=
		[ $prog = shim_gen ] || libs=-lpcap
		# shellcheck disable=SC3013 # dash and bash have -nt
		if [ ! -x "$SHIM_BIN/$prog" ] || [ "$src" -nt "$SHIM_BIN/$prog" ]; then
			${CC:-cc} -O2 -g -Wall -Wextra -Werror -std=gnu11 \
				-o "$SHIM_BIN/$prog" "$src" $libs || return 1
		fi
	done
	[ -f "$SHIM_LIB" ] || { echo "no $SHIM_LIB: run make -C userland/pcap"; return 1; }
}

# shim_setup "$0" "$@": call first; the rest of the test runs in the
# namespaces, with $tmp a scratch directory removed at exit.
shim_setup() {
	if [ -z "${SHIM_IN_NETNS:-}" ]; then
		shim_build || fail "building the test programs"
		[ -d /proc/net/pf_ring ] || [ -n "${SHIM_NO_MODULE_OK:-}" ] ||
			fail "pf_ring.ko is not loaded"
		SHIM_IN_NETNS=1 exec unshare -n -m "$@"
	fi
	mount -t sysfs sysfs /sys
	echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
	echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
	ip link set lo up
	tmp=$(mktemp -d)
	# shellcheck disable=SC2154 # rc is set by the trap itself
	trap 'rc=$?; shim_cleanup; exit $rc' EXIT
}

shim_pids=
shim_cleanup() {
	# SHIM_KEEP=DIR keeps the captures and logs for a look afterwards.
	if [ -n "${SHIM_KEEP:-}" ]; then
		mkdir -p "$SHIM_KEEP" && cp -r "$tmp"/. "$SHIM_KEEP"/
	fi
	for p in $shim_pids; do
		kill "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
	return 0
}

# shim_veth A B [QUEUES]: a veth pair, both ends up.
shim_veth() {
	if [ -n "${3:-}" ]; then
		ip link add "$1" numtxqueues "$3" numrxqueues "$3" type veth \
			peer name "$2" numtxqueues "$3" numrxqueues "$3"
	else
		ip link add "$1" type veth peer name "$2"
	fi
	ip link set "$1" up
	ip link set "$2" up
}

# shim_tcpdump NAME [shim|stock|fallback] TCPDUMP-ARGS...: starts tcpdump in
# the background, stderr to $tmp/NAME.err; its pid in $tmp/NAME.pid.
shim_tcpdump() {
	name=$1 how=$2
	shift 2
	case $how in
	shim) set -- env LD_PRELOAD="$SHIM_LIB" "$@" ;;
	fallback) set -- env PCAP_NO_PF_RING=1 LD_PRELOAD="$SHIM_LIB" "$@" ;;
	stock) set -- env -u LD_PRELOAD "$@" ;;
	esac
	"$@" > "$tmp/$name.out" 2> "$tmp/$name.err" &
	echo $! > "$tmp/$name.pid"
	shim_pids="$shim_pids $!"
}

pid_of() { cat "$tmp/$1.pid"; }

# wait_until SECONDS CMD...: polls CMD every 0.1 s; status 1 on timeout.
wait_until() {
	end=$(($(date +%s) + $1))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

listening() { grep -q "listening on" "$tmp/$1.err"; }

# The ring of process PID on device DEV, as /proc/net/pf_ring names it.
ring_file() {
	for f in /proc/net/pf_ring/"$1-$2".*; do
		[ -e "$f" ] && echo "$f" && return
	done
	return 0
}
has_ring() { [ -n "$(ring_file "$1" "$2")" ]; }

# wait_capturing NAME [DEV]: tcpdump NAME is capturing (and, with DEV,
# through a PF_RING ring on DEV).
wait_capturing() {
	wait_until "$SHIM_TIMEOUT" listening "$1" ||
		fail "tcpdump $1 did not start: $(cat "$tmp/$1.err")"
	if [ -n "${2:-}" ]; then
		wait_until "$SHIM_TIMEOUT" has_ring "$(pid_of "$1")" "$2" ||
			fail "tcpdump $1 has no PF_RING ring on $2: $(cat "$tmp/$1.err")"
	fi
}

# The text of a savefile's packets, timestamps left out: every byte.
pcap_text() {
	env -u LD_PRELOAD tcpdump -r "$1" -t -nn -e -xx 2>/dev/null
}

# Packets in a savefile: lines that are not a hex dump's.
pcap_count() {
	env -u LD_PRELOAD tcpdump -r "$1" -nn 2>/dev/null |
		grep -c -v "^[[:space:]]" || true
}

# wait_exit NAME: tcpdump NAME ends by itself, successfully, in time.
wait_exit() {
	pid=$(pid_of "$1")
	wait_until "$SHIM_TIMEOUT" not_running "$pid" ||
		fail "tcpdump $1 did not stop: $(cat "$tmp/$1.err")"
	wait "$pid" || fail "tcpdump $1 exited with $?: $(cat "$tmp/$1.err")"
}
# Gone, or a zombie waiting for us to reap it.
not_running() {
	[ ! -e "/proc/$1/stat" ] || [ "$(sed "s/.*) //" "/proc/$1/stat" | cut -d" " -f1)" = Z ]
}

# stop NAME: SIGINT (tcpdump prints its statistics), then waits for it.
stop() {
	pid=$(pid_of "$1")
	kill -INT "$pid" 2>/dev/null
	wait_until "$SHIM_TIMEOUT" not_running "$pid" ||
		fail "tcpdump $1 ignored SIGINT: $(cat "$tmp/$1.err")"
	wait "$pid" || true
}

# stat_line NAME WHAT: N of tcpdump's "N packets WHAT" exit line.
stat_line() {
	sed -n "s/^\([0-9][0-9]*\) packets\{0,1\} $2\$/\1/p" "$tmp/$1.err"
}

# The packets counter of a device's RX (or TX) line in "ip -s link".
dev_packets() {
	ip -s link show dev "$1" | awk -v dir="$2:" '
		$1 == dir { getline; print $2; exit }'
}
