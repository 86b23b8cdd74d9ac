// SPDX-License-Identifier: LGPL-2.1-or-later
/* Settings and facts the library keeps itself. */
#include "pfring_priv.h"

int pfring_set_poll_duration(pfring *ring, u_int duration)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	ring->poll_duration = duration;
	return 0;
}

int pfring_get_selectable_fd(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return ring->fd;
}

int pfring_get_caplen(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return (int)ring->bucket_len;
}

u_int16_t pfring_get_slot_header_len(pfring *ring)
{
	return ring ? (u_int16_t)ring->slot_hdr_len : 0;
}

/* Ethernet only: pf_ring.ko hands out frames with their MAC header. */
int pfring_get_link_type(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return 1;	/* DLT_EN10MB */
}

void pfring_version_noring(u_int32_t *version)
{
	if (version)
		*version = PFRING_MODULE_VERSION_NUM;
}
