#!/bin/sh
# A ring's memory comes from the NUMA node of the CPU that creates it:
# pfcount -g CPU moves to CPU before it opens its ring, and with -m each
# queue's ring is opened on its reader's core; every page of a ring's
# mapping (/proc/PID/numa_maps) is then on that core's node.  Needs a
# guest with a node per CPU (the numa lane of tests/run-all).
set -eu
sysnode=/sys/devices/system/node
if [ ! -d $sysnode/node1 ]; then
	echo "numa.sh: one NUMA node: the guest needs two (tests/run-all numa)"
	exit 1
fi
fail=0

# ring_nodes PID N: waits until PID has mapped N rings, then prints one
# line per ring: the node that holds all its pages, or "mixed: ..." with
# its numa_maps line.
ring_nodes() {
	lines=
	for _ in $(seq 100); do
		lines=$(grep " file=socket:" /proc/"$1"/numa_maps 2>/dev/null || true)
		[ "$(echo "$lines" | grep -c .)" -ge "$2" ] && break
		sleep 0.1
	done
	echo "$lines" | grep . | while read -r start rest; do
		range=$(grep "^$start-" /proc/"$1"/maps | cut -d' ' -f1)
		end=${range#*-}
		pages=$(( (0x$end - 0x$start) / 4096 ))
		nodes=$(echo "$rest" | tr ' ' '\n' | grep '^N[0-9]*=' || true)
		if [ "$(echo "$nodes" | grep -c .)" = 1 ] &&
		   [ "${nodes#*=}" = "$pages" ]; then
			n=${nodes%%=*}
			echo "${n#N}"
		else
			echo "mixed: $start $rest ($pages pages)"
		fi
	done
}

# -d: gone by itself should the test die before its kill
for node in 0 1; do
	cpu=$(cut -d, -f1 $sysnode/node$node/cpulist | cut -d- -f1)
	tools/pfcount/pfcount -i lo -g "$cpu" -d 60 -q > /dev/null 2>&1 &
	pid=$!
	got=$(ring_nodes $pid 1)
	kill $pid
	wait $pid || true
	if [ "$got" != "$node" ]; then
		echo "pfcount -g $cpu: want its ring on node $node, got: '$got'"
		fail=1
	else
		echo "pfcount -g $cpu: ring all on node $node"
	fi
done

# -m -g: two software queues, queue 0 read on node 0's CPU, 1 on node 1's.
cpu0=$(cut -d, -f1 $sysnode/node0/cpulist | cut -d- -f1)
cpu1=$(cut -d, -f1 $sysnode/node1/cpulist | cut -d- -f1)
echo 2 > /proc/net/pf_ring/dev/lo/soft_queues
tools/pfcount/pfcount -i lo -m -g "$cpu0:$cpu1" -d 60 -q > /dev/null 2>&1 &
pid=$!
got=$(ring_nodes $pid 2 | sort | tr '\n' ' ')
kill $pid
wait $pid || true
echo 0 > /proc/net/pf_ring/dev/lo/soft_queues
if [ "$got" != "0 1 " ]; then
	echo "pfcount -m -g $cpu0:$cpu1: want a ring on node 0 and one on node 1, got: '$got'"
	fail=1
else
	echo "pfcount -m -g $cpu0:$cpu1: one ring all on node 0, one all on node 1"
fi
exit $fail
