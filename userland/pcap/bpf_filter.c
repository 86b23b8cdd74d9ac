// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpfring's pfring_bpf_filter() calls libpcap's bpf_filter(); linked
 * in statically, it gets this hidden forwarder, so the shim needs no
 * libpcap at link time (it dlopen()s it, see real.h).  Not exported.
 */
#include "real.h"

u_int bpf_filter(const struct bpf_insn *insns, const u_char *pkt, u_int len,
		 u_int caplen)
{
	return REAL(bpf_filter)(insns, pkt, len, caplen);
}
