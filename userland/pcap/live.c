// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The PF_RING backend: a pfring ring per capture, opened at activation
 * with the pcap_set_*() settings.  Reading is in live_read.c, filters in
 * live_filter.c.
 */
#include "live.h"
#include "env.h"
#include "real.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* The module's longest watermark timeout. */
#define PFPCAP_MAX_WAIT_MS	60000

static int pfpcap_open_error(struct pfpcap *p, const struct pfpcap_ring_geom *g,
			     int err)
{
	switch (err) {
	case ENODEV:
	case ENXIO:
		pfpcap_seterr(p, "PF_RING: %s: %s", p->device, strerror(err));
		return PCAP_ERROR_NO_SUCH_DEVICE;
	case EPERM:
	case EACCES:
		pfpcap_seterr(p, "PF_RING socket: %s", strerror(err));
		return PCAP_ERROR_PERM_DENIED;
	case EAFNOSUPPORT:
		pfpcap_seterr(p, "PF_RING socket: %s (is pf_ring.ko loaded?)",
			      strerror(err));
		return PCAP_ERROR;
	case ENOMEM:
	case ENOBUFS:
		pfpcap_seterr(p, "PF_RING: a ring of %llu bytes (%u records of %u bytes): %s",
			      (unsigned long long)pfpcap_ring_bytes(g),
			      g->slots, g->slot_len, strerror(err));
		return PCAP_ERROR;
	default:
		pfpcap_seterr(p, "PF_RING: cannot open %s: %s", p->device,
			      strerror(err));
		return PCAP_ERROR;
	}
}

/* libpcap refuses a device that is down ("That device is not up"). */
static int pfpcap_check_up(struct pfpcap *p, const char *ifname)
{
	struct ifreq ifr;
	int fd, rc = 0;

	if (!strcmp(ifname, "any"))
		return 0;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;	/* let the ring say what is wrong */
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
		pfpcap_seterr(p, "%s is down", ifname);
		rc = PCAP_ERROR_IFACE_NOT_UP;
	}
	close(fd);
	return rc;
}

/*
 * Immediate mode wakes per packet; else, as libpcap's ring of 8 blocks
 * does, the module's default: an eighth of the ring, or the timeout.
 */
static int pfpcap_set_wakeups(struct pfpcap *p, struct pfpcap_live *l)
{
	u_int32_t wait_ms;

	if (p->opt.timeout_ms > 0)
		wait_ms = (u_int32_t)p->opt.timeout_ms;
	else	/* "no timeout" still delivers a lone packet, as libpcap does */
		wait_ms = PFRING_DEFAULT_WATERMARK_TIMEOUT_MS;
	if (wait_ms > PFPCAP_MAX_WAIT_MS)
		wait_ms = PFPCAP_MAX_WAIT_MS;
	if ((p->opt.immediate && pfring_set_poll_watermark(l->ring, 1) < 0) ||
	    pfring_set_poll_watermark_timeout(l->ring, (u_int16_t)wait_ms) < 0) {
		pfpcap_seterr(p, "PF_RING: poll watermark: %s", strerror(errno));
		return PCAP_ERROR;
	}
	return 0;
}

static int pfpcap_live_activate(struct pfpcap *p)
{
	struct pfpcap_live *l = p->priv;
	char base[IF_NAMESIZE];
	size_t len = strcspn(p->device, "@");
	u_int32_t flags = 0;
	int rc;

	if (p->opt.rfmon) {
		pfpcap_seterr(p, "%s: PF_RING has no monitor mode", p->device);
		return PCAP_ERROR_RFMON_NOTSUP;
	}
	/* The ring takes every protocol; the filter can select one. */
	if (p->opt.protocol && p->opt.protocol != ETH_P_ALL) {
		pfpcap_seterr(p, "PF_RING captures every protocol: use a filter");
		return PCAP_ERROR;
	}
	if (len >= sizeof(base)) {
		pfpcap_seterr(p, "%s: device name too long", p->device);
		return PCAP_ERROR_NO_SUCH_DEVICE;
	}
	memcpy(base, p->device, len);
	base[len] = '\0';

	p->snaplen = p->opt.snaplen;
	if (p->snaplen <= 0 || p->snaplen > PFPCAP_MAX_SNAPLEN)
		p->snaplen = PFPCAP_MAX_SNAPLEN;
	pfpcap_ring_geom(strcmp(base, "any") ? base : NULL, p->snaplen,
			 p->opt.buffer_size, &l->geom);

	/* "any" is no one device to make promiscuous: ignored, as libpcap does. */
	l->any = !strcmp(base, "any");
	if (p->opt.promisc && !l->any)
		flags |= PF_RING_PROMISC;

	rc = pfpcap_check_up(p, base);
	if (rc)
		return rc;
	l->ring = pfpcap_ring_open(p->device, &l->geom, flags);
	/*
	 * Without CAP_IPC_LOCK a ring counts against RLIMIT_MEMLOCK: when no
	 * size was asked for, a smaller ring beats no capture at all.
	 */
	while (!l->ring && (errno == ENOBUFS || errno == ENOMEM) &&
	       p->opt.buffer_size <= 0 && l->geom.slots > PFRING_MIN_SLOTS) {
		l->geom.slots /= 2;
		l->ring = pfpcap_ring_open(p->device, &l->geom, flags);
	}
	if (!l->ring)
		return pfpcap_open_error(p, &l->geom, errno);
	l->fd = pfring_get_selectable_fd(l->ring);
	rc = PCAP_ERROR;
	if (pfpcap_env_apply(l->ring, p->errbuf))
		goto fail;
	rc = pfpcap_set_wakeups(p, l);
	if (rc)
		goto fail;
	/*
	 * Captured from here on, as libpcap does at activation; packets that
	 * arrive before a filter is set are filtered when read (refilter).
	 */
	rc = PCAP_ERROR;
	if (pfring_enable_ring(l->ring)) {
		pfpcap_seterr(p, "PF_RING: enabling the ring: %s", strerror(errno));
		goto fail;
	}
	if (l->any && pfpcap_cooked_init(&l->cooked, l->geom.bucket_len)) {
		pfpcap_seterr(p, "malloc: %s", strerror(ENOMEM));
		goto fail;
	}
	p->dlt = DLT_EN10MB;
	p->dead = REAL(pcap_open_dead_with_tstamp_precision)(DLT_EN10MB,
							     p->snaplen,
							     p->opt.precision);
	if (!p->dead) {
		pfpcap_seterr(p, "pcap_open_dead: out of memory");
		goto fail;
	}
	return 0;

fail:
	pfring_close(l->ring);
	l->ring = NULL;
	return rc;
}

/*
 * Frames as the ring holds them; on "any" also as AF_PACKET's cooked
 * captures show them (tcpdump asks for DLT_LINUX_SLL2 there).
 */
static int pfpcap_live_datalinks(struct pfpcap *p, const int **dlts)
{
	static const int any[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2 };

	*dlts = any;
	return ((struct pfpcap_live *)p->priv)->any ? 3 : 1;
}

/* The dead handle compiles and dumps for the new link type. */
static int pfpcap_live_set_datalink(struct pfpcap *p, int dlt)
{
	pcap_t *dead = REAL(pcap_open_dead_with_tstamp_precision)(dlt, p->snaplen,
								p->opt.precision);

	if (!dead) {
		pfpcap_seterr(p, "pcap_open_dead: out of memory");
		return PCAP_ERROR;
	}
	REAL(pcap_close)(p->dead);
	p->dead = dead;
	p->dlt = dlt;
	return 0;
}

static int pfpcap_live_inject(struct pfpcap *p, const void *buf, size_t len)
{
	struct pfpcap_live *l = p->priv;
	int rc;

	if (len > INT_MAX) {
		pfpcap_seterr(p, "send: %s", strerror(EMSGSIZE));
		return PCAP_ERROR;
	}
	rc = pfring_send(l->ring, (char *)buf, (u_int)len, 1);
	if (rc < 0) {
		pfpcap_seterr(p, "PF_RING send: %s", strerror(errno));
		return PCAP_ERROR;
	}
	return rc;
}

static int pfpcap_live_setdirection(struct pfpcap *p, pcap_direction_t d)
{
	struct pfpcap_live *l = p->priv;
	packet_direction dir;

	switch (d) {
	case PCAP_D_INOUT:
		dir = rx_and_tx_direction;
		break;
	case PCAP_D_IN:
		dir = rx_only_direction;
		break;
	case PCAP_D_OUT:
		dir = tx_only_direction;
		break;
	default:
		pfpcap_seterr(p, "Invalid direction");
		return PCAP_ERROR;
	}
	if (pfring_set_direction(l->ring, dir) < 0) {
		pfpcap_seterr(p, "PF_RING direction: %s", strerror(errno));
		return PCAP_ERROR;
	}
	return 0;
}

/*
 * ps_recv: packets the kernel put in the ring, less those our own
 * filter rejected (a kernel filter's rejects are never counted), so
 * captured + dropped adds up to what matched.
 */
static int pfpcap_live_stats(struct pfpcap *p, struct pcap_stat *ps)
{
	struct pfpcap_live *l = p->priv;
	pfring_stat st;

	if (pfring_stats(l->ring, &st) < 0) {
		pfpcap_seterr(p, "PF_RING stats: %s", strerror(errno));
		return PCAP_ERROR;
	}
	ps->ps_recv = (u_int)(st.recv - l->rejected);
	ps->ps_drop = (u_int)st.drop;
	ps->ps_ifdrop = 0;
	return 0;
}

static int pfpcap_live_fd(struct pfpcap *p)
{
	return ((struct pfpcap_live *)p->priv)->fd;
}

static u_int pfpcap_live_bufsize(struct pfpcap *p)
{
	struct pfpcap_live *l = p->priv;

	u_int64_t bytes = pfpcap_ring_bytes(&l->geom);

	return bytes > UINT_MAX ? UINT_MAX : (u_int)bytes;
}

static void pfpcap_live_cleanup(struct pfpcap *p)
{
	struct pfpcap_live *l = p->priv;

	if (l->ring)
		pfring_close(l->ring);
	pfpcap_live_free_filter(l);
	if (l->any)
		pfpcap_cooked_free(&l->cooked);
	free(l);
}

static const struct pfpcap_ops pfpcap_live_ops = {
	.activate = pfpcap_live_activate,
	.read = pfpcap_live_read,
	.inject = pfpcap_live_inject,
	.compile = pfpcap_live_compile,
	.setfilter = pfpcap_live_setfilter,
	.setdirection = pfpcap_live_setdirection,
	.datalinks = pfpcap_live_datalinks,
	.set_datalink = pfpcap_live_set_datalink,
	.stats = pfpcap_live_stats,
	.selectable_fd = pfpcap_live_fd,
	.bufsize = pfpcap_live_bufsize,
	.cleanup = pfpcap_live_cleanup,
};

pcap_t *pfpcap_live_create(const char *device, char *errbuf)
{
	struct pfpcap_live *l = calloc(1, sizeof(*l));
	struct pfpcap *p;

	if (!l) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "malloc: %s", strerror(errno));
		return NULL;
	}
	l->fd = -1;
	l->cooked.fd = -1;
	p = pfpcap_new(device, &pfpcap_live_ops, errbuf);
	if (!p) {
		free(l);
		return NULL;
	}
	p->priv = l;
	return (pcap_t *)p;
}
