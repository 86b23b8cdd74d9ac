#!/bin/bash
# bench.sh [--quick]: the capture benchmark of `make bench` (see README in
# this folder).  Boots the test VM once, runs bench-guest.sh in it, then
# prints the table and the ratios and draws the chart.  Everything goes
# to build/bench/: raw.csv (one record per measurement), results.txt (what
# is printed), results.csv (median/min/max of every figure), chart.dat
# and chart.png.
#
# --quick (or BENCH_QUICK=1): one repetition and shorter searches, ~1-3
# minutes instead of ~6-15.
#
# BENCH_ICOUNT=1: the guest gets one vCPU whose clock counts instructions
# (tests/vm/run --icount): every rate and cost is then in instructions
# (1 ns = 1 instruction) and repeats to a few in 10,000, where the
# default two-vCPU guest's timings swing by 30%.  pktgen, the receive
# path and the consumer take turns on the one CPU, so a cost includes
# the consumer's own work; instructions are not cycles (a cache miss or
# a serialising atomic counts as one).  BENCH_REPS, BENCH_STEPS, BENCH_PROBE_S,
# BENCH_NETIF_COUNT, BENCH_VETH_COUNT, BENCH_MIN_PROBE, BENCH_SIZES and BENCH_CONSUMERS
# override the defaults (bench-guest.sh).
set -euo pipefail

cd "$(dirname "$0")/../.."
quick=${BENCH_QUICK:-0}
case ${1:-} in
--quick) quick=1 ;;
"") ;;
*)
	echo "bench.sh: unknown argument '$1' (only --quick)" >&2
	exit 2 ;;
esac
[ "$quick" = 0 ] || quick=1
icount=()
case ${BENCH_ICOUNT:-0} in
0) ;;
1) icount=(--smp 1 --icount) ;;
*)
	echo "bench.sh: BENCH_ICOUNT: '$BENCH_ICOUNT' is neither 0 nor 1" >&2
	exit 2 ;;
esac

for f in kernel/pf_ring.ko tools/bench/benchcap userland/pcap/libpfring-pcap.so; do
	[ -e "$f" ] || { echo "bench.sh: $f missing: run make all, make -C tools/bench" >&2; exit 1; }
done
command -v gnuplot >/dev/null || { echo "bench.sh: gnuplot missing: run tests/deps.sh" >&2; exit 1; }

out=build/bench
mkdir -p "$out"
# Only what the guest needs to see is passed: tests/vm/run gives CMD a
# fixed environment.
guest_env=("BENCH_QUICK=$quick" "BENCH_OUT=$out/raw.csv" "BENCH_ICOUNT=${BENCH_ICOUNT:-0}")
for v in BENCH_REPS BENCH_STEPS BENCH_PROBE_S BENCH_NETIF_COUNT BENCH_VETH_COUNT BENCH_MIN_PROBE \
	BENCH_SIZES BENCH_CONSUMERS; do
	[ -z "${!v:-}" ] || guest_env+=("$v=${!v}")
done
timeout=1800
[ "$quick" = 0 ] || timeout=600
# Under TCG the guest picks the HPET clocksource: every time stamp is then
# an emulated MMIO access serialised across the vCPUs, which makes the
# consumers that stamp or poll timers look far costlier than on hardware,
# where the TSC is used.  BENCH_CLOCKSOURCE=hpet measures it that way.
clocksource=${BENCH_CLOCKSOURCE:-tsc}
case $clocksource in
tsc) append=(--append "clocksource=tsc tsc=reliable") ;;
hpet) append=() ;;
*)
	echo "bench.sh: BENCH_CLOCKSOURCE: '$clocksource' is neither tsc nor hpet" >&2
	exit 2 ;;
esac
# BENCH_NICE: a niceness for the VM, to leave the host to other work.
cmd=(nice -n "${BENCH_NICE:-0}" tests/vm/run --no-module --timeout "$timeout" "${icount[@]}" "${append[@]}" --
     env "${guest_env[@]}" tools/bench/bench-guest.sh)

start=$(date +%s)
{
	echo "make bench: $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname), $(nproc) host CPUs," \
		"load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "command: ${cmd[*]}"
} | tee "$out/results.head"
rm -f "$out/raw.csv"
if ! "${cmd[@]}"; then
	echo "bench.sh: the VM run failed" >&2
	exit 1
fi
secs=$(($(date +%s) - start))

{
	cat "$out/results.head"
	sed -n 's/^# /parameters: /p' "$out/raw.csv"
	echo "duration: $((secs / 60)) min $((secs % 60)) s"
	awk -f tools/bench/report.awk -v csv="$out/results.csv" -v dat="$out/chart.dat" \
		"$out/raw.csv"
} > "$out/results.txt"
rm -f "$out/results.head"
cat "$out/results.txt"

vcpus="2 vCPUs"
[ "${BENCH_ICOUNT:-0}" = 0 ] || vcpus="1 vCPU, icount: ns = instructions"
sub="$vcpus, $(sed -n 's/^# \(reps=[^ ]* \).*/\1/p' "$out/raw.csv")$(date -u '+%Y-%m-%d')"
gnuplot -e "dat='$out/chart.dat'; out='$out/chart.png'; sub='$sub'" tools/bench/chart.gp
echo
echo "written: $out/results.txt $out/results.csv $out/raw.csv $out/chart.png"
