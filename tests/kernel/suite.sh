#!/bin/sh
# Runs in the test VM from the repository root: each named test once,
# printing one "PASS name" or "FAIL name" line for the host to count.
# On kernels with kmemleak a test that leaks fails too: each test's scan
# finds what the test before it leaked (an object is reported by the
# second scan that sees it unchanged), and the harness's scan after the
# module is unloaded finds the last test's.
# usage: tests/kernel/suite.sh NAME[:ARG,ARG...]...
bin=build/tests/kernel
for spec in "$@"; do
	name=${spec%%:*}
	args=
	[ "$name" != "$spec" ] && args=$(echo "${spec#*:}" | tr ',' ' ')
	label="$name${args:+ $args}"
	if [ -x "$bin/$name" ]; then
		cmd="$bin/$name"
	else
		cmd="tests/kernel/$name"
	fi
	# At error level, so that it reaches the console even under "quiet":
	# a panic leaves only the console to tell which test was running.
	echo "<3>pfvm: test $label" >/dev/kmsg 2>/dev/null
	# shellcheck disable=SC2086 # args are split on purpose
	if ! timeout 600 "$cmd" $args; then
		echo "FAIL $label"
	elif ! tests/vm/kmemleak-check --one-scan; then
		echo "FAIL $label (kmemleak: a leak of this test or the one before)"
	else
		echo "PASS $label"
	fi
done
exit 0
