// SPDX-License-Identifier: LGPL-2.1-or-later
/* Facts about network devices, asked of the kernel's netdevice ioctls. */
#include "pfring_priv.h"

#include <net/if.h>

int pfr_if_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr)
{
	int fd, rc;

	/*
	 * Not the PF_RING socket: only sockets whose family passes unknown
	 * ioctls on to the core answer SIOCGIF*.
	 */
	memset(ifr, 0, sizeof(*ifr));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", ifname);
	rc = ioctl(fd, req, ifr) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

int pfring_get_mtu_size(pfring *ring)
{
	struct ifreq ifr;
	int rc;

	/* "any" has no single MTU. */
	if (!ring || ring->dev.any)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	rc = pfr_if_ioctl(ring->dev.ifname, SIOCGIFMTU, &ifr);
	if (rc) {
		errno = -rc;
		return PF_RING_ERROR_GENERIC;
	}
	return ifr.ifr_mtu;
}

int pfring_get_link_status(pfring *ring)
{
	struct ifreq ifr;
	int rc;

	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (ring->dev.any)
		return 1;
	rc = pfr_if_ioctl(ring->dev.ifname, SIOCGIFFLAGS, &ifr);
	if (rc) {
		errno = -rc;
		return PF_RING_ERROR_GENERIC;
	}
	return (ifr.ifr_flags & IFF_RUNNING) ? 1 : 0;
}

int pfring_get_device_ifindex(pfring *ring, char *device_name, int *if_index)
{
	unsigned int idx;

	if (!ring || !device_name || !if_index)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	idx = if_nametoindex(device_name);
	if (idx == 0)
		return PF_RING_ERROR_GENERIC;
	*if_index = (int)idx;
	return 0;
}
