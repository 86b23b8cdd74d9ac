#!/bin/sh
# Filters through libpfring-pcap.so.  For each filter, a stock tcpdump
# (AF_PACKET), one through the shim with the filter in the kernel and one
# with PCAP_PF_RING_USERSPACE_BPF (the filter run in the library) capture
# the same run of mixed traffic, next to an unfiltered stock capture.
#
# Both shim captures must equal AF_PACKET's, byte for byte, for every
# filter.  On a live Linux capture the kernel strips the VLAN tag before
# the filter runs, so a filter without "vlan" also matches tagged frames,
# unlike the same filter on a savefile ("tcpdump -r"): the run must show
# that difference for at least one filter, or it did not test it.
#
# The kernel-filtered ring must hold only matching packets (rejected ones
# are not counted), the other every packet; "received by filter" counts
# the matches either way.  Without an expression (libpcap's "ret
# #snaplen") no program runs in the kernel, and every packet arrives.
set -eu
. tests/kernel/shim_lib.sh
shim_setup "$0" "$@"

N=400
cat > "$tmp/filters" <<'END'
tcp port 80
udp and not port 53
vlan and udp
ip6
icmp
END
nf=$(wc -l < "$tmp/filters")
filter() { sed -n "$1p" "$tmp/filters"; }

shim_veth va vb
shim_tcpdump all stock tcpdump -Z root -n -i vb -c $N -w "$tmp/all.pcap"
shim_tcpdump nof shim tcpdump -Z root -n -i vb -c $N -w "$tmp/nof.pcap"
for i in $(seq "$nf"); do
	f=$(filter "$i")
	shim_tcpdump ref$i stock tcpdump -Z root -n -U -i vb -w "$tmp/ref$i.pcap" "$f"
	shim_tcpdump krn$i shim tcpdump -Z root -n -U -i vb -w "$tmp/krn$i.pcap" "$f"
	shim_tcpdump usr$i shim env PCAP_PF_RING_USERSPACE_BPF=1 \
		tcpdump -Z root -n -U -i vb -w "$tmp/usr$i.pcap" "$f"
done
wait_capturing all
wait_capturing nof vb
for i in $(seq "$nf"); do
	wait_capturing ref$i
	wait_capturing krn$i vb
	wait_capturing usr$i vb
done
sk_filter() { sed -n 's/^Socket Filter *: *//p' "$(ring_file "$(pid_of "$1")" vb)"; }
[ "$(sk_filter nof)/$(sk_filter krn1)/$(sk_filter usr1)" = no/yes/no ] ||
	fail "socket filters of no expression/kernel/library: $(sk_filter nof)/$(sk_filter krn1)/$(sk_filter usr1), want no/yes/no"
"$SHIM_BIN/shim_gen" va $N
wait_exit all
wait_exit nof

# stock tcpdump -r IN -w OUT FILTER: a savefile's view of a filter.
refilter() { env -u LD_PRELOAD tcpdump -r "$1" -w "$2" "$3" 2>/dev/null; }
for i in $(seq "$nf"); do
	refilter "$tmp/all.pcap" "$tmp/off$i.pcap" "$(filter "$i")"
done

# Done when the shim's files are as long as AF_PACKET's and no file has
# grown for a second (the comparison below says what differs, if
# anything).
size() { stat -c %s "$1"; }
sizes() { stat -c %s "$tmp"/*.pcap | tr '\n' ' '; }
settled() {
	for i in $(seq "$nf"); do
		n=$(size "$tmp/ref$i.pcap")
		[ "$(size "$tmp/krn$i.pcap")" = "$n" ] &&
			[ "$(size "$tmp/usr$i.pcap")" = "$n" ] || return 1
	done
	s=$(sizes)
	sleep 1
	[ "$s" = "$(sizes)" ]
}
wait_until "$SHIM_TIMEOUT" settled || true

tot_packets() { sed -n 's/^Tot Packets *: *//p' "$(ring_file "$(pid_of "$1")" vb)"; }
for i in $(seq "$nf"); do
	echo "$(tot_packets krn$i) $(tot_packets usr$i)" > "$tmp/tot$i"
done
for i in $(seq "$nf"); do
	stop ref$i
	stop krn$i
	stop usr$i
done

same() {	# same A.pcap B.pcap: the same packets, bytes and order
	pcap_text "$1" > "$1.txt"
	pcap_text "$2" > "$2.txt"
	cmp -s "$1.txt" "$2.txt" && return 0
	diff "$1.txt" "$2.txt" | grep '^[<>] [0-9a-f]' | head -10
	return 1
}

same "$tmp/all.pcap" "$tmp/nof.pcap" ||
	fail "no expression: the shim's $(pcap_count "$tmp/nof.pcap") packets differ from AF_PACKET's $(pcap_count "$tmp/all.pcap")"

live_differs=0
for i in $(seq "$nf"); do
	f=$(filter "$i")
	n=$(pcap_count "$tmp/ref$i.pcap")
	off=$(pcap_count "$tmp/off$i.pcap")
	[ "$n" -gt 0 ] && [ "$n" -lt $N ] ||
		fail "'$f' selects $n of $N packets: a test that cannot fail"
	[ "$n" = "$off" ] || live_differs=1
	for t in krn usr; do
		same "$tmp/ref$i.pcap" "$tmp/$t$i.pcap" ||
			fail "'$f': $t ($(pcap_count "$tmp/$t$i.pcap") packets) differs from AF_PACKET ($n)"
		[ "$(stat_line $t$i captured)" = "$n" ] &&
			[ "$(stat_line $t$i "received by filter")" = "$n" ] &&
			[ "$(stat_line $t$i "dropped by kernel")" = 0 ] ||
			fail "'$f': $t statistics, want $n/$n/0: $(cat "$tmp/$t$i.err")"
	done
	read -r ktot utot < "$tmp/tot$i"
	[ "$ktot" = "$n" ] ||
		fail "'$f': the kernel-filtered ring took $ktot packets, not the $n matching"
	[ "$utot" = $N ] ||
		fail "'$f': the library-filtered ring took $utot packets, not all $N"
	echo "'$f': $n of $N packets, as AF_PACKET (on the savefile: $off)"
done
[ $live_differs = 1 ] ||
	fail "no filter selected differently live than on a savefile: the traffic has no VLAN-tagged frames the filters see"
