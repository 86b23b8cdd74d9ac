#!/bin/sh
# Transparent modes.  The module is loaded here once per mode (run with
# tests/vm/run --no-module).
#   modes.sh           veth, a driver that is not PF_RING-aware: the
#                      rx_handler takes the packets
#   modes.sh nic       two NICs on one QEMU hub, eth0 -> eth1, with a
#                      PF_RING-aware (patched) driver preloaded: the
#                      driver hook in NAPI takes them
# In every mode frames sent = frames captured, each once; then
#   0, 1: the stack answers ping and a TCP transfer goes through
#   2:    the stack sees nothing (no ping reply, IP InReceives still)
#         while a socket is bound, and all is normal after it closes
#   1, 2: a bridge holding the rx_handler: back to the packet tap, said
#         once in the kernel log and in /proc
# and mode 1 with enable_tx_capture=0 (no packet tap at all): received
# frames exactly once, sent ones not, the stack unaffected.
set -u
KO=${PFRING_KO:-kernel/pf_ring.ko}
KIND=${1:-veth}
if [ "$KIND" = nic ]; then
	A=eth0 B=eth1 POINT="driver hook in NAPI"
else
	A=va B=vb POINT="rx_handler"
fi
fail=0
bad() { echo "modes ($KIND): FAIL: $*"; fail=1; }

# B's IP InReceives.
in_receives() { ip netns exec B awk '/^Ip: [0-9]/ { print $4 }' /proc/net/snmp; }

# Until a socket bound to $B exists in B's /proc.
bound() {
	for _ in $(seq 100); do
		ip netns exec B sh -c 'ls /proc/net/pf_ring/' | grep -q -- "-$B\." && return 0
		sleep 0.1
	done
	return 1
}

# pings N: echo replies to N pings from A to B.
pings() {
	ping -c "$1" -i 0.05 -W 1 -q 10.9.0.2 2>/dev/null |
		sed -n 's/.* \([0-9]*\) received.*/\1/p'
}

setup() {
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip netns add B
	[ "$KIND" = nic ] || ip link add va type veth peer name vb
	ip link set "$B" netns B
	ip addr add 10.9.0.1/24 dev "$A"
	ip link set "$A" up
	ip netns exec B sh -c "
		echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
		ip link set lo up
		ip addr add 10.9.0.2/24 dev $B
		ip link set $B up"
	# No ARP: only the test's packets cross.
	ip neigh replace 10.9.0.2 lladdr "$(ip netns exec B cat /sys/class/net/$B/address)" dev "$A" nud permanent
	ip netns exec B ip neigh replace 10.9.0.1 lladdr "$(cat /sys/class/net/$A/address)" dev "$B" nud permanent
	# QEMU's hub carries no offload metadata: checksums in software.
	if [ "$KIND" = nic ]; then
		ethtool -K "$A" tx off >/dev/null 2>&1
		ip netns exec B ethtool -K "$B" tx off >/dev/null 2>&1
	fi
	# A NIC needs a moment for its link to come up.
	for _ in $(seq 50); do
		[ "$(pings 1)" = 1 ] && break
		sleep 0.1
	done
}

teardown() {
	if [ "$KIND" = nic ]; then
		ip netns exec B ip link set "$B" netns 1
		ip addr flush dev "$A"
		ip link set "$A" down
	else
		ip link del va 2>/dev/null
	fi
	ip netns del B 2>/dev/null
}

# tcp_copy: 300 kB to B through the stack, compared byte for byte.
tcp_copy() {
	head -c 300000 /dev/urandom > "$tmp/tcp.in"
	rm -f "$tmp/tcp.out"
	ip netns exec B timeout 30 build/tests/kernel/tcpcopy recv 5001 "$tmp/tcp.out" &
	srv=$!
	for _ in $(seq 50); do
		ip netns exec B ss -ltn | grep -q ":5001 " && break
		sleep 0.1
	done
	timeout 30 build/tests/kernel/tcpcopy send 10.9.0.2 5001 "$tmp/tcp.in" &&
		wait $srv && cmp -s "$tmp/tcp.in" "$tmp/tcp.out"
}

# A capture on $B counting for $1 seconds into $2; direction $3 as
# pfcount -e takes it (default 1: RX only).
capture() {
	ip netns exec B timeout 60 tools/pfcount/pfcount -i "$B" -e "${3:-1}" -d "$1" -q > "$2" 2>&1 &
	cap=$!
	bound || bad "capture did not bind"
}

received() { sed -n 's/^Packets received: //p' "$1"; }

run_mode() {
	mode=$1
	tmp=$(mktemp -d)
	insmod "$KO" "transparent_mode=$mode" || { bad "insmod mode $mode"; return; }
	setup
	grep -q "^Transparent mode *: $mode$" /proc/net/pf_ring/info ||
		bad "mode $mode: /proc/net/pf_ring/info"

	# Pings while a capture is bound.
	capture 6 "$tmp/ping"
	before=$(in_receives)
	replies=$(pings 10)
	after=$(in_receives)
	ip netns exec B cat /proc/net/pf_ring/dev/$B/info > "$tmp/info"
	ip netns exec B cat /proc/net/ptype > "$tmp/ptype"
	wait $cap
	got=$(received "$tmp/ping")
	[ "$got" = 10 ] || bad "mode $mode: captured $got of 10 pings"
	# With TX capture on, every mode keeps the packet tap registered.
	grep -q "pfr_tap_rcv" "$tmp/ptype" || bad "mode $mode: no packet tap in /proc/net/ptype"
	if [ "$mode" = 2 ]; then
		[ "$replies" = 0 ] || bad "mode 2: $replies ping replies while bound, want 0"
		[ "$after" = "$before" ] || bad "mode 2: InReceives moved $before -> $after"
		grep -q "$POINT (mode 2" "$tmp/info" || bad "mode 2: capture point: $(cat "$tmp/info")"
	else
		[ "$replies" = 10 ] || bad "mode $mode: $replies ping replies, want 10"
		[ $((after - before)) -ge 10 ] || bad "mode $mode: InReceives $before -> $after"
	fi
	if [ "$KIND" = nic ] && [ "$mode" != 0 ]; then
		grep -q "PF_RING-aware driver *: yes" "$tmp/info" || bad "mode $mode: driver not seen as PF_RING-aware"
	fi
	[ "$mode" = 1 ] && { grep -q "$POINT (mode 1)" "$tmp/info" || bad "mode 1: capture point: $(cat "$tmp/info")"; }
	[ "$mode" = 0 ] && { grep -q "packet tap (mode 0)" "$tmp/info" || bad "mode 0: capture point: $(cat "$tmp/info")"; }

	# No socket any more: the device is back to normal.
	before=$(in_receives)
	replies=$(pings 10)
	after=$(in_receives)
	[ "$replies" = 10 ] || bad "mode $mode: $replies replies after the capture closed"
	[ $((after - before)) -ge 10 ] || bad "mode $mode: InReceives after close $before -> $after"
	ip netns exec B grep -q "none (no socket bound)" /proc/net/pf_ring/dev/$B/info ||
		bad "mode $mode: capture point after close"

	# Exactly once: 500 frames, 500 captured, no duplicate.
	capture 5 "$tmp/frames"
	build/tests/kernel/sendframes "$A" 500 100
	wait $cap
	got=$(received "$tmp/frames")
	[ "$got" = 500 ] || bad "mode $mode: captured $got of 500 frames"

	# TCP through the stack while a capture is bound (modes 0, 1).
	if [ "$mode" != 2 ]; then
		capture 8 "$tmp/tcp"
		tcp_copy || bad "mode $mode: TCP transfer failed"
		wait $cap
		got=$(received "$tmp/tcp")
		[ "${got:-0}" -ge 10 ] || bad "mode $mode: $got packets captured during the TCP transfer"
	fi

	# A bridge holds $B's rx_handler: the packet tap takes over.
	if [ "$mode" != 0 ]; then
		ip netns exec B sh -c "ip link add br0 type bridge && ip link set $B master br0 && ip link set br0 up"
		for round in 1 2; do
			capture 5 "$tmp/bridge"
			build/tests/kernel/sendframes "$A" 100 100
			wait $cap
			got=$(received "$tmp/bridge")
			[ "$got" = 100 ] || bad "mode $mode, bridged, round $round: captured $got of 100"
		done
		n=$(dmesg | grep -c "pf_ring: $B: rx_handler held by another module")
		[ "$n" = 1 ] || bad "mode $mode: fallback said $n times in the kernel log, want 1"
		capture 3 "$tmp/bridge"
		ip netns exec B grep -q "mode 0 fallback" /proc/net/pf_ring/dev/$B/info ||
			bad "mode $mode: /proc does not show the fallback"
		wait $cap
		ip netns exec B ip link del br0
	fi
	teardown
	rmmod pf_ring || bad "rmmod after mode $mode"
	dmesg -C
	[ $fail = 0 ] || { for f in "$tmp"/*; do case $f in *tcp.in | *tcp.out) continue ;; esac; echo "== $f"; cat "$f"; done; }
	rm -rf "$tmp"
}

# Mode 1, RX capture only: the rx_handler alone, no packet tap.
run_rx_only() {
	tmp=$(mktemp -d)
	insmod "$KO" transparent_mode=1 enable_tx_capture=0 || { bad "insmod rx only"; return; }
	setup
	# Both directions asked for: the replies B sends are not captured.
	capture 6 "$tmp/ping" 0
	replies=$(pings 10)
	ip netns exec B cat /proc/net/pf_ring/dev/$B/info > "$tmp/info"
	ip netns exec B cat /proc/net/ptype > "$tmp/ptype"
	wait $cap
	got=$(received "$tmp/ping")
	! grep -q "pfr_tap_rcv" "$tmp/ptype" || bad "rx only: a packet tap is registered: $(cat "$tmp/ptype")"
	[ "$replies" = 10 ] || bad "rx only: $replies ping replies, want 10"
	[ "$got" = 10 ] || bad "rx only: captured $got packets of 10 pings and their replies, want 10"
	grep -q "$POINT (mode 1)" "$tmp/info" || bad "rx only: capture point: $(cat "$tmp/info")"
	grep -q "TX capture *: no" "$tmp/info" || bad "rx only: /proc says TX capture: $(cat "$tmp/info")"
	capture 5 "$tmp/frames" 0
	build/tests/kernel/sendframes "$A" 500 100
	wait $cap
	got=$(received "$tmp/frames")
	[ "$got" = 500 ] || bad "rx only: captured $got of 500 frames"
	teardown
	rmmod pf_ring || bad "rmmod after rx only"
	dmesg -C
	[ $fail = 0 ] || { for f in "$tmp"/*; do echo "== $f"; cat "$f"; done; }
	rm -rf "$tmp"
}

for m in 0 1 2; do
	run_mode $m
done
run_rx_only
[ $fail = 0 ] && echo "modes ($KIND): ok"
exit $fail
