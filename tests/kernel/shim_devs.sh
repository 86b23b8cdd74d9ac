#!/bin/sh
# "tcpdump -D" through libpfring-pcap.so lists the devices libpcap lists
# and, after each device with more than one receive queue, its queues
# dev@0, dev@1 (PF_RING names); tcpdump captures on such a queue and
# gets that queue's packets only.  Frames sent from CPU n leave va by TX
# queue n (an XPS map) and arrive on vb's RX queue n.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb 2
echo 1 > /sys/class/net/va/queues/tx-0/xps_cpus
echo 2 > /sys/class/net/va/queues/tx-1/xps_cpus

names() { sed -n 's/^[0-9][0-9]*\.\([^ ]*\).*/\1/p' "$1"; }
LD_PRELOAD="$SHIM_LIB" tcpdump -D > "$tmp/shim.D" 2> "$tmp/shim.D.err" ||
	fail "tcpdump -D: $(cat "$tmp/shim.D.err")"
env -u LD_PRELOAD tcpdump -D > "$tmp/stock.D" 2>&1 || fail "stock tcpdump -D"
names "$tmp/shim.D" | tr '\n' ' ' > "$tmp/shim.names"
echo "tcpdump -D: $(cat "$tmp/shim.names")"
for d in va va@0 va@1 vb vb@0 vb@1 any lo; do
	names "$tmp/shim.D" | grep -qx "$d" || fail "no $d in: $(cat "$tmp/shim.D")"
done
grep -q "lo@" "$tmp/shim.names" && fail "lo has one queue, yet: $(cat "$tmp/shim.D")"
grep -q "va va@0 va@1 " "$tmp/shim.names" ||
	fail "the queues do not follow their device: $(cat "$tmp/shim.names")"
grep -q "^[0-9]*\.vb@1 (Receive queue 1 of vb (PF_RING)) \[Up, Running" "$tmp/shim.D" ||
	fail "vb@1's entry: $(grep vb@1 "$tmp/shim.D")"
# Everything else is libpcap's own list, in its order.
[ "$(names "$tmp/shim.D" | grep -v @)" = "$(names "$tmp/stock.D")" ] ||
	fail "not libpcap's list: $(cat "$tmp/stock.D")"
[ -s "$tmp/shim.D.err" ] && fail "tcpdump -D said: $(cat "$tmp/shim.D.err")"

# Capture per queue: 30 frames by queue 0, 50 by queue 1.
shim_tcpdump q0 shim tcpdump -Z root -n -i vb@0 -c 30 -w "$tmp/q0.pcap"
shim_tcpdump q1 shim tcpdump -Z root -n -i vb@1 -c 50 -w "$tmp/q1.pcap"
shim_tcpdump all shim tcpdump -Z root -n -i vb -c 80 -w "$tmp/all.pcap"
wait_capturing q0 vb
wait_capturing q1 vb
wait_capturing all vb
taskset -c 0 build/tests/kernel/sendframes va 30 100
taskset -c 1 build/tests/kernel/sendframes va 50 200
for t in q0 q1 all; do
	wait_exit $t
done
env -u LD_PRELOAD tcpdump -r "$tmp/q0.pcap" -nn 2>/dev/null | grep -v "^[[:space:]]" |
	grep -vq "length 100" && fail "vb@0 got a frame of queue 1"
env -u LD_PRELOAD tcpdump -r "$tmp/q1.pcap" -nn 2>/dev/null | grep -v "^[[:space:]]" |
	grep -vq "length 200" && fail "vb@1 got a frame of queue 0"
[ "$(pcap_count "$tmp/q0.pcap")" = 30 ] && [ "$(pcap_count "$tmp/q1.pcap")" = 50 ] &&
	[ "$(pcap_count "$tmp/all.pcap")" = 80 ] || fail "per-queue counts"
echo "vb@0: 30 frames, vb@1: 50 frames, vb: 80"
