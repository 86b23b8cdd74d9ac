#!/bin/sh
# pcap_inject() and pcap_sendpacket() through libpfring-pcap.so send on
# the PF_RING socket (pfring_send): a stock tcpdump on the peer gets the
# frames, byte for byte.  Exit 77 (skipped) while PF_RING cannot send.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb
shim_tcpdump got stock tcpdump -Z root -n -i vb -c 40 -w "$tmp/got.pcap" "ether proto 0x88b5"
wait_capturing got
rc=0
LD_PRELOAD="$SHIM_LIB" "$SHIM_BIN/shim_inject" va 40 "$tmp/sent.pcap" > "$tmp/inj.out" 2>&1 || rc=$?
cat "$tmp/inj.out"
[ $rc = 77 ] && exit 77
[ $rc = 0 ] || fail "shim_inject exited $rc"
wait_exit got
[ "$(pcap_count "$tmp/got.pcap")" = 40 ] || fail "vb got $(pcap_count "$tmp/got.pcap") frames"
pcap_text "$tmp/sent.pcap" > "$tmp/sent.txt"
pcap_text "$tmp/got.pcap" > "$tmp/got.txt"
cmp -s "$tmp/sent.txt" "$tmp/got.txt" || { diff "$tmp/sent.txt" "$tmp/got.txt" | head; fail "frames differ"; }
echo "40 frames injected, 40 received intact"
