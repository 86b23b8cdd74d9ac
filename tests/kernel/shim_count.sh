#!/bin/sh
# tcpdump through libpfring-pcap.so: "-c N" stops after exactly N
# packets; and with a small ring (-B) flooded while tcpdump is stopped,
# its exit statistics add up: captured + dropped by kernel = sent, and
# "received by filter" = captured once the ring has been read empty.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb

# -c: 50 frames sent, 10 captured, tcpdump ends by itself.
shim_tcpdump c10 shim tcpdump -Z root -n -i vb -c 10 -w "$tmp/c10.pcap"
wait_capturing c10 vb
"$SHIM_BIN/shim_gen" va 50
wait_exit c10
[ "$(pcap_count "$tmp/c10.pcap")" = 10 ] ||
	fail "-c 10 wrote $(pcap_count "$tmp/c10.pcap") packets"
[ "$(stat_line c10 captured)" = 10 ] ||
	fail "-c 10: $(cat "$tmp/c10.err")"

# Flood: records of at most 96 + 1522 bytes (MTU 1500 and QinQ), 1632
# once rounded to 16; a 64 KiB data area always holds
# (65536 - 1632 + 16) / 1632 = 39 of them.  tcpdump is stopped while
# SENT frames arrive, so all but the ring's worth are dropped.
SENT=2000
rx0=$(dev_packets vb RX)
shim_tcpdump flood shim tcpdump -Z root -n -U -B 64 -i vb -w "$tmp/flood.pcap"
wait_capturing flood vb
ring=$(ring_file "$(pid_of flood)" vb)
slots=$(sed -n 's/^Num Slots *: *//p' "$ring")
slot_len=$(sed -n 's/^Slot Len *: *//p' "$ring")
[ "$slots" = 39 ] && [ "$slot_len" = 1632 ] ||
	fail "-B 64: a ring of $slots records of $slot_len bytes, not 39 of 1632"
kill -STOP "$(pid_of flood)"
build/tests/kernel/sendframes va $SENT 100
rx=$(($(dev_packets vb RX) - rx0))
[ $rx = $SENT ] || fail "vb received $rx frames of the $SENT sent"
kill -CONT "$(pid_of flood)"
queued() { sed -n 's/^Num Queued Pkts *: *//p' "$ring"; }
drained() { [ "$(queued)" = 0 ]; }
wait_until "$SHIM_TIMEOUT" drained || fail "the ring keeps $(queued) packets"
sleep 0.5	# the last packets' way into the file
stop flood

captured=$(stat_line flood captured)
received=$(stat_line flood "received by filter")
dropped=$(stat_line flood "dropped by kernel")
infile=$(pcap_count "$tmp/flood.pcap")
echo "flood: sent $SENT, captured $captured, received by filter $received, dropped $dropped, in file $infile"
[ -n "$captured" ] && [ -n "$received" ] && [ -n "$dropped" ] ||
	fail "no statistics: $(cat "$tmp/flood.err")"
[ $((captured + dropped)) = $SENT ] || fail "captured + dropped != sent"
[ "$received" = "$captured" ] || fail "received by filter != captured"
[ "$infile" = "$captured" ] || fail "the file holds $infile packets"
[ "$dropped" -gt 0 ] || fail "nothing dropped: the ring was not flooded"
