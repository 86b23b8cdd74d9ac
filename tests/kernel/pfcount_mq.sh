#!/bin/sh
# pfcount -m: one ring and one thread per receive queue, thread n pinned
# to the n-th core of -g; exact per-queue and total counts at exit, per
# queue and total progress lines.  Frames sent from CPU n leave va by TX
# queue n (an XPS map), so they arrive on vb's RX queue n.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export tmp
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -n -m sh -eu -c '
	mount -t sysfs sysfs /sys	# this namespace'"'"'s devices
	echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
	echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
	ip link add va numtxqueues 2 numrxqueues 2 type veth peer name vb \
		numtxqueues 2 numrxqueues 2
	echo 1 > /sys/class/net/va/queues/tx-0/xps_cpus
	echo 2 > /sys/class/net/va/queues/tx-1/xps_cpus
	ip link set va up
	ip link set vb up
	. tests/kernel/pfcount_lib.sh

	timeout 60 tools/pfcount/pfcount -i vb -m -g 1:0 -c 1000 -q \
		> "$tmp/count" 2> "$tmp/count.err" &
	pid=$!
	pfcount_ready 2 $pid
	# Thread of queue 0 on core 1, of queue 1 on core 0.
	pf=$(pgrep -P $pid pfcount)	# $pid is timeout(1)
	for t in /proc/$pf/task/*; do
		echo "$(cat $t/comm) $(grep Cpus_allowed_list $t/status)"
	done > "$tmp/affinity"
	taskset -c 0 build/tests/kernel/sendframes va 400 100
	taskset -c 1 build/tests/kernel/sendframes va 600 100
	wait $pid

	# Progress lines: one per queue and a total, every second.  Long
	# enough for a debug kernel, where binding the rings alone can take
	# seconds.
	timeout 60 tools/pfcount/pfcount -i vb -m -d 8 > "$tmp/progress.out" \
		2> "$tmp/progress" &
	pid=$!
	pfcount_ready 2 $pid
	taskset -c 1 build/tests/kernel/sendframes va 50 100
	wait $pid

	# Software queues: as many threads, named vb@0..vb@3.
	echo 4 > /proc/net/pf_ring/dev/vb/soft_queues
	timeout 60 tools/pfcount/pfcount -i vb -m -c 300 -q > "$tmp/soft" 2>&1 &
	pid=$!
	pfcount_ready 4 $pid
	build/tests/kernel/sendframes va 300 100
	wait $pid
'
fail=0
check() {	# check FILE REGEX...: each REGEX matches a line of FILE
	f=$1
	shift
	for re in "$@"; do
		if ! grep -Eq "$re" "$tmp/$f"; then
			echo "no line matching '$re' in $f"
			fail=1
		fi
	done
}
check count "^vb@0: Packets received: 400, dropped: 0 \(0\.00%\)$" \
	"^vb@1: Packets received: 600, dropped: 0 \(0\.00%\)$" \
	"^Packets received: 1000$" "^Packets dropped:  0 \(0\.00%\)$"
check affinity "^vb@0 Cpus_allowed_list:[[:space:]]+1$" \
	"^vb@1 Cpus_allowed_list:[[:space:]]+0$"
check progress "^vb@0: .* pps, .* Mbit/s \| .* pkts total \| .* dropped$" \
	"^vb@1: .* pps, .* Mbit/s \| 50 pkts total \| 0 dropped$" \
	"^Total: .* pps, .* Mbit/s \| 50 pkts total \| 0 dropped$"
check progress.out "^Packets received: 50$"
check soft "^vb@3: Packets received: [0-9]+, dropped: 0" "^Packets received: 300$"
[ "$(grep -c '^vb@[0-3]: Packets received' "$tmp/soft")" = 4 ] || {
	echo "not 4 queues with soft_queues=4"; fail=1; }
if [ $fail = 1 ]; then
	for f in count count.err affinity progress progress.out soft; do
		echo "--- $f"; cat "$tmp/$f"
	done
fi
exit $fail
