#!/bin/sh
# Without PF_RING (PCAP_NO_PF_RING set, or the module not loaded)
# libpfring-pcap.so hands live captures to the system libpcap: tcpdump
# captures as usual (no ring is bound) and prints exactly one warning.
set -eu
SHIM_NO_MODULE_OK=1
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb
modes="env"
[ -d /proc/net/pf_ring ] || modes="env unloaded"
for mode in $modes; do
	if [ "$mode" = env ]; then
		how=fallback why="PCAP_NO_PF_RING is set"
	else
		how=shim why="PF_RING is not loaded (no /proc/net/pf_ring)"
	fi
	shim_tcpdump fb $how tcpdump -Z root -n -i vb -c 50 -w "$tmp/fb.pcap"
	wait_capturing fb
	has_ring "$(pid_of fb)" vb && fail "$mode: a PF_RING ring was bound"
	build/tests/kernel/sendframes va 50 100
	wait_exit fb
	[ "$(pcap_count "$tmp/fb.pcap")" = 50 ] || fail "$mode: not 50 packets"
	[ "$(grep -c "pfring-pcap" "$tmp/fb.err")" = 1 ] &&
		grep -q "^pfring-pcap: $why: capturing with the system libpcap$" "$tmp/fb.err" ||
		fail "$mode: not one warning: $(cat "$tmp/fb.err")"
	# Listing devices warns once as well.
	if [ $how = fallback ]; then
		set -- env PCAP_NO_PF_RING=1
	else
		set -- env
	fi
	"$@" LD_PRELOAD="$SHIM_LIB" tcpdump -D > "$tmp/D" 2> "$tmp/D.err"
	[ "$(wc -l < "$tmp/D.err")" = 1 ] && ! grep -q @ "$tmp/D" ||
		fail "$mode: tcpdump -D: $(cat "$tmp/D" "$tmp/D.err")"
	echo "$mode: 50 packets through the system libpcap, one warning"
done
