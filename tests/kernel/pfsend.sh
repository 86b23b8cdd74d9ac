#!/bin/sh
# pfsend transmits exactly N frames (generated flows, and a pcap file
# replayed byte for byte) and a capture on the peer sees exactly those;
# bad input gets a one-line error and a non-zero status.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export tmp
fail=0
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -n sh -eu -c '
	echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
	echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
	ip link add va type veth peer name vb
	ip link set va up
	ip link set vb up
	. tests/kernel/pfcount_lib.sh
	timeout 60 tools/pfcount/pfcount -i vb -c 1000 -q > "$tmp/count" 2>&1 &
	pid=$!
	pfcount_ready 1 $pid
	tools/pfsend/pfsend -i va -n 1000 -z 16 -l 128 -r 20000 -q > "$tmp/send" 2>&1
	wait $pid
	dump() {	# dump FILE: stock tcpdump on vb, 50 frames, once it listens
		rm -f "$tmp/td.err"
		timeout 60 tcpdump -i vb -w "$1" -c 50 -U 2>"$tmp/td.err" &
		pid=$!
		for _ in $(seq 100); do
			grep -q "listening on" "$tmp/td.err" 2>/dev/null && break
			sleep 0.1
		done
	}
	# A pcap file out and back: stock tcpdump writes what arrives on vb.
	dump "$tmp/in.pcap"
	build/tests/kernel/sendframes va 50 300
	wait $pid
	dump "$tmp/out.pcap"
	tools/pfsend/pfsend -i va -f "$tmp/in.pcap" -q > "$tmp/replay" 2>&1
	wait $pid
	# Errors: one line each, status 1 or 2.
	ip link set va mtu 100
	if tools/pfsend/pfsend -i va -n 1 -l 200 > "$tmp/big" 2>&1; then
		echo "oversized frame accepted"; exit 1
	fi
	if tools/pfsend/pfsend -i nosuchdev -n 1 > "$tmp/nodev" 2>&1; then
		echo "missing device accepted"; exit 1
	fi
	if tools/pfsend/pfsend -i va -f /nonexistent.pcap > "$tmp/nofile" 2>&1; then
		echo "missing file accepted"; exit 1
	fi
' || fail=1
grep -q "^Packets received: 1000$" "$tmp/count" || fail=1
grep -q "^Packets dropped:  0 " "$tmp/count" || fail=1
grep -q "^Sent 1000 packets, 128000 bytes" "$tmp/send" || fail=1
grep -q "^Sent 50 packets, 15000 bytes" "$tmp/replay" || fail=1
# The replayed capture holds the same frames, byte for byte.
if [ $fail = 0 ]; then
	tcpdump -r "$tmp/in.pcap" -x -n 2>/dev/null | grep -v '^[0-9]' > "$tmp/in.hex"
	tcpdump -r "$tmp/out.pcap" -x -n 2>/dev/null | grep -v '^[0-9]' > "$tmp/out.hex"
	[ -s "$tmp/in.hex" ] && cmp -s "$tmp/in.hex" "$tmp/out.hex" || { echo "replayed frames differ"; fail=1; }
fi
for f in big nodev nofile; do
	[ "$(grep -c pfsend: "$tmp/$f")" = 1 ] || { echo "$f: want one pfsend: line"; cat "$tmp/$f"; fail=1; }
done
grep -q "Message too long" "$tmp/big" || fail=1
if [ $fail = 1 ]; then
	for f in count send replay big nodev nofile; do echo "== $f"; cat "$tmp/$f" 2>/dev/null; done
fi
exit $fail
