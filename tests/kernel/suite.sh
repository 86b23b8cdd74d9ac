#!/bin/sh
# Runs in the test VM from the repository root: each named test once,
# printing one "PASS name" or "FAIL name" line for the host to count.
# On kernels with kmemleak a test that leaks fails too.
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
	# shellcheck disable=SC2086 # args are split on purpose
	if ! timeout 600 "$cmd" $args; then
		echo "FAIL $label"
	elif ! tests/vm/kmemleak-check; then
		echo "FAIL $label (kmemleak)"
	else
		echo "PASS $label"
	fi
done
exit 0
