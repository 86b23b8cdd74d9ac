#!/bin/sh
# The stock tcpdump through libpfring-pcap.so (LD_PRELOAD): "tcpdump -w"
# of a mixed traffic set (IPv4/IPv6, TCP/UDP/ICMP, 802.1Q and QinQ,
# fragments, ARP, 60..1514 bytes) writes the same packets, byte for byte
# and in the same order, as a stock tcpdump (AF_PACKET) capturing the
# same run on the same device, and with nanosecond timestamps as well;
# the files read back with "tcpdump -r"; timestamps agree within 1 s.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

N=400
shim_veth va vb
shim_tcpdump ref stock tcpdump -Z root -n -i vb -c $N -w "$tmp/ref.pcap"
shim_tcpdump shim shim tcpdump -Z root -n -i vb -c $N -w "$tmp/shim.pcap"
shim_tcpdump nano shim tcpdump -Z root -n -i vb -c $N \
	--time-stamp-precision=nano -w "$tmp/nano.pcap"
wait_capturing ref
wait_capturing shim vb
wait_capturing nano vb
"$SHIM_BIN/shim_gen" va $N
for t in ref shim nano; do
	wait_exit $t
	[ "$(stat_line $t captured)" = $N ] ||
		fail "$t: not '$N packets captured': $(cat "$tmp/$t.err")"
done

# The reference must hold the whole mix, or the comparison proves little.
pcap_text "$tmp/ref.pcap" > "$tmp/ref.txt"
for what in "ethertype IPv4" "ethertype IPv6" "ethertype ARP" \
	"ethertype 802.1Q" "ethertype 802.1Q-QinQ" "ICMP echo request" \
	"ICMP6, echo request" "UDP" "Flags \[P.\]" "frag" "length 60:" \
	"length 1514:" "length 1518:"; do
	grep -q "$what" "$tmp/ref.txt" || fail "no '$what' in the reference capture"
done
[ "$(pcap_count "$tmp/ref.pcap")" = $N ] || fail "reference: not $N packets"

for t in shim nano; do
	env -u LD_PRELOAD tcpdump -r "$tmp/$t.pcap" -nn > /dev/null 2>&1 ||
		fail "$t.pcap does not read back"
	pcap_text "$tmp/$t.pcap" > "$tmp/$t.txt"
	if ! cmp -s "$tmp/ref.txt" "$tmp/$t.txt"; then
		diff "$tmp/ref.txt" "$tmp/$t.txt" | head -40
		fail "$t.pcap differs from the AF_PACKET capture"
	fi
done

# Savefile magic: microseconds a1b2c3d4, nanoseconds a1b23c4d (little endian).
magic() { od -An -tx1 -N4 "$1" | tr -d ' '; }
[ "$(magic "$tmp/shim.pcap")" = d4c3b2a1 ] || fail "shim.pcap: magic $(magic "$tmp/shim.pcap")"
[ "$(magic "$tmp/nano.pcap")" = 4d3cb2a1 ] || fail "nano.pcap: magic $(magic "$tmp/nano.pcap")"

# Every packet within 1 s of the reference's stamp, and in time order
# where the reference is: a packet queued on another CPU's backlog (the
# sender moved) can be stamped before, and delivered after, the one
# ahead of it, for every capture alike.
stamps() { env -u LD_PRELOAD tcpdump -r "$1" -tt -nn $2 2>/dev/null | cut -d' ' -f1; }
stamps "$tmp/ref.pcap" "" > "$tmp/ref.ts"
stamps "$tmp/shim.pcap" "" > "$tmp/shim.ts"
stamps "$tmp/nano.pcap" --nano > "$tmp/nano.ts"
for t in shim nano; do
	paste "$tmp/ref.ts" "$tmp/$t.ts" | awk -v t=$t '
		{ d = $2 - $1; if (d < 0) d = -d
		  if (d >= 1) { print t ": packet " NR ": " $2 " vs " $1; bad = 1 }
		  if ($2 < prev && $1 > prev_ref) {
			print t ": packet " NR " goes back in time, AF_PACKET'"'"'s does not"; bad = 1 }
		  prev = $2; prev_ref = $1 }
		END { exit bad }' || fail "timestamps of $t.pcap"
done
# Nanosecond stamps keep the nanoseconds (not microseconds * 1000).
grep -q '\.[0-9]\{6\}[0-9][0-9][1-9]$\|\.[0-9]\{6\}[0-9][1-9][0-9]$\|\.[0-9]\{6\}[1-9][0-9][0-9]$' \
	"$tmp/nano.ts" || fail "nano.pcap: no stamp with nanoseconds: $(head -3 "$tmp/nano.ts")"
echo "shim_tcpdump: $N packets identical to AF_PACKET's (micro and nano)"
