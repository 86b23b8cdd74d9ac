/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PFSEND_PACKETS_H
#define PFSEND_PACKETS_H

#include <stddef.h>
#include <stdint.h>

/* The frames pfsend cycles through, loaded or built once up front. */
struct frames {
	uint8_t **data;
	uint32_t *len;
	size_t n;
	uint64_t bytes;		/* sum of len[] */
};

/*
 * n UDP/IPv4 frames of len bytes (60..1514), one per flow: source
 * address and port differ per flow, so receive-side spreading sees n
 * flows.  Returns 0, or -1 with a message printed.
 */
int frames_generate(struct frames *f, uint32_t len, uint32_t flows);
/* Every frame of a pcap file (Ethernet link type only). */
int frames_load_pcap(struct frames *f, const char *path);
void frames_free(struct frames *f);

#endif
