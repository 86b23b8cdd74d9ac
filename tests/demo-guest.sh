#!/bin/sh
# Runs in the test VM: pktgen floods one end of a veth pair with 60-byte
# UDP frames; pfcount captures on the other end for a few seconds.
set -eu
PG=/proc/net/pktgen
pg() { echo "$2" > "$PG/$1"; }

echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
ip link add va type veth peer name vb
ip link set va up
ip link set vb up
modprobe pktgen

pg kpktgend_0 "rem_device_all"
pg kpktgend_0 "add_device va"
pg va "count 0"
pg va "pkt_size 60"
pg va "dst 10.0.0.2"
pg va "dst_mac $(cat /sys/class/net/vb/address)"
pg va "ratep 50000"
pg pgctrl "start" &
gen=$!

echo
echo "== /proc/net/pf_ring/info"
cat /proc/net/pf_ring/info
echo
echo "== pfcount -i vb -d 5   (pktgen sends 50,000 packets/s into veth va -> vb)"
tools/pfcount/pfcount -i vb -d 5
pg pgctrl "stop"
wait $gen 2>/dev/null || true
echo
echo "== the first three packets, parsed (pfcount -v -c 3)"
pg va "count 3"
pg va "ratep 10"
( sleep 1; pg pgctrl "start" ) &
tools/pfcount/pfcount -i vb -v -c 3 -q
wait
echo
echo "Done: the module unloads cleanly when the VM shuts down."
