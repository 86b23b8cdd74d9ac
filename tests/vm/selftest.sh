#!/bin/bash
# Self-test of the VM harness (tests/vm/run).  Needs no pf_ring.ko: runs with
# --no-module, plus a tiny throw-away module built here when the headers of
# the guest kernel are installed.  Prints "N passed, N failed" at the end.
set -euo pipefail

VMDIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
REPO=$(cd "$VMDIR/../.." && pwd -P)
RUN=$VMDIR/run
WORK=$REPO/build/vm-selftest
rm -rf "$WORK"
mkdir -p "$WORK"

passed=0
failed=0
OUT=$WORK/out
ERR=$WORK/err

# check NAME EXPECTED_STATUS -- RUN-ARGS...: run the harness, compare status.
# The output is left in $OUT/$ERR for further checks with expect_out/err.
check() {
	local name=$1 want=$2 rc=0 t0 t1
	shift 3
	t0=$(date +%s.%N)
	"$RUN" "$@" >"$OUT" 2>"$ERR" || rc=$?
	t1=$(date +%s.%N)
	CUR=$name
	CUR_OK=1
	if [[ $rc != "$want" ]]; then
		bad "exit status $rc, expected $want"
	fi
	TIME=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}
bad() {
	if [[ $CUR_OK == 1 ]]; then
		echo "FAIL: $CUR: $*"
		echo "  --- stdout:"
		sed 's/^/  | /' "$OUT"
		echo "  --- stderr:"
		sed 's/^/  | /' "$ERR"
	else
		echo "  also: $*"
	fi
	CUR_OK=0
}
expect_out() { grep -qE -- "$1" "$OUT" || bad "stdout lacks /$1/"; }
expect_err() { grep -qE -- "$1" "$ERR" || bad "stderr lacks /$1/"; }
done_check() {
	if [[ $CUR_OK == 1 ]]; then
		echo "ok: $CUR (${TIME}s)"
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

# 1. Networking basics the tests rely on: veth, netns, pktgen, 8021q, modprobe.
check "veth+netns+pktgen smoke" 0 -- --no-module -- sh -c '
	ip link add va type veth peer name vb && ip link set va up &&
	ip link set vb up && ip netns add t1 && modprobe pktgen &&
	test -e /proc/net/pktgen/pgctrl && modprobe 8021q &&
	ip link add link va name va.7 type vlan id 7 && echo ok'
expect_out '^ok$'
done_check

# 2. A kernel warning must fail the run even though the command succeeded.
#    "dmesg -C" in the command must not hide it.
check "WARNING in dmesg fails the run" 1 -- --no-module -- sh -c '
	echo "WARNING: harness selftest" >/dev/kmsg && dmesg -C && echo cmd-ran'
expect_out '^cmd-ran$'
expect_err '^vm: FAIL: kernel log: .*WARNING: harness selftest'
done_check

# 3. Host-built dynamically linked binary; exit status and stderr passed back;
#    environment and cwd as documented; stdout is not a tty.
cat >"$WORK/hello.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
	const char *vm = getenv("PFRING_VM");
	printf("hello from host binary, PFRING_VM=%s\n", vm ? vm : "(unset)");
	fprintf(stderr, "to stderr\n");
	return 7;
}
EOF
cc -O2 -o "$WORK/hello" "$WORK/hello.c"
# shellcheck disable=SC2016  # expanded in the guest
check "host-built binary, status, env" 7 -- --no-module -- sh -c '
	test "$(pwd)" = "$PFRING_REPO" || { echo "bad cwd $(pwd)"; exit 1; }
	test ! -t 1 || { echo "stdout is a tty"; exit 1; }
	exec ./build/vm-selftest/hello'
expect_out '^hello from host binary, PFRING_VM=1$'
expect_err '^to stderr$'
done_check

# 4. Timeouts kill the VM.
check "timeout" 124 -- --no-module --timeout 10 -- sleep 600
expect_err 'FAIL: timeout'
done_check

# 4b. A panic ends the run with the console from the first problem on,
#     which names the fault however long the stack trace after it is.
check "panic" 125 -- --no-module -- sh -c '
	echo 1 >/proc/sys/kernel/sysrq && echo c >/proc/sysrq-trigger'
expect_err 'FAIL: the guest did not finish'
expect_err 'guest console from line'
expect_err 'vm: console: .*sysrq triggered crash'
done_check

# 4c. --allow-dmesg: an allowed line neither fails the run nor, before a
#     panic, takes the panic's place at the head of the console shown.
check "--allow-dmesg" 0 -- --no-module --allow-dmesg 'harness allowed' -- sh -c '
	echo "<3>WARNING: harness allowed" >/dev/kmsg'
done_check
check "--allow-dmesg before a panic" 125 -- --no-module \
	--allow-dmesg 'harness allowed' -- sh -c '
	echo "<3>WARNING: harness allowed" >/dev/kmsg &&
	for i in 1 2 3 4 5; do echo "<3>harness filler $i" >/dev/kmsg; done &&
	echo 1 >/proc/sys/kernel/sysrq && echo c >/proc/sysrq-trigger'
expect_err 'vm: console: .*sysrq triggered crash'
! grep -q 'vm: console: .*harness allowed' "$ERR" ||
	bad "the console shown starts at the allowed line"
done_check

# 5. Without --no-module a missing module is an error before booting.
check "missing module" 125 -- --module "$WORK/nonexistent.ko" -- true
expect_err 'not found'
done_check

# 6. Module handling with a throw-away module (needs the guest's headers).
eval "$("$RUN" --print-config)"
if [[ -f $KBUILD/Makefile ]]; then
	mkdir -p "$WORK/mod"
	cat >"$WORK/mod/vmselftest.c" <<'EOF'
#include <linux/module.h>
static int mode;
module_param(mode, int, 0444);
static int __init vmselftest_init(void)
{
	if (mode < 0) {
		pr_err("vmselftest: refusing mode=%d\n", mode);
		return -EINVAL;
	}
	WARN_ON(mode == 2);
	pr_info("vmselftest: loaded, mode=%d\n", mode);
	return 0;
}
static void __exit vmselftest_exit(void)
{
	pr_info("vmselftest: unloaded\n");
}
module_init(vmselftest_init);
module_exit(vmselftest_exit);
MODULE_LICENSE("GPL");
EOF
	echo 'obj-m := vmselftest.o' >"$WORK/mod/Kbuild"
	make -s -C "$KBUILD" M="$WORK/mod" modules >"$WORK/mod/build.log" 2>&1 ||
		{ cat "$WORK/mod/build.log"; exit 1; }
	MOD=$WORK/mod/vmselftest.ko

	check "insmod with params, rmmod" 0 -- --module "$MOD" --modparams "mode=1" -- \
		sh -c 'cat /sys/module/vmselftest/parameters/mode'
	expect_out '^1$'
	done_check

	check "insmod failure fails the run" 1 -- --module "$MOD" --modparams "mode=-1" -- true
	expect_err 'FAIL: insmod'
	done_check

	check "--expect-insmod-fail" 0 -- --module "$MOD" --modparams "mode=-1" \
		--expect-insmod-fail -- sh -c 'dmesg | grep "refusing mode=-1"'
	expect_out 'refusing mode=-1'
	done_check

	check "--expect-insmod-fail when insmod works" 1 -- --module "$MOD" \
		--expect-insmod-fail -- true
	expect_err 'expected to fail'
	done_check

	check "WARN_ON in module fails the run" 1 -- --module "$MOD" --modparams "mode=2" -- true
	expect_err 'FAIL: kernel log: .*WARNING: CPU'
	done_check

	# The command unloads the module itself, so the final rmmod fails.
	check "rmmod failure fails the run" 1 -- --module "$MOD" -- rmmod vmselftest
	expect_err 'FAIL: rmmod vmselftest'
	done_check
else
	echo "skip: module tests (no kernel headers at $KBUILD)"
fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
