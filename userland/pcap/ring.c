// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Ring geometry for pcap_set_buffer_size() and the way to apply it.
 *
 * Records take what their frame needs, but the module sizes a ring by
 * full-size records (slot header + bucket): a 262144-byte snaplen
 * (tcpdump's default) would make a 4096-record ring 1 GiB.  No frame of
 * a device is longer than its MTU plus the Ethernet header and two VLAN
 * tags, so the bucket is capped there (frames the stack merged beyond
 * the MTU, GRO/TSO, keep their full length but are cut to it).
 *
 * The record count must reach the kernel (SO_SET_RING_SLOTS) before the
 * ring exists, and pfring_open() creates it before it returns, with no
 * way to pass a count.  libpfring is linked in statically and its
 * socket() call is bound to __wrap_socket() (ld --wrap=socket), which
 * sets the option on the new PF_RING socket when pfpcap_ring_open() has
 * asked for it in this thread.
 */
#include "ring.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>

/* The Ethernet header and two VLAN tags (QinQ) around an MTU. */
#define PFPCAP_L2_OVERHEAD	(14 + 2 * 4)
/* Ring memory when pcap_set_buffer_size() was not called. */
#define PFPCAP_DEFAULT_BUDGET	(64U << 20)
#define PFPCAP_DEFAULT_SLOTS	4096U

static u_int32_t pfpcap_dev_mtu(int fd, const char *ifname)
{
	struct ifreq ifr;

	if (strlen(ifname) >= sizeof(ifr.ifr_name))
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, SIOCGIFMTU, &ifr) < 0 || ifr.ifr_mtu <= 0)
		return 0;
	return (u_int32_t)ifr.ifr_mtu;
}

/* Longest MTU of ifname, or of every device for NULL; 0 if unknown. */
static u_int32_t pfpcap_max_mtu(const char *ifname)
{
	struct if_nameindex *names, *n;
	u_int32_t mtu = 0, m;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return 0;
	if (ifname) {
		mtu = pfpcap_dev_mtu(fd, ifname);
	} else if ((names = if_nameindex())) {
		for (n = names; n->if_index; n++) {
			m = pfpcap_dev_mtu(fd, n->if_name);
			mtu = m > mtu ? m : mtu;
		}
		if_freenameindex(names);
	}
	close(fd);
	return mtu;
}

/* The module's min_num_slots, as /proc/net/pf_ring/info shows it. */
static u_int32_t pfpcap_module_slots(void)
{
	FILE *f = fopen("/proc/net/pf_ring/info", "re");
	char line[128];
	unsigned int v = 0;

	if (!f)
		return PFPCAP_DEFAULT_SLOTS;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Min # ring slots", 16) &&
		    sscanf(strchr(line, ':') ? strchr(line, ':') + 1 : "",
			   "%u", &v) == 1)
			break;
	fclose(f);
	return v ? v : PFPCAP_DEFAULT_SLOTS;
}

/* The data area the module allocates for slots full-size records. */
u_int64_t pfpcap_ring_bytes(const struct pfpcap_ring_geom *g)
{
	u_int64_t want = (u_int64_t)g->slots * g->slot_len + g->slot_len -
			 PFRING_RECORD_ALIGN, p = 1;

	while (p < want)
		p *= 2;
	return p;
}

/* The most full-size records whose data area fits in bytes. */
static u_int32_t pfpcap_slots_within(u_int64_t bytes, u_int32_t slot_len)
{
	u_int64_t p = 1, n;

	while (p * 2 <= bytes)
		p *= 2;
	if (p < 2 * (u_int64_t)slot_len)
		return PFRING_MIN_SLOTS;
	n = (p - slot_len + PFRING_RECORD_ALIGN) / slot_len;
	return n > PFRING_MAX_SLOTS ? PFRING_MAX_SLOTS : (u_int32_t)n;
}

void pfpcap_ring_geom(const char *ifname, int snaplen, int buffer_size,
		      struct pfpcap_ring_geom *g)
{
	u_int32_t mtu = pfpcap_max_mtu(ifname), frame_max;

	frame_max = mtu ? mtu + PFPCAP_L2_OVERHEAD : PFRING_MAX_BUCKET_LEN;
	g->bucket_len = (u_int32_t)snaplen;
	if (g->bucket_len > frame_max)
		g->bucket_len = frame_max;
	if (g->bucket_len > PFRING_MAX_BUCKET_LEN)
		g->bucket_len = PFRING_MAX_BUCKET_LEN;
	g->slot_len = PFRING_RECORD_LEN((u_int32_t)sizeof(struct pfring_slot),
					g->bucket_len);

	if (buffer_size > 0) {
		/* As many as fit: the buffer is an upper bound. */
		g->slots = pfpcap_slots_within((u_int64_t)buffer_size,
					       g->slot_len);
	} else {
		/* The module's default, if affordable. */
		g->slots = pfpcap_module_slots();
		if (pfpcap_ring_bytes(g) > PFPCAP_DEFAULT_BUDGET)
			g->slots = pfpcap_slots_within(PFPCAP_DEFAULT_BUDGET,
						       g->slot_len);
	}
	if (g->slots < PFRING_MIN_SLOTS)
		g->slots = PFRING_MIN_SLOTS;
}

/* The request of pfpcap_ring_open() to __wrap_socket(), per thread. */
static __thread u_int32_t pfpcap_want_slots;
static __thread int pfpcap_slots_err;

int __real_socket(int domain, int type, int protocol);
int __wrap_socket(int domain, int type, int protocol);

int __wrap_socket(int domain, int type, int protocol)
{
	int fd = __real_socket(domain, type, protocol);
	__u32 slots = pfpcap_want_slots;

	if (fd >= 0 && domain == PF_RING && slots) {
		pfpcap_want_slots = 0;	/* one ring per request */
		if (setsockopt(fd, SOL_PF_RING, SO_SET_RING_SLOTS, &slots,
			       sizeof(slots)) < 0)
			pfpcap_slots_err = errno;
	}
	return fd;
}

pfring *pfpcap_ring_open(const char *device, const struct pfpcap_ring_geom *g,
			 u_int32_t flags)
{
	pfring *ring;

	pfpcap_want_slots = g->slots;
	pfpcap_slots_err = 0;
	ring = pfring_open(device, g->bucket_len, flags);
	pfpcap_want_slots = 0;
	if (ring && pfpcap_slots_err) {
		/* A ring of another size would quietly break -B: refuse. */
		pfring_close(ring);
		errno = pfpcap_slots_err;
		return NULL;
	}
	return ring;
}
