/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Opening a ring of a chosen size (ring.c). */
#ifndef PFPCAP_RING_H
#define PFPCAP_RING_H

#include <pfring.h>

struct pfpcap_ring_geom {
	u_int32_t bucket_len;	/* caplen asked of pfring_open() */
	u_int32_t slots;	/* full-size records (SO_SET_RING_SLOTS) */
	u_int32_t slot_len;	/* bytes of a full-size record */
};

/* Bytes of the data area the module allocates for g. */
u_int64_t pfpcap_ring_bytes(const struct pfpcap_ring_geom *g);

/*
 * The ring for a capture of snaplen bytes on ifname (NULL: "any") in a
 * buffer of buffer_size bytes (0: the module's min_num_slots, within a
 * memory budget).
 */
void pfpcap_ring_geom(const char *ifname, int snaplen, int buffer_size,
		      struct pfpcap_ring_geom *g);

/* pfring_open() with the slot count of g; NULL and errno on failure. */
pfring *pfpcap_ring_open(const char *device, const struct pfpcap_ring_geom *g,
			 u_int32_t flags);

#endif /* PFPCAP_RING_H */
