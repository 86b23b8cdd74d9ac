// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading a ring with libpcap's semantics: a read hands out up to cnt
 * packets (cnt <= 0: all that are there), sleeps only while it has none,
 * returns 0 when the timeout passes with none (or at once in non-blocking
 * mode), and PCAP_ERROR_BREAK when pcap_breakloop() was called before it
 * delivered anything.
 *
 * Packets are handed out in place (zero copy): a slot stays ours until
 * the next pfring_recv(), i.e. for the callback, or until the next
 * pcap_next_ex(), as libpcap promises.
 */
#include "live.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t pfpcap_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The ring's nanosecond stamp, which pfring_recv() has already split into
 * seconds and microseconds; nano precision keeps ns in tv_usec.
 */
static void pfpcap_pkthdr(const struct pfpcap *p, const struct pfring_pkthdr *h,
			  struct pcap_pkthdr *ph)
{
	ph->ts.tv_sec = h->ts.tv_sec;
	if (p->opt.precision == PCAP_TSTAMP_PRECISION_MICRO)
		ph->ts.tv_usec = h->ts.tv_usec;
	else
		ph->ts.tv_usec = (suseconds_t)(h->extended_hdr.timestamp_ns -
					       (u_int64_t)h->ts.tv_sec *
					       1000000000ULL);
	ph->caplen = h->caplen < (u_int32_t)p->snaplen ? h->caplen
						       : (u_int32_t)p->snaplen;
	ph->len = h->len;
}

static int pfpcap_accept(struct pfpcap_live *l, const struct pcap_pkthdr *ph,
			 const u_char *pkt, const struct pfring_pkthdr *h)
{
	if (l->kernel_filter) {
		if (!l->refilter)
			return 1;
		l->refilter--;
	}
	if (pfpcap_user_filter_match(&l->filter, ph, pkt,
				     h->extended_hdr.flags & PKT_FLAGS_VLAN_HWACCEL))
		return 1;
	l->rejected++;	/* the kernel counted it as received */
	return 0;
}

/*
 * Sleeps until the ring may have packets, a break is requested or the
 * read's deadline passes.  Returns 1 to look again, 0 on timeout.
 */
static int pfpcap_wait(struct pfpcap *p, struct pfpcap_live *l,
		       int64_t *deadline)
{
	struct pollfd fds[2] = {
		{ .fd = l->fd, .events = POLLIN },
		{ .fd = p->wake_fd, .events = POLLIN },
	};
	int timeout = -1, n;
	uint64_t v;

	if (p->opt.timeout_ms < 0)	/* libpcap: negative = don't wait */
		return 0;
	if (p->opt.timeout_ms > 0) {
		int64_t now = pfpcap_now_ms();

		if (*deadline < 0)
			*deadline = now + p->opt.timeout_ms;
		if (now >= *deadline)
			return 0;
		timeout = (int)(*deadline - now);
	}
	/* The kernel counts unreleased slots as queued: release them first. */
	pfring_sync_indexes_with_kernel(l->ring);
	n = poll(fds, 2, timeout);
	if (n < 0)
		return 1;	/* EINTR: the caller checks for a break */
	if (n == 0)
		return 0;
	/* A wake-up left over from a break that was already taken. */
	if ((fds[1].revents & POLLIN) && !pfpcap_break_pending(p))
		while (read(p->wake_fd, &v, sizeof(v)) == sizeof(v))
			;
	if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL))
		l->poll_err = 1;
	return 1;
}

static int pfpcap_recv_error(struct pfpcap *p, int err)
{
	if (err == ENODEV || err == ENXIO)
		pfpcap_seterr(p, "The interface disappeared");
	else
		pfpcap_seterr(p, "PF_RING recv: %s", strerror(err));
	return PCAP_ERROR;
}

int pfpcap_live_read(struct pfpcap *p, int cnt, pcap_handler cb, u_char *user)
{
	struct pfpcap_live *l = p->priv;
	struct pfring_pkthdr h;
	struct pcap_pkthdr ph;
	int64_t deadline = -1;
	const u_char *data;
	u_char *pkt;
	int n = 0, rc;
	/* "All there is" stops at a ring's worth: a flood must not keep
	 * pcap_dispatch() from returning. */
	int max = cnt > 0 ? cnt : (int)l->geom.slots;

	for (;;) {
		if (pfpcap_break_pending(p)) {
			/* Delivered packets first; the break ends the next read. */
			if (n)
				return n;
			pfpcap_take_break(p);
			return PCAP_ERROR_BREAK;
		}
		if (n >= max)
			return n;
		rc = pfring_recv(l->ring, &pkt, 0, &h, 0);
		if (rc > 0) {
			pfpcap_pkthdr(p, &h, &ph);
			data = pkt;
			if (p->dlt != DLT_EN10MB)	/* "any", cooked */
				data = pfpcap_cooked(&l->cooked, p->dlt,
						     p->snaplen, &h, pkt, &ph);
			if (!pfpcap_accept(l, &ph, data, &h))
				continue;
			cb(user, &ph, data);
			n++;
			continue;
		}
		if (rc < 0)
			return n ? n : pfpcap_recv_error(p, errno);
		if (n || p->nonblock) {
			/* Give the slots back now: the caller may poll() next. */
			pfring_sync_indexes_with_kernel(l->ring);
			return n;
		}
		if (l->poll_err)	/* POLLERR and still nothing to read */
			return pfpcap_recv_error(p, ENODEV);
		if (!pfpcap_wait(p, l, &deadline))
			return 0;
	}
}
