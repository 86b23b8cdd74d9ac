// SPDX-License-Identifier: LGPL-2.1-or-later
/* Socket options: the settings and queries the kernel keeps per socket. */
#include "pfring_priv.h"

int pfr_setopt(pfring *ring, int opt, const void *val, socklen_t len)
{
	if (setsockopt(ring->fd, SOL_PF_RING, opt, val, len) < 0)
		return PF_RING_ERROR_GENERIC;
	return 0;
}

int pfr_setopt_u32(pfring *ring, int opt, u_int32_t val)
{
	__u32 v = val;

	return pfr_setopt(ring, opt, &v, sizeof(v));
}

int pfr_getopt(pfring *ring, int opt, void *val, socklen_t len)
{
	socklen_t got = len;

	if (getsockopt(ring->fd, SOL_PF_RING, opt, val, &got) < 0)
		return PF_RING_ERROR_GENERIC;
	/* A short answer would leave part of *val stale. */
	if (got != len) {
		errno = EPROTO;
		return PF_RING_ERROR_GENERIC;
	}
	return 0;
}

int pfring_set_poll_watermark(pfring *ring, u_int16_t watermark)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return pfr_setopt_u32(ring, SO_SET_POLL_WATERMARK, watermark);
}

int pfring_set_poll_watermark_timeout(pfring *ring,
				      u_int16_t poll_watermark_timeout)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return pfr_setopt_u32(ring, SO_SET_POLL_WATERMARK_TIMEOUT,
			      poll_watermark_timeout);
}

int pfring_set_direction(pfring *ring, packet_direction direction)
{
	if (!ring || (u_int32_t)direction > tx_only_direction)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	/* enum pfring_direction_sel uses ntop's numbering. */
	return pfr_setopt_u32(ring, SO_SET_PACKET_DIRECTION, direction);
}

int pfring_set_socket_mode(pfring *ring, socket_mode mode)
{
	if (!ring || (u_int32_t)mode > recv_only_mode)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	/* enum pfring_socket_mode_sel uses ntop's numbering. */
	if (pfr_setopt_u32(ring, SO_SET_SOCKET_MODE, mode))
		return PF_RING_ERROR_GENERIC;
	ring->mode = mode;
	return 0;
}

int pfring_set_application_name(pfring *ring, char *name)
{
	char buf[PFRING_APPNAME_LEN];	/* the name and its NUL */

	if (!ring || !name)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	/* Longer names are cut, as ntop does, rather than refused. */
	snprintf(buf, sizeof(buf), "%s", name);
	return pfr_setopt(ring, SO_SET_APPL_NAME, buf,
			  (socklen_t)strlen(buf) + 1);
}

int pfring_set_promisc(pfring *ring, int set_promisc)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return pfr_setopt_u32(ring, SO_SET_IFF_PROMISC, set_promisc ? 1 : 0);
}

int pfring_stats(pfring *ring, pfring_stat *stats)
{
	struct pfring_stats ks;

	if (!ring || !stats)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_getopt(ring, SO_GET_STATS, &ks, sizeof(ks)))
		return PF_RING_ERROR_GENERIC;
	stats->recv = ks.recv;
	stats->drop = ks.drop_full;
	stats->shunt = 0;
	return 0;
}

int pfring_version(pfring *ring, u_int32_t *version)
{
	__u32 v;

	if (!ring || !version)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_getopt(ring, SO_GET_RING_VERSION, &v, sizeof(v)))
		return PF_RING_ERROR_GENERIC;
	*version = v;
	return 0;
}

int pfring_get_bound_device_ifindex(pfring *ring, int *if_index)
{
	__s32 v;

	if (!ring || !if_index)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_getopt(ring, SO_GET_BOUND_DEVICE_IFINDEX, &v, sizeof(v)))
		return PF_RING_ERROR_GENERIC;
	*if_index = v;
	return 0;
}

int pfring_get_bound_device_address(pfring *ring, u_char mac_address[6])
{
	__u8 mac[6];

	if (!ring || !mac_address)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_getopt(ring, SO_GET_BOUND_DEVICE_ADDRESS, mac, sizeof(mac)))
		return PF_RING_ERROR_GENERIC;
	memcpy(mac_address, mac, sizeof(mac));
	return 0;
}

u_int8_t pfring_get_num_rx_channels(pfring *ring)
{
	__u32 n;

	if (!ring || pfr_getopt(ring, SO_GET_NUM_RX_CHANNELS, &n, sizeof(n)) ||
	    n == 0)
		return UNKNOWN_NUM_RX_CHANNELS;
	return n > UINT8_MAX ? UINT8_MAX : (u_int8_t)n;
}
