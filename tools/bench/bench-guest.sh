#!/bin/bash
# Runs in the test VM, started by tools/bench/bench.sh through
# "tests/vm/run --no-module": it loads kernel/pf_ring.ko itself, once with
# the defaults and once with quick_mode=1 per repetition.
#
# Every consumer captures on vb, pinned to CPU 1; pktgen (kpktgend_0)
# runs on CPU 0.  pfring_2q is two processes on CPU 1, one per software
# queue (vb@0, vb@1; soft_queues=2 while it runs).
#   (a) netif: pktgen "xmit_mode netif_receive" on vb injects into vb's
#       receive path; the packet taps run synchronously on CPU 0, so
#       pktgen's own rate falls with the kernel-side cost of capturing.
#       pfring_hold and tpv3_hold read each burst only once it has
#       been sent, so CPU 0's rate falls by the kernel's part alone,
#       also with one CPU (BENCH_ICOUNT), where the readers share it.
#   (b) veth:  pktgen sends on va, the peer vb receives; RPS moves vb's
#       receive path (backlog, NET_RX softirq, the packet taps) to CPU 1,
#       so that the kernel's capture work and the consumer share one CPU
#       as on a capture host with a core per queue, and pktgen on CPU 0
#       can offer more than that CPU takes.  The highest rate at which a
#       burst of PROBE_S seconds arrives without loss is searched by
#       bisection.
# Frames go to a foreign MAC address, so the stack drops them early in
# ip_rcv() and the capture is most of the cost.
#
# Writes CSV records to $BENCH_OUT (see README in this folder).
set -u

OUT=${BENCH_OUT:-build/bench/raw.csv}
QUICK=${BENCH_QUICK:-0}
KO=kernel/pf_ring.ko
CAP=tools/bench/benchcap
SNAPLEN=1536
# Every consumer gets libpcap's default buffer, 2 MiB: the AF_PACKET
# rings, libpcap and tcpdump (-B) take it as is; the module sizes a
# PF_RING ring by full-size records (96 + 1536 bytes): min_num_slots=1284
# is the most whose data area is 2 MiB, and the shim picks the same for
# -B 2048.
RING_BYTES=$((2 * 1024 * 1024))
PFRING_SLOTS=1284
TIMEOUT_MS=1000		# tcpdump's read timeout; libpcap's V3 block timeout
# pfring_hold and tpv3_hold (benchcap -n) read only after each burst, so
# their rings must hold one: 64 MiB each (min_num_slots=41000 is the most
# whose data area is 64 MiB), (a) only, and only for frames small enough.
HOLD_BYTES=$((64 * 1024 * 1024))
HOLD_SLOTS=41000
FLOWS=1024

if [ "$QUICK" = 1 ]; then
	REPS=${BENCH_REPS:-1} STEPS=${BENCH_STEPS:-3} PROBE_S=${BENCH_PROBE_S:-1}
	NETIF_COUNT=${BENCH_NETIF_COUNT:-150000} VETH_COUNT=${BENCH_VETH_COUNT:-100000}
	MIN_PROBE=${BENCH_MIN_PROBE:-60000}
else
	REPS=${BENCH_REPS:-3} STEPS=${BENCH_STEPS:-4} PROBE_S=${BENCH_PROBE_S:-2}
	NETIF_COUNT=${BENCH_NETIF_COUNT:-200000} VETH_COUNT=${BENCH_VETH_COUNT:-150000}
	MIN_PROBE=${BENCH_MIN_PROBE:-100000}
fi
SIZES=${BENCH_SIZES:-60 1514}
CONSUMERS=${BENCH_CONSUMERS:-none pfring pfring_burst pfring_quick pfring_2q pfring_hold tpv3 tpv3_hold tpv2 pcap tcpdump_shim tcpdump}

PG=/proc/net/pktgen
RPS=/sys/class/net/vb/queues/rx-0/rps_cpus
# The consumers' CPU: 1, or 0 in a one-CPU guest (BENCH_ICOUNT), where
# pktgen, the receive path and the consumer take turns.
read -r CPUS < /sys/devices/system/cpu/online
if [ "$CPUS" = 0 ]; then CCPU=0 RPS_MASK=0; else CCPU=1 RPS_MASK=2; fi
SOFTQ=/proc/net/pf_ring/dev/vb/soft_queues	# there while the module knows vb
WORK=$(mktemp -d)

# Every program started under TCG costs a lot (exec over 9p), so the
# loops below use shell builtins only: no $(...), grep, sed, awk or sleep.
mkfifo "$WORK/nap" "$WORK/cons" "$WORK/cons1"
exec 7<> "$WORK/nap"	# nobody writes: read -t on it is a sleep
nap() { read -r -t "$1" _ <&7; }

die() { echo "bench-guest: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

pg() { echo "$2" > "$PG/$1" || die "pktgen $1: '$2' refused"; }

load_module() {
	rmmod pf_ring 2>/dev/null
	insmod "$KO" min_num_slots=$PFRING_SLOTS "$@" || die "insmod $KO $*"
}

setup_net() {
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip link add va type veth peer name vb || die "no veth"
	ip link set va up
	ip link set vb up
	modprobe pktgen || die "no pktgen"
}

# pg_config DEV MODE SIZE COUNT RATE: one pktgen device on kpktgend_0
# (CPU 0); RATE 0 means as fast as it goes.  FLOWS UDP flows by source
# port, in sequence.
pg_config() {
	pg kpktgend_0 "rem_device_all"
	pg kpktgend_0 "add_device $1"
	pg "$1" "xmit_mode $2"
	pg "$1" "pkt_size $3"
	pg "$1" "count $4"
	if [ "$5" = 0 ]; then pg "$1" "delay 0"; else pg "$1" "ratep $5"; fi
	pg "$1" "dst 10.0.0.2"
	pg "$1" "src_min 10.0.0.1"
	pg "$1" "src_max 10.0.0.1"
	pg "$1" "dst_mac 02:00:00:00:00:02"
	pg "$1" "udp_src_min 1024"
	pg "$1" "udp_src_max $((1024 + FLOWS - 1))"
	pg "$1" "udp_dst_min 9"
	pg "$1" "udp_dst_max 9"
}

# pg_run DEV: sends; sets SENT, USEC, PPS from pktgen's result:
#   Result: OK: 2213520(c2212766+d753) usec, 300000 (60byte,0frags)
#     135530pps 65Mb/sec (65054400bps) errors: 0
pg_run() {
	local line re1='Result: OK: ([0-9]+)\(.*usec, ([0-9]+) \(' re2='^ *([0-9]+)pps'
	USEC='' SENT='' PPS=''
	pg pgctrl start
	while read -r line; do
		if [[ $line =~ $re1 ]]; then
			USEC=${BASH_REMATCH[1]} SENT=${BASH_REMATCH[2]}
		elif [[ $line =~ $re2 ]]; then
			PPS=${BASH_REMATCH[1]}
		fi
	done < "$PG/$1"
	if [ -z "$USEC" ] || [ -z "$SENT" ] || [ -z "$PPS" ]; then
		die "pktgen $1: no result"
	fi
}

# Sets BUSY_ALL and BUSY_CONS: busy ns of all CPUs and of CPU 1 (the
# consumer's) from /proc/stat (USER_HZ = 100: 10 ms a tick).
cpu_busy() {
	local name user nice sys _idle _iow irq soft steal _rest
	while read -r name user nice sys _idle _iow irq soft steal _rest; do
		case $name in
		cpu) BUSY_ALL=$(((user + nice + sys + irq + soft + steal) * 10000000)) ;;
		"cpu$CCPU") BUSY_CONS=$(((user + nice + sys + irq + soft + steal) * 10000000)) ;;
		esac
	done < /proc/stat
}

# Sets BACKLOG_DROPS: frames the backlog queues dropped, all CPUs
# (softnet_stat column 2, hexadecimal).
backlog_drops() {
	local _a b _rest
	BACKLOG_DROPS=0
	while read -r _a b _rest; do
		BACKLOG_DROPS=$((BACKLOG_DROPS + 16#$b))
	done < /proc/net/softnet_stat
}

# ---- consumers --------------------------------------------------------
# A consumer is one process, pfring_2q two (process q reads vb@q).  The
# report lines of process q come through a FIFO on fd 5 + q: benchcap's
# stdout, tcpdump's stderr.  Opened read-write so that it never blocks.
# CPIDS holds the processes' pids (empty: no consumer).

# read_until PATTERN SEC [FD]: reads fd FD (default 5) until a line
# matches PATTERN (sets LINE); 1 after SEC s.
read_until() {
	while read -r -t "$2" -u "${3:-5}" LINE; do
		[[ $LINE =~ $1 ]] && return 0
	done
	return 1
}

start_consumer() {
	local q api tcpdump_args=(-i vb -n -s "$SNAPLEN" -B $((RING_BYTES / 1024)) -w /dev/null)
	CONS=$1
	CPIDS=()
	[ "$CONS" = none ] && return 0
	exec 5<> "$WORK/cons"
	case ${CONS%_quick} in
	pfring | pfring_tm[12] | pfring_burst)
		api=pfring
		[ "$CONS" != pfring_burst ] || api=pfring_burst
		taskset -c "$CCPU" "$CAP" -m $api -i vb -s "$SNAPLEN" > "$WORK/cons" & ;;
	pfring_2q)
		# vb's traffic split by flow hash into two software queues, a
		# libpfring reader on each, both on CPU 1 because pktgen has
		# CPU 0 (on hardware each would get a core of its own).
		echo 2 > "$SOFTQ" || die "$SOFTQ: 2 refused"
		exec 6<> "$WORK/cons1"
		taskset -c "$CCPU" "$CAP" -m pfring -i vb@0 -s "$SNAPLEN" > "$WORK/cons" &
		CPIDS+=("$!")
		taskset -c "$CCPU" "$CAP" -m pfring -i vb@1 -s "$SNAPLEN" > "$WORK/cons1" & ;;
	pfring_hold)	# the ring's size comes from module_params
		taskset -c "$CCPU" "$CAP" -m pfring -n -i vb -s "$SNAPLEN" > "$WORK/cons" & ;;
	tpv3)
		taskset -c "$CCPU" "$CAP" -m tpv3 -i vb -s "$SNAPLEN" -b "$RING_BYTES" \
			-t "$TIMEOUT_MS" > "$WORK/cons" & ;;
	tpv3_hold)
		taskset -c "$CCPU" "$CAP" -m tpv3 -n -i vb -s "$SNAPLEN" -b "$HOLD_BYTES" \
			-t "$TIMEOUT_MS" > "$WORK/cons" & ;;
	tpv2)
		taskset -c "$CCPU" "$CAP" -m tpv2 -i vb -s "$SNAPLEN" -b "$RING_BYTES" \
			> "$WORK/cons" & ;;
	pcap)	# libpcap's default buffer, as the issue asks
		taskset -c "$CCPU" "$CAP" -m pcap -i vb -s "$SNAPLEN" -t "$TIMEOUT_MS" \
			> "$WORK/cons" & ;;
	tcpdump)
		taskset -c "$CCPU" tcpdump "${tcpdump_args[@]}" 2> "$WORK/cons" & ;;
	tcpdump_shim | tcpdump_shim_tm[12])
		taskset -c "$CCPU" tools/pfring-pcap tcpdump "${tcpdump_args[@]}" \
			2> "$WORK/cons" & ;;
	*)
		die "unknown consumer $CONS" ;;
	esac
	CPIDS+=("$!")
	for q in "${!CPIDS[@]}"; do
		case $CONS in
		tcpdump*) read_until "listening on" 30 $((5 + q)) ;;
		*) read_until "^ready" 30 $((5 + q)) ;;
		esac || die "$CONS did not start"
	done
}

# Sets NOW: packets the consumer has counted so far (asked by SIGUSR1),
# summed over its processes, and NOWS[q]: those of process q.
captured_now() {
	local q
	NOW=0 NOWS=()
	[ "${#CPIDS[@]}" -gt 0 ] || return 0
	kill -USR1 "${CPIDS[@]}"
	for q in "${!CPIDS[@]}"; do
		read_until '^(tcpdump: )?([0-9]+) packets captured|^captured ([0-9]+)$' 10 $((5 + q)) ||
			die "$CONS does not answer"
		NOWS[q]=${BASH_REMATCH[2]}${BASH_REMATCH[3]}
		NOW=$((NOW + NOWS[q]))
	done
}

# drain BEFORE WANT: waits until the consumer has counted WANT packets
# since BEFORE, or its count has not moved for a while (the rest is
# lost); sets CAPTURED.  The libpcap-based consumers and V3 hand over a
# partly filled block/buffer only after their 1 s timeout.
drain() {
	local last=-1 same=0 settle=2
	case $CONS in tpv3* | pcap | tcpdump*) settle=7 ;; esac
	CAPTURED=0
	[ "${#CPIDS[@]}" -gt 0 ] || return 0
	while :; do
		captured_now
		CAPTURED=$((NOW - $1))
		[ "$CAPTURED" -ge "$2" ] && return 0
		if [ "$NOW" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge "$settle" ] && return 0
		else
			same=0
		fi
		last=$NOW
		nap 0.2
	done
}

# Ends the consumer; records the drops it reports and its ring size (the
# sums over its processes).  With several processes, logs what each one
# captured and dropped and puts vb back to the driver's queues.
stop_consumer() {
	[ "${#CPIDS[@]}" -gt 0 ] || return 0
	local q c d r drops='' ring='' unknown=0 split=''
	kill -INT "${CPIDS[@]}"
	wait "${CPIDS[@]}"
	for q in "${!CPIDS[@]}"; do
		c='' d='' r=''
		while read -r -t 1 -u $((5 + q)) LINE; do
			if [[ $LINE =~ ^(tcpdump: )?([0-9]+)\ packets\ dropped\ by\ kernel ]]; then
				d=${BASH_REMATCH[2]}
			elif [[ $LINE =~ ^captured\ ([0-9]+)\ drops\ ([0-9]+)\ ring_bytes\ ([0-9]+) ]]; then
				c=${BASH_REMATCH[1]} d=${BASH_REMATCH[2]} r=${BASH_REMATCH[3]}
			fi
		done
		[ -n "$d" ] || unknown=1
		drops=$((${drops:-0} + ${d:-0}))
		[ -z "$r" ] || ring=$((${ring:-0} + r))
		split+=" vb@$q captured ${c:-?} drops ${d:-?}"
		[ "${c:-0}" != 0 ] || split+=" (NOTHING CAPTURED)"
	done
	[ "$unknown" = 0 ] || drops=''
	exec 5<&-
	if [ "${#CPIDS[@]}" -gt 1 ]; then
		exec 6<&-
		log "rep $REP $CONS in all:$split"
		echo 0 > "$SOFTQ" || die "$SOFTQ: 0 refused"
	fi
	echo "final,$REP,$CONS,,,,,,,,,,$ring,$drops" >> "$OUT"
	CPIDS=()
}

# ---- measurements -----------------------------------------------------

# measure KIND DEV MODE SIZE COUNT RATE: one pktgen run with the current
# consumer; appends a record and sets SENT, PPS, CAPTURED, BACKLOG.
measure() {
	local c0 b0 all0 cons0 q split='' c0s
	pg_config "$2" "$3" "$4" "$5" "$6"
	captured_now
	c0=$NOW c0s=("${NOWS[@]}")
	backlog_drops
	b0=$BACKLOG_DROPS
	cpu_busy
	all0=$BUSY_ALL cons0=$BUSY_CONS
	pg_run "$2"
	drain "$c0" "$SENT"
	cpu_busy
	backlog_drops
	BACKLOG=$((BACKLOG_DROPS - b0))
	echo "$1,$REP,$CONS,$4,$6,$SENT,$CAPTURED,$BACKLOG,$PPS,$USEC,$((BUSY_ALL - all0)),$((BUSY_CONS - cons0)),," >> "$OUT"
	# Several processes (pfring_2q): how the queues shared the capture.
	[ "${#CPIDS[@]}" -gt 1 ] || return 0
	for q in "${!CPIDS[@]}"; do
		split+=" vb@$q $((NOWS[q] - c0s[q]))"
		[ "$CAPTURED" = 0 ] || split+=" ($(((NOWS[q] - c0s[q]) * 100 / CAPTURED))%)"
	done
	log "rep $REP $CONS ${4}B $1 rate $6: captured$split, sum $CAPTURED of $SENT sent"
}

lossless() {
	[ "$BACKLOG" = 0 ] || return 1
	[ "${#CPIDS[@]}" = 0 ] || [ "$CAPTURED" -ge "$SENT" ]
}

# The highest rate at which a PROBE_S-second burst is captured whole.
# Only here does RPS steer vb's receive path to CPU 1: in (a) it would
# take the taps off pktgen's CPU, whose rate measures their cost.
zero_loss_search() {
	local size=$1 best=0 hi rate count i got low=0
	echo $RPS_MASK > "$RPS" || die "$RPS: $RPS_MASK refused"
	measure veth va start_xmit "$size" "$VETH_COUNT" 0
	if lossless; then
		best=$PPS
	else
		hi=$PPS
		# Start just under what the consumer kept up with.
		rate=$((CAPTURED * 950000 / USEC))
		[ "$rate" -le $((hi * 95 / 100)) ] || rate=$((hi * 95 / 100))
		[ "$rate" -ge $((hi / 50)) ] || rate=$((hi / 50))
		for ((i = 1; i <= STEPS; i++)); do
			count=$((rate * PROBE_S))
			[ "$count" -ge "$MIN_PROBE" ] || count=$MIN_PROBE
			measure veth va start_xmit "$size" "$count" "$rate"
			if lossless; then
				# Credit what pktgen achieved, never more
				# than was asked for.
				got=$PPS
				[ "$got" -le "$rate" ] || got=$rate
				[ "$got" -le "$best" ] || best=$got
			else
				hi=$rate low=$rate
			fi
			[ "$i" = "$STEPS" ] || rate=$(((best + hi) / 2))
		done
	fi
	echo 0 > "$RPS" || die "$RPS: 0 refused"
	# No burst passed: the lowest rate tried (rate_req) bounds it.
	echo "zeroloss,$REP,$CONS,$size,$low,,,,$best,,,,," >> "$OUT"
}

# Sets PARAMS: the module parameters a consumer's name asks for
# (empty: the defaults).
module_params() {
	case $1 in
	*_quick) PARAMS="quick_mode=1" ;;
	# Transparent modes with RX capture only: the rx_handler alone.
	*_tm1) PARAMS="transparent_mode=1 enable_tx_capture=0" ;;
	*_tm2) PARAMS="transparent_mode=2 enable_tx_capture=0" ;;
	pfring_hold) PARAMS="min_num_slots=$HOLD_SLOTS" ;;
	*) PARAMS= ;;
	esac
}

run_consumer() {
	local size
	module_params "$1"
	# shellcheck disable=SC2086 # words on purpose
	[ -n "$PARAMS" ] && load_module $PARAMS
	start_consumer "$1"
	for size in $SIZES; do
		case $1 in
		*_hold)
			if ((NETIF_COUNT * (size + 160) > HOLD_BYTES)); then
				log "rep $REP $1 ${size}B: skipped, $NETIF_COUNT frames do not fit its ring"
				continue
			fi
			log "rep $REP $1 ${size}B: netif_receive"
			measure netif vb netif_receive "$size" "$NETIF_COUNT" 0
			continue ;;
		esac
		log "rep $REP $1 ${size}B: netif_receive"
		measure netif vb netif_receive "$size" "$NETIF_COUNT" 0
		log "rep $REP $1 ${size}B: veth zero-loss search"
		zero_loss_search "$size"
	done
	stop_consumer
	[ -n "$PARAMS" ] && load_module
}

main() {
	local list n r i size
	mkdir -p "$(dirname "$OUT")"
	read -ra list <<< "$CONSUMERS"
	n=${#list[@]}
	{
		clock=wall
		[ "${BENCH_ICOUNT:-0}" = 0 ] || clock="icount (1 ns = 1 instruction)"
		echo "# kernel $(uname -r), $(nproc) CPUs, clock $clock, clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource), pktgen on CPU 0, consumers on CPU $CCPU, (b) vb RPS mask $RPS_MASK"
		echo "# reps=$REPS steps=$STEPS probe_s=$PROBE_S netif_count=$NETIF_COUNT veth_count=$VETH_COUNT sizes='$SIZES' flows=$FLOWS"
		echo "# snaplen=$SNAPLEN ring_bytes=$RING_BYTES pf_ring min_num_slots=$PFRING_SLOTS timeout_ms=$TIMEOUT_MS min_probe=$MIN_PROBE consumers='$CONSUMERS'"
		echo "kind,rep,consumer,size,rate_req,sent,captured,backlog_drop,pps,usec,busy_all_ns,busy_cons_ns,ring_bytes,reported_drops"
	} > "$OUT"
	load_module
	setup_net
	# One unrecorded round first: under TCG the first run of a code
	# path pays for its translation, which would count against the
	# consumer that happens to come first.
	log "warm-up"
	REP=0 CONS=none CPIDS=()
	for size in $SIZES; do
		OUT=/dev/null measure netif vb netif_receive "$size" "$NETIF_COUNT" 0
		echo $RPS_MASK > "$RPS" || die "$RPS: $RPS_MASK refused"
		OUT=/dev/null measure veth va start_xmit "$size" "$VETH_COUNT" 0
		echo 0 > "$RPS" || die "$RPS: 0 refused"
	done
	for ((r = 1; r <= REPS; r++)); do
		REP=$r
		# Rotate the order each repetition so that drift over the run
		# does not always favour the same consumer.
		for ((i = 0; i < n; i++)); do
			run_consumer "${list[$(((i + (r - 1) * 3) % n))]}"
		done
	done
	ip link del va
	rmmod pf_ring
	rm -rf "$WORK"
}

main
