// SPDX-License-Identifier: LGPL-2.1-or-later
/* pfring_open_multichannel(): one ring per receive queue of a device. */
#include "pfring_priv.h"

/*
 * Opens "dev@0" .. "dev@N-1" for the N queues pfring_get_num_rx_channels()
 * reports (the software queues when the device has them), and returns N.
 * A device with one queue, and "any", get one ring on the whole device:
 * a ring bound to queues sees no transmitted packets unless the device
 * has software queues, and one queue needs no splitting.  On failure no
 * ring stays open, ring[0] is NULL, errno says why and 0 is returned.
 */
u_int8_t pfring_open_multichannel(const char *device_name, u_int32_t caplen,
				  u_int32_t flags,
				  pfring *ring[MAX_NUM_RX_CHANNELS])
{
	char name[IFNAMSIZ + sizeof("@63")];
	struct pfr_devname dev;
	unsigned int n, q;
	pfring *whole;
	int rc, err;

	if (!device_name || !ring) {
		errno = EINVAL;
		return 0;
	}
	ring[0] = NULL;
	rc = pfr_devname_parse(device_name, &dev);
	/* "eth0@1": the queues are already chosen; open it with pfring_open(). */
	if (!rc && dev.queue_mask)
		rc = -EINVAL;
	if (rc) {
		errno = -rc;
		return 0;
	}

	whole = pfring_open(device_name, caplen, flags);
	if (!whole)
		return 0;
	n = dev.any ? 1 : pfring_get_num_rx_channels(whole);
	if (n <= 1) {
		ring[0] = whole;
		return 1;
	}
	pfring_close(whole);
	if (n > MAX_NUM_RX_CHANNELS)
		n = MAX_NUM_RX_CHANNELS;

	for (q = 0; q < n; q++) {
		snprintf(name, sizeof(name), "%s@%u", dev.ifname, q);
		ring[q] = pfring_open(name, caplen, flags);
		if (!ring[q]) {
			err = errno;
			while (q-- > 0)
				pfring_close(ring[q]);
			ring[0] = NULL;
			errno = err;
			return 0;
		}
	}
	return (u_int8_t)n;
}
