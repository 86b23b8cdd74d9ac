// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * BPF filters: expressions are compiled with libpcap for Ethernet
 * frames as the ring holds them (VLAN tags inside the frame, as in a
 * savefile), which is the view the kernel's filter runs on, so the
 * same program selects the same frames in the kernel and here.
 */
#include <linux/filter.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

#include "pfring_priv.h"

/* libpcap's "no netmask known": broadcast tests then match nothing. */
#define PFR_NO_NETMASK PCAP_NETMASK_UNKNOWN

int pfring_parse_bpf_filter(const char *filter_buffer, u_int caplen,
			    struct pfring_bpf_program *filter)
{
	struct bpf_program prog;
	pcap_t *dead;
	int rc;

	if (!filter_buffer || !filter) {
		errno = EINVAL;
		return PF_RING_ERROR_INVALID_ARGUMENT;
	}
	dead = pcap_open_dead(DLT_EN10MB, caplen ? (int)caplen : 65535);
	if (!dead) {
		errno = ENOMEM;
		return PF_RING_ERROR_NOT_ENOUGH_MEMORY;
	}
	rc = pcap_compile(dead, &prog, filter_buffer, 1, PFR_NO_NETMASK);
	if (rc) {
		/* The library has no error channel of its own in ntop's API. */
		fprintf(stderr, "pfring: bad BPF filter \"%s\": %s\n",
			filter_buffer, pcap_geterr(dead));
		pcap_close(dead);
		errno = EINVAL;
		return PF_RING_ERROR_INVALID_ARGUMENT;
	}
	pcap_close(dead);
	filter->bf_len = prog.bf_len;
	filter->bf_insns = prog.bf_insns;
	return 0;
}

void pfring_free_bpf_filter(struct pfring_bpf_program *filter)
{
	struct bpf_program prog;

	if (!filter || !filter->bf_insns)
		return;
	prog.bf_len = filter->bf_len;
	prog.bf_insns = filter->bf_insns;
	pcap_freecode(&prog);
	filter->bf_insns = NULL;
	filter->bf_len = 0;
}

/* Non-zero when the frame passes (ntop's meaning of the result). */
u_int32_t pfring_bpf_filter(void *bpf_insn, u_char *buffer,
			    u_int32_t caplen, u_int32_t len)
{
	if (!bpf_insn || !buffer)
		return 0;
	return bpf_filter(bpf_insn, buffer, len, caplen);
}

int pfring_set_bpf_filter(pfring *ring, const char *filter_buffer)
{
	struct pfring_bpf_program prog;
	struct sock_fprog fprog;
	int rc;

	rc = pfring_parse_bpf_filter(filter_buffer, ring->bucket_len, &prog);
	if (rc)
		return rc;
	fprog.len = (unsigned short)prog.bf_len;
	fprog.filter = prog.bf_insns;
	rc = pfr_setopt(ring, PFRING_SO_ATTACH_FILTER, &fprog, sizeof(fprog));
	pfring_free_bpf_filter(&prog);
	return rc;
}

int pfring_remove_bpf_filter(pfring *ring)
{
	return pfr_setopt(ring, PFRING_SO_DETACH_FILTER, NULL, 0);
}
