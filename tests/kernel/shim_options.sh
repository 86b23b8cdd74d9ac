#!/bin/sh
# tcpdump options through libpfring-pcap.so: -s (snaplen, the same bytes
# as AF_PACKET), -B (ring size), -Q (direction), -i any (Linux cooked v2
# headers, the same bytes as AF_PACKET's; cooked v1 and Ethernet on
# request), --immediate-mode, -L and -J (link and time stamp types), and
# a device that is down.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

shim_veth va vb
ring_field() {	# ring_field NAME FIELD: a line of tcpdump NAME's ring file
	sed -n "s/^$2 *: *//p" "$(ring_file "$(pid_of "$1")" "$3")"
}

# -s 100: the same truncated packets as AF_PACKET, snaplen in the header.
shim_tcpdump ref stock tcpdump -Z root -n -s 100 -i vb -c 100 -w "$tmp/ref.pcap"
shim_tcpdump s100 shim tcpdump -Z root -n -s 100 -B 4096 -i vb -c 100 -w "$tmp/s100.pcap"
# Direction: va sends, so -Q out sees the frames and -Q in none.
shim_tcpdump out shim tcpdump -Z root -n -Q out -i va -c 100 -w "$tmp/out.pcap"
shim_tcpdump in shim tcpdump -Z root -n -Q in -i va -w "$tmp/in.pcap"
# "any": va's sending and vb's receiving, each frame twice.  Untagged
# frames only: for tagged ones the kernel's cooked view (what AF_PACKET
# strips, which protocol it reports) changes between kernel versions.
shim_tcpdump anyref stock tcpdump -Z root -n -i any -c 200 -w "$tmp/anyref.pcap"
shim_tcpdump any shim tcpdump -Z root -n -i any -c 200 -w "$tmp/any.pcap"
shim_tcpdump any1 shim tcpdump -Z root -n -i any -y LINUX_SLL -c 200 -w "$tmp/any1.pcap"
shim_tcpdump anye shim tcpdump -Z root -n -i any -y EN10MB -c 200 -w "$tmp/anye.pcap"
shim_tcpdump imm shim tcpdump -Z root -n --immediate-mode -i vb -c 100 -w "$tmp/imm.pcap"
for t in ref anyref s100 out in any any1 anye imm; do
	case $t in
	ref | anyref) wait_capturing $t ;;
	out | in) wait_capturing $t va ;;
	any*) wait_capturing $t any ;;
	*) wait_capturing $t vb ;;
	esac
done
[ "$(ring_field s100 "Bucket Len" vb)" = 100 ] || fail "-s 100: bucket $(ring_field s100 "Bucket Len" vb)"
# -B 4096 (KiB): records of 96 + 100 bytes, 208 once rounded to 16; a
# 4 MiB data area always holds (4194304 - 208 + 16) / 208 = 20164.
[ "$(ring_field s100 "Num Slots" vb)" = 20164 ] || fail "-B 4096: $(ring_field s100 "Num Slots" vb) slots of $(ring_field s100 "Slot Len" vb)"
[ "$(ring_field imm "Poll Pkt Watermark" vb)" = 1 ] || fail "--immediate-mode: watermark $(ring_field imm "Poll Pkt Watermark" vb)"
[ "$(ring_field in "Capture Direction" va)" = "RX only" ] || fail "-Q in: $(ring_field in "Capture Direction" va)"
[ "$(ring_field out "Capture Direction" va)" = "TX only" ] || fail "-Q out: $(ring_field out "Capture Direction" va)"
"$SHIM_BIN/shim_gen" va 100 novlan
for t in ref s100 out anyref any any1 anye imm; do
	wait_exit $t
done
stop in
pcap_text "$tmp/ref.pcap" > "$tmp/ref.txt"
pcap_text "$tmp/s100.pcap" > "$tmp/s100.txt"
cmp -s "$tmp/ref.txt" "$tmp/s100.txt" || { diff "$tmp/ref.txt" "$tmp/s100.txt" | head; fail "-s 100 differs from AF_PACKET"; }
env -u LD_PRELOAD tcpdump -r "$tmp/s100.pcap" -c 1 2>&1 | grep -q "snapshot length 100" ||
	fail "-s 100: the savefile's snaplen"
[ "$(pcap_count "$tmp/in.pcap")" = 0 ] || fail "-Q in on the sender captured $(pcap_count "$tmp/in.pcap")"
[ "$(pcap_count "$tmp/out.pcap")" = 100 ] || fail "-Q out"
[ "$(pcap_count "$tmp/imm.pcap")" = 100 ] || fail "--immediate-mode"
pcap_text "$tmp/anyref.pcap" > "$tmp/anyref.txt"
pcap_text "$tmp/any.pcap" > "$tmp/any.txt"
cmp -s "$tmp/anyref.txt" "$tmp/any.txt" || { diff "$tmp/anyref.txt" "$tmp/any.txt" | head; fail "-i any differs from AF_PACKET"; }
linktype() { env -u LD_PRELOAD tcpdump -r "$1" -c 1 2>&1 | sed -n 's/.*link-type \([^ ]*\) .*/\1/p'; }
[ "$(linktype "$tmp/any.pcap")" = LINUX_SLL2 ] || fail "-i any: link type $(linktype "$tmp/any.pcap")"
[ "$(linktype "$tmp/any1.pcap")" = LINUX_SLL ] || fail "-i any -y LINUX_SLL: link type $(linktype "$tmp/any1.pcap")"
[ "$(linktype "$tmp/anye.pcap")" = EN10MB ] || fail "-i any -y EN10MB: link type $(linktype "$tmp/anye.pcap")"
[ "$(pcap_count "$tmp/any1.pcap")" = 200 ] && [ "$(pcap_count "$tmp/anye.pcap")" = 200 ] ||
	fail "-i any -y: packet counts"
echo "-s, -B, -Q, any (SLL2 as AF_PACKET, SLL, EN10MB) and --immediate-mode: as expected"

LD_PRELOAD="$SHIM_LIB" tcpdump -L -i vb > "$tmp/L" 2>&1 || fail "tcpdump -L: $(cat "$tmp/L")"
grep -q "^  EN10MB (Ethernet)" "$tmp/L" && [ "$(wc -l < "$tmp/L")" = 2 ] ||
	fail "tcpdump -L: $(cat "$tmp/L")"
LD_PRELOAD="$SHIM_LIB" tcpdump -J -i vb > "$tmp/J" 2>&1 || fail "tcpdump -J: $(cat "$tmp/J")"
grep -q "^  host (Host)" "$tmp/J" && [ "$(wc -l < "$tmp/J")" = 2 ] ||
	fail "tcpdump -J: $(cat "$tmp/J")"
echo "-L and -J: one link type, host time stamps"

ip link add vx type veth peer name vy
rc=0
LD_PRELOAD="$SHIM_LIB" tcpdump -Z root -n -i vx -c 1 > "$tmp/down" 2>&1 || rc=$?
[ $rc != 0 ] && grep -q "That device is not up" "$tmp/down" ||
	fail "a device that is down: $(cat "$tmp/down")"
echo "a device that is down: $(head -1 "$tmp/down")"
