#!/bin/sh
# Helpers for the tests that capture with pfcount, sourced from the
# repository root.  Not a test itself.

# pfcount_ready N PID: waits (20 s at most) until the pfcount that
# timeout(1) PID runs has bound N rings on vb, their /proc files named
# after its pid (those of a pfcount before it may not be gone yet), then
# lets its loops start.
pfcount_ready() {
	for _ in $(seq 200); do
		p=$(pgrep -P "$2" pfcount || true)
		[ -n "$p" ] && [ "$(ls /proc/net/pf_ring/ |
			grep -c "^$p-vb")" -ge "$1" ] && break
		sleep 0.1
	done
	sleep 0.3
}
