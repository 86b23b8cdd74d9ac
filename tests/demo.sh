#!/bin/bash
# make run: boots the test VM with the freshly built module, sends traffic
# with the kernel's packet generator and shows pfcount capturing it live.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Booting the test VM (QEMU, TCG) with kernel/pf_ring.ko loaded..."
exec tests/vm/run --timeout 180 -- tests/demo-guest.sh
