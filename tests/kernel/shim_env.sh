#!/bin/sh
# ntop's PCAP_PF_RING_* variables through libpfring-pcap.so: two tcpdumps
# in cluster 7 share a device's packets (round robin: half each; per flow:
# all of them between the two), PCAP_PF_RING_APPNAME names the ring and
# PCAP_PF_RING_RECV_ONLY makes it receive-only.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb
ring_field() {
	sed -n "s/^$2 *: *//p" "$(ring_file "$(pid_of "$1")" vb)"
}
cluster() {	# cluster TYPE-VARIABLE...: two members, 200 frames
	shim_tcpdump m1 shim env PCAP_PF_RING_CLUSTER_ID=7 "$@" \
		tcpdump -Z root -n -U -i vb -w "$tmp/m1.pcap"
	shim_tcpdump m2 shim env PCAP_PF_RING_CLUSTER_ID=7 "$@" \
		tcpdump -Z root -n -U -i vb -w "$tmp/m2.pcap"
	wait_capturing m1 vb
	wait_capturing m2 vb
	"$SHIM_BIN/shim_gen" va 200
	both() { [ $(($(ring_field m1 "Tot Packets") + $(ring_field m2 "Tot Packets"))) = 200 ]; }
	wait_until "$SHIM_TIMEOUT" both || fail "cluster $*: $(ring_field m1 "Tot Packets") + $(ring_field m2 "Tot Packets") packets"
	sleep 1.5	# past the read timeout: in the files
	stop m1
	stop m2
	n1=$(pcap_count "$tmp/m1.pcap")
	n2=$(pcap_count "$tmp/m2.pcap")
	[ $((n1 + n2)) = 200 ] || fail "cluster $*: $n1 + $n2 packets written"
}
cluster env
[ "$n1" = 100 ] && [ "$n2" = 100 ] || fail "round robin: $n1 and $n2"
echo "round robin: $n1 + $n2"
cluster PCAP_PF_RING_USE_CLUSTER_PER_FLOW_5_TUPLE=1
echo "per flow (5-tuple): $n1 + $n2"
# The same flow always goes to the same member: no 5-tuple in both files.
flows() { env -u LD_PRELOAD tcpdump -r "$1" -nn 2>/dev/null |
	sed -n 's/.* IP6\{0,1\} \([^ ]*\) > \([^:]*\): \([A-Z]*\).*/\1 \2 \3/p' | sort -u; }
flows "$tmp/m1.pcap" > "$tmp/f1"
flows "$tmp/m2.pcap" > "$tmp/f2"
[ -z "$(comm -12 "$tmp/f1" "$tmp/f2")" ] || fail "per flow: flows in both: $(comm -12 "$tmp/f1" "$tmp/f2" | head -3)"

shim_tcpdump named shim env PCAP_PF_RING_APPNAME=shimtest PCAP_PF_RING_RECV_ONLY=1 \
	tcpdump -Z root -n -i vb -w "$tmp/named.pcap"
wait_capturing named vb
[ "$(ring_field named "Appl. Name")" = shimtest ] || fail "appname: $(ring_field named "Appl. Name")"
[ "$(ring_field named "Socket Mode")" = "RX only" ] || fail "recv only: $(ring_field named "Socket Mode")"
stop named
echo "PCAP_PF_RING_APPNAME and PCAP_PF_RING_RECV_ONLY: in /proc"
