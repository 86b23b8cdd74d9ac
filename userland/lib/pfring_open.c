// SPDX-License-Identifier: LGPL-2.1-or-later
/* Opening, enabling and closing a ring. */
#include "pfring_priv.h"

#include <net/if.h>

static u_int32_t pfr_bucket_len(u_int32_t caplen)
{
	/* 0 asks for whole frames, as does anything above the maximum. */
	if (caplen == 0 || caplen > PFRING_MAX_BUCKET_LEN)
		return PFRING_MAX_BUCKET_LEN;
	return caplen;
}

static int pfr_bind(pfring *ring)
{
	struct sockaddr_pfring sa;

	memset(&sa, 0, sizeof(sa));
	sa.spr_family = PF_RING;
	sa.spr_ifindex = PFRING_IFINDEX_ANY;
	sa.spr_queue_mask = ring->dev.queue_mask;
	if (!ring->dev.any) {
		sa.spr_ifindex = (__s32)if_nametoindex(ring->dev.ifname);
		if (sa.spr_ifindex == 0)
			return -ENODEV;
	}
	if (bind(ring->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* Reads the ring geometry, which also makes the kernel allocate it. */
static int pfr_get_ring_info(pfring *ring, struct pfring_ring_info *info)
{
	socklen_t len = sizeof(*info);
	char msg[160];

	if (getsockopt(ring->fd, SOL_PF_RING, SO_GET_RING_INFO, info, &len) < 0)
		return -errno;
	if (len != sizeof(*info) || info->magic != PFRING_RING_MAGIC) {
		fprintf(stderr, "pfring: %s: not a pf_ring ring (bad magic)\n",
			ring->dev.ifname);
		return -EPROTO;
	}
	if (pfr_ring_check_version(info, msg, sizeof(msg))) {
		fprintf(stderr, "pfring: %s\n", msg);
		return -EPROTO;
	}
	return 0;
}

static int pfr_map_ring(pfring *ring)
{
	struct pfring_ring_info info;
	int rc;

	rc = pfr_get_ring_info(ring, &info);
	if (rc)
		return rc;
	if (info.mem_size > SIZE_MAX)
		return -ENOMEM;
	ring->mem = mmap(NULL, (size_t)info.mem_size, PROT_READ | PROT_WRITE,
			 MAP_SHARED, ring->fd, 0);
	if (ring->mem == MAP_FAILED) {
		ring->mem = NULL;
		return -errno;
	}
	ring->mem_size = (size_t)info.mem_size;
	rc = pfr_ring_attach(&ring->ring, ring->mem, ring->mem_size);
	if (rc)
		return rc;
	ring->bucket_len = info.bucket_len;
	ring->slot_hdr_len = info.slot_hdr_len;
	return 0;
}

static int pfr_setup(pfring *ring, u_int32_t caplen)
{
	int rc;

	ring->fd = socket(PF_RING, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (ring->fd < 0)
		return -errno;
	if (pfr_setopt_u32(ring, SO_RING_BUCKET_LEN, pfr_bucket_len(caplen)))
		return -errno;
	/* Only a long header shows the kernel's parse: spare it otherwise. */
	if (pfr_setopt_u32(ring, SO_SET_PARSE_HEADERS,
			   (ring->flags & PF_RING_LONG_HEADER) &&
			   !(ring->flags & PF_RING_DO_NOT_PARSE)))
		return -errno;
	rc = pfr_bind(ring);
	if (rc)
		return rc;
	rc = pfr_map_ring(ring);
	if (rc)
		return rc;
	/* Promiscuity is per device; "any" has no single device to set. */
	if ((ring->flags & PF_RING_PROMISC) && !ring->dev.any &&
	    pfr_setopt_u32(ring, SO_SET_IFF_PROMISC, 1))
		return -errno;
	return 0;
}

static void pfr_destroy(pfring *ring)
{
	if (ring->mem)
		munmap(ring->mem, ring->mem_size);
	if (ring->fd >= 0)
		close(ring->fd);
	if (ring->reentrant)
		pthread_mutex_destroy(&ring->lock);
	free(ring);
}

pfring *pfring_open(const char *device_name, u_int32_t caplen,
		    u_int32_t flags)
{
	pfring *ring;
	int rc;

	if (!device_name) {
		errno = EINVAL;
		return NULL;
	}
	ring = calloc(1, sizeof(*ring));
	if (!ring)
		return NULL;
	ring->fd = -1;
	ring->flags = flags;
	ring->mode = send_and_recv_mode;
	ring->poll_duration = DEFAULT_POLL_DURATION;

	rc = pfr_devname_parse(device_name, &ring->dev);
	if (!rc && (flags & PF_RING_REENTRANT)) {
		rc = -pthread_mutex_init(&ring->lock, NULL);
		ring->reentrant = !rc;
	}
	if (!rc)
		rc = pfr_setup(ring, caplen);
	if (rc) {
		pfr_destroy(ring);
		errno = -rc;
		return NULL;
	}
	return ring;
}

void pfring_close(pfring *ring)
{
	if (ring)
		pfr_destroy(ring);
}

int pfring_enable_ring(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_setopt_u32(ring, SO_ACTIVATE_RING, 0))
		return PF_RING_ERROR_GENERIC;
	ring->enabled = 1;
	return 0;
}

int pfring_disable_ring(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (pfr_setopt_u32(ring, SO_DEACTIVATE_RING, 0))
		return PF_RING_ERROR_GENERIC;
	ring->enabled = 0;
	return 0;
}

/*
 * Meant to be called from another thread or a signal handler before
 * pfring_close(): receivers return 0 at their next wake-up at the latest.
 */
void pfring_shutdown(pfring *ring)
{
	if (ring)
		pfring_breakloop(ring);
}
