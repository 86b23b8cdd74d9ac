#!/bin/sh
# A libpcap program (shim_nonblock.c) through libpfring-pcap.so in
# non-blocking mode, sleeping in poll() on pcap_get_selectable_fd() and
# draining with pcap_next_ex(), gets exactly the frames sent, in order.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb
for len in 100 1514; do
	LD_PRELOAD="$SHIM_LIB" timeout "$SHIM_TIMEOUT" \
		"$SHIM_BIN/shim_nonblock" vb 300 $len > "$tmp/nb.out" 2>&1 &
	pid=$!
	shim_pids="$shim_pids $pid"
	ready() { grep -q ready "$tmp/nb.out"; }
	wait_until "$SHIM_TIMEOUT" ready || fail "shim_nonblock: $(cat "$tmp/nb.out")"
	build/tests/kernel/sendframes va 300 $len
	wait $pid || fail "shim_nonblock, $len-byte frames: $(cat "$tmp/nb.out")"
	grep "^received" "$tmp/nb.out"
done
