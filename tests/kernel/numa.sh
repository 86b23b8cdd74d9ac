#!/bin/sh
# A ring's memory comes from the NUMA node of the CPU that creates it:
# pfcount -g CPU moves to CPU before it opens its ring, and every page of
# the ring's mapping (/proc/PID/numa_maps) is then on CPU's node.  Needs
# a guest with a node per CPU (the numa lane of tests/run-all).
set -eu
sysnode=/sys/devices/system/node
if [ ! -d $sysnode/node1 ]; then
	echo "numa.sh: one NUMA node: the guest needs two (tests/run-all numa)"
	exit 1
fi
fail=0
for node in 0 1; do
	cpu=$(cut -d, -f1 $sysnode/node$node/cpulist | cut -d- -f1)
	# -d: gone by itself should the test die before its kill
	tools/pfcount/pfcount -i lo -g "$cpu" -d 60 -q > /dev/null 2>&1 &
	pid=$!
	line=
	for _ in $(seq 100); do	# until the ring is mapped
		line=$(grep " file=socket:" /proc/$pid/numa_maps 2>/dev/null || true)
		[ -n "$line" ] && break
		sleep 0.1
	done
	start=${line%% *}
	range=$(grep "^$start-" /proc/$pid/maps | cut -d' ' -f1)
	kill $pid
	wait $pid || true
	if [ -z "$line" ] || [ -z "$range" ]; then
		echo "node $node: no ring mapping in /proc/$pid/numa_maps"
		fail=1
		continue
	fi
	end=${range#*-}
	pages=$(( (0x$end - 0x$start) / 4096 ))
	# Every page on the node, none elsewhere.
	want="N$node=$pages"
	others=$(echo "$line" | tr ' ' '\n' | grep '^N[0-9]*=' | grep -v "^$want\$" || true)
	if ! echo "$line" | grep -q " $want " || [ -n "$others" ]; then
		echo "node $node (CPU $cpu): want $want only, numa_maps has: $line"
		fail=1
	else
		echo "node $node (CPU $cpu): $pages ring pages, all on node $node"
	fi
done
exit $fail
