// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pcap_compile() as libpcap does it for a live Linux capture.  There the
 * kernel has moved the outer VLAN tag of a received frame out of the
 * frame before the filter runs, so "tcp port 80" also matches tagged
 * port 80 traffic, and libpcap compiles "vlan" as tests of the tag's
 * metadata (ancillary loads; its BPF_SPECIAL_VLAN_HANDLING).  That code
 * generator is only reachable through a live handle of the system
 * libpcap, so the program is compiled on one: an AF_PACKET capture of the
 * same device, activated, used for the compile and closed at once.  The
 * module runs such programs on the same view (live_filter.c).
 * Returns 0, or -1 when that failed for any reason (no privilege for
 * AF_PACKET, a bad expression): the caller then compiles on its dead
 * handle, which says what is wrong with an expression.
 */
#include "linux_compile.h"
#include "real.h"

#include <string.h>
#include <net/if.h>

/* The compile handle's ring: as small as libpcap makes one. */
#define PFPCAP_CODEGEN_BUFFER	65536

int pfpcap_linux_compile(const char *device, int snaplen,
			 struct bpf_program *fp, const char *str, int optimize,
			 bpf_u_int32 netmask)
{
	char err[PCAP_ERRBUF_SIZE], base[IF_NAMESIZE];
	size_t len = strcspn(device, "@");
	pcap_t *h;
	int rc = -1;

	if (len >= sizeof(base))
		return rc;
	memcpy(base, device, len);
	base[len] = '\0';
	/* "any" is cooked in libpcap; the loopback device is Ethernet. */
	h = REAL(pcap_create)(strcmp(base, "any") ? base : "lo", err);
	if (!h)
		return rc;
	if (REAL(pcap_set_snaplen)(h, snaplen) == 0 &&
	    REAL(pcap_set_buffer_size)(h, PFPCAP_CODEGEN_BUFFER) == 0 &&
	    REAL(pcap_activate)(h) == 0 &&
	    REAL(pcap_datalink)(h) == DLT_EN10MB)
		rc = REAL(pcap_compile)(h, fp, str, optimize, netmask);
	REAL(pcap_close)(h);
	return rc;
}
