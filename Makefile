# PF_RING capture socket: kernel module, library, tools and tests.
#   make          build the module, libpfring and the tools
#   make run      install what is missing, build, boot a test VM, show a live capture
#   make test     install what is missing, build, run every test
#   make lint     static checks (W=1, sparse, checkpatch, cppcheck, clang-tidy)
#   make install  the libpcap shim and tools/pfring-pcap (PREFIX, DESTDIR)
# KDIR selects the kernel to build against; by default the Debian 6.1
# kernel that the test VM boots.

KVER ?= $(shell ls -1 /boot/vmlinuz-6.1.* 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)
KDIR ?= /lib/modules/$(KVER)/build

.PHONY: all module lib tools test-progs deps run test lint install clean bench

PREFIX ?= /usr/local

all: module lib tools

module:
	@test -d "$(KDIR)" || { echo "no kernel headers in '$(KDIR)': run 'make deps' or set KDIR"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel W=1 modules

lib:
	$(MAKE) -C userland
	$(MAKE) -C userland/pcap

tools: lib
	$(MAKE) -C tools

test-progs: lib
	$(MAKE) -C tests/kernel

deps:
	tests/deps.sh

run:
	tests/deps.sh
	$(MAKE) all test-progs
	tests/demo.sh

test:
	tests/deps.sh
	$(MAKE) all test-progs
	tests/run-all

lint:
	tests/lint $(KDIR)

# make bench: the capture benchmark in the VM, PF_RING vs AF_PACKET vs
# libpcap (~6-15 min; BENCH_QUICK=1: ~1-4 min; BENCH_ICOUNT=1 counts
# instructions instead of time); see tools/bench/README.
bench:
	tests/deps.sh
	$(MAKE) all
	$(MAKE) -C tools/bench
	tools/bench/bench.sh $(if $(filter-out 0,$(BENCH_QUICK)),--quick)

# The libpcap shim and its wrapper (tools/pfring-pcap); the module is
# installed by the distribution's means (see drivers-patches/README).
install: lib
	$(MAKE) -C userland/pcap install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kernel clean
	$(MAKE) -C userland clean
	$(MAKE) -C userland/pcap clean
	$(MAKE) -C tools clean
	$(MAKE) -C tools/bench clean
	rm -rf build
