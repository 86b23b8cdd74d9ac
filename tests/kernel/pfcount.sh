#!/bin/sh
# pfcount captures exactly the frames sent to a device, stops after -c,
# and reports received and dropped totals that add up, also reading
# bursts (-b); -v prints each.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export tmp
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -n sh -eu -c '
	echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
	echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
	ip link add va type veth peer name vb
	ip link set va up
	ip link set vb up
	. tests/kernel/pfcount_lib.sh
	timeout 60 tools/pfcount/pfcount -i vb -c 500 -q > "$tmp/count" 2>&1 &
	pid=$!
	pfcount_ready 1 $pid
	build/tests/kernel/sendframes va 500 100
	wait $pid
	# Bursts of up to 64: -c stops inside the last one it reads.
	timeout 60 tools/pfcount/pfcount -i vb -c 250 -b 64 -q > "$tmp/burst" 2>&1 &
	pid=$!
	pfcount_ready 1 $pid
	build/tests/kernel/sendframes va 300 100
	wait $pid
	timeout 60 tools/pfcount/pfcount -i vb -c 3 -v -q > "$tmp/verbose" 2>&1 &
	pid=$!
	pfcount_ready 1 $pid
	build/tests/kernel/sendframes va 3 64
	wait $pid
'
fail=0
grep -q "^Packets received: 500$" "$tmp/count" || fail=1
grep -q "^Packets dropped:  0 " "$tmp/count" || fail=1
grep -q "^Packets received: 250$" "$tmp/burst" || fail=1
grep -q "^Packets dropped:  0 " "$tmp/burst" || fail=1
[ "$(grep -c "\[caplen=64\]\[len=64\]" "$tmp/verbose")" = 3 ] || fail=1
if [ $fail = 1 ]; then
	echo "pfcount output:"; cat "$tmp/count"; echo "pfcount -b output:"; cat "$tmp/burst"
	echo "pfcount -v output:"; cat "$tmp/verbose"
fi
exit $fail
