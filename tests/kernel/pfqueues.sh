#!/bin/sh
# pfqueues on a veth pair with two queues: shows the layout, sets the
# software queues and the RPS CPUs and flow counts, which read back from
# /proc and sysfs, a second run finds nothing to change, and mistakes
# give one line and exit status 1 (system) or 2 (usage).
# "pfqueues.sh nic": also an e1000e NIC (eth0) with a receive queue
# interrupt: its affinity is set and reads back, its RPS is cleared.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export tmp
pfq=tools/pfqueues/pfqueues
export pfq
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -n -m sh -eu -c '
	mount -t sysfs sysfs /sys	# this namespace'"'"'s devices
	echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
	echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
	ip link add va numtxqueues 2 numrxqueues 2 type veth peer name vb \
		numtxqueues 2 numrxqueues 2
	ip link set va up
	ip link set vb up
	q=/sys/class/net/vb/queues
	$pfq vb > "$tmp/show"
	$pfq vb --soft 4 > "$tmp/soft"
	cat /proc/net/pf_ring/dev/vb/soft_queues > "$tmp/soft.read"
	$pfq vb > "$tmp/show.soft"
	$pfq vb --spread --cpus 1,0 > "$tmp/spread"
	cat $q/rx-0/rps_cpus $q/rx-1/rps_cpus > "$tmp/spread.read"
	$pfq vb --spread --cpus 1,0 > "$tmp/again"
	$pfq vb --spread --soft 0 > "$tmp/spread.all"
	cat $q/rx-0/rps_cpus $q/rx-1/rps_cpus \
		/proc/net/pf_ring/dev/vb/soft_queues > "$tmp/spread.all.read"
	$pfq vb --flows 100 > "$tmp/flows"
	cat $q/rx-0/rps_flow_cnt $q/rx-1/rps_flow_cnt > "$tmp/flows.read"
	set +e
	$pfq nosuch 2> "$tmp/err.dev"; echo $? >> "$tmp/err.dev"
	$pfq vb --spread --cpus 5 2> "$tmp/err.cpu"; echo $? >> "$tmp/err.cpu"
	$pfq vb --soft 65 2> "$tmp/err.soft"; echo $? >> "$tmp/err.soft"
	$pfq vb --cpus 0 2> "$tmp/err.usage"; echo $? >> "$tmp/err.usage"
	$pfq 2> "$tmp/err.nodev"; echo $? >> "$tmp/err.nodev"
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
lines() {	# lines FILE N: FILE has N lines
	[ "$(wc -l < "$tmp/$1")" = "$2" ] || { echo "$1: not $2 lines"; fail=1; }
}
check show "^vb: 2 RX queues, rps_sock_flow_entries n/a$" \
	"^rx-0 +- +- +- +- +0$" "^rx-1 +- +- +- +- +0$" \
	"^pf_ring: the RX queues \(no software queues\)$" \
	"^Queue +Packets +Sockets$" "^1 +0 +0$"
check soft "^vb: soft_queues: 0 -> 4$"
lines soft 1
check soft.read "^4$"
check show.soft "^pf_ring: 4 software queues \(by flow hash\)$" "^3 +0 +0$"
check spread "^vb: rx-0 rps_cpus: none -> 1$" "^vb: rx-1 rps_cpus: none -> 0$"
lines spread 2
check spread.read "^0*2$" "^0*1$"
check again "^vb: nothing to change$"
lines again 1
check spread.all "^vb: soft_queues: 4 -> 0$" "^vb: rx-0 rps_cpus: 1 -> 0$" \
	"^vb: rx-1 rps_cpus: 0 -> 1$"
[ "$(tr '\n' ' ' < "$tmp/spread.all.read")" = "1 2 0 " ] ||
	{ echo "spread.all.read: $(cat "$tmp/spread.all.read")"; fail=1; }
check flows "^vb: rx-0 rps_flow_cnt: 0 -> 128$" "^vb: rx-1 rps_flow_cnt: 0 -> 128$"
check flows.read "^128$"
check err.dev "^pfqueues: nosuch: no such device in /sys/class/net" "^1$"
check err.cpu "^pfqueues: --cpus: CPU 5 is not online$" "^1$"
check err.soft "^pfqueues: --soft: invalid value '65' \(0-64\)" "^2$"
check err.usage "^pfqueues: --cpus goes with --spread" "^2$"
check err.nodev "^pfqueues: no device given" "^2$"
for f in err.dev err.cpu err.soft err.usage err.nodev; do
	lines $f 2	# the message and the status
done

if [ "${1:-}" = nic ]; then
	modprobe e1000e
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -e /sys/class/net/eth0 ] && break
		sleep 0.5
	done
	ip link set eth0 up	# the driver asks for its interrupts now
	irq=$(awk -F: '/ eth0-rx-0$/ { gsub(/ /, "", $1); print $1 }' /proc/interrupts)
	echo 0-1 > "/proc/irq/$irq/smp_affinity_list"
	echo 3 > /sys/class/net/eth0/queues/rx-0/rps_cpus
	$pfq eth0 > "$tmp/nic.show"
	$pfq eth0 --spread --cpus 1 > "$tmp/nic.spread"
	cat "/proc/irq/$irq/smp_affinity_list" \
		/sys/class/net/eth0/queues/rx-0/rps_cpus > "$tmp/nic.read"
	$pfq eth0 --spread --cpus 0 > "$tmp/nic.spread0"
	cat "/proc/irq/$irq/smp_affinity_list" >> "$tmp/nic.read"
	check nic.show "^eth0: 1 RX queue, " \
		"^rx-0 +$irq +eth0-rx-0 +0-1 +0-1 +0$"
	check nic.spread "^eth0: rx-0 irq $irq \(eth0-rx-0\) affinity: 0-1 -> 1$" \
		"^eth0: rx-0 rps_cpus: 0-1 -> none$"
	lines nic.spread 2
	check nic.spread0 "^eth0: rx-0 irq $irq \(eth0-rx-0\) affinity: 1 -> 0$"
	lines nic.spread0 1
	[ "$(tr '\n' ' ' < "$tmp/nic.read")" = "1 0 0 " ] ||
		{ echo "nic.read: $(cat "$tmp/nic.read")"; fail=1; }
fi

if [ $fail = 1 ]; then
	for f in "$tmp"/*; do
		echo "--- ${f##*/}"; cat "$f"
	done
fi
exit $fail
