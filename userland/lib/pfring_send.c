// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Transmit: one send() per frame on the ring's socket; the kernel puts
 * it on the device the ring is bound to.  Every frame leaves at once,
 * so flush_packet and the TX watermark have nothing to batch.
 */
#include <sys/socket.h>
#include <time.h>

#include "pfring_priv.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

int pfring_send(pfring *ring, char *pkt, u_int pkt_len,
		u_int8_t flush_packet)
{
	ssize_t n;

	if (ring->mode == recv_only_mode) {
		errno = EPERM;
		return PF_RING_ERROR_INVALID_ARGUMENT;
	}
	do
		n = send(ring->fd, pkt, pkt_len, 0);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -1 : (int)n;
}

int pfring_send_get_time(pfring *ring, char *pkt, u_int pkt_len,
			 struct timespec *ts)
{
	int rc = pfring_send(ring, pkt, pkt_len, 1);

	if (rc >= 0 && ts)
		clock_gettime(CLOCK_REALTIME, ts);
	return rc;
}

int pfring_set_tx_watermark(pfring *ring, u_int16_t watermark)
{
	return 0;
}

int pfring_flush_tx_packets(pfring *ring)
{
	return 0;
}
