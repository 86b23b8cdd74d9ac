#!/bin/sh
# Runs in the test VM with the module not loaded: insmod refuses every
# out-of-range parameter with a kernel message naming it, and accepts
# good ones.  One PASS/FAIL line per case.
ko=kernel/pf_ring.ko
result() {
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2"; fi
}
for bad in transparent_mode=3 transparent_mode=-1 \
	min_num_slots=3 min_num_slots=99999999 min_num_slots=abc \
	enable_tx_capture=7 quick_mode=x enable_debug=2; do
	name=${bad%%=*}
	dmesg -C
	if insmod "$ko" "$bad" 2>/dev/null; then
		rmmod pf_ring
		result 1 "insmod refuses $bad"
		continue
	fi
	dmesg | grep -q "pf_ring: $name=" 
	result $? "insmod refuses $bad with a message naming it"
done
insmod "$ko" min_num_slots=100 enable_debug=1 && \
	[ "$(cat /sys/module/pf_ring/parameters/min_num_slots)" = 100 ] && \
	build/tests/kernel/t_defaults 100 1 && rmmod pf_ring
result $? "insmod accepts min_num_slots=100"
for mode in 0 1 2; do
	insmod "$ko" transparent_mode=$mode &&
		[ "$(cat /sys/module/pf_ring/parameters/transparent_mode)" = $mode ] &&
		grep -q "^Transparent mode *: $mode$" /proc/net/pf_ring/info &&
		rmmod pf_ring
	result $? "insmod accepts transparent_mode=$mode"
done
exit 0
