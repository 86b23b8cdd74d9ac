// SPDX-License-Identifier: LGPL-2.1-or-later
/* Receiving: pfring_recv() and the calls built on the ring consumer. */
#include "pfring_priv.h"

#include <limits.h>

static void pfr_lock(pfring *ring)
{
	if (ring->reentrant)
		pthread_mutex_lock(&ring->lock);
}

static void pfr_unlock(pfring *ring)
{
	if (ring->reentrant)
		pthread_mutex_unlock(&ring->lock);
}

static int pfr_break_requested(pfring *ring)
{
	return __atomic_load_n(&ring->break_loop, __ATOMIC_RELAXED);
}

/* Async-signal-safe: a single lock-free store. */
void pfring_breakloop(pfring *ring)
{
	if (ring)
		__atomic_store_n(&ring->break_loop, 1, __ATOMIC_RELAXED);
}

/*
 * Sleeps in poll() for up to timeout ms.  Returns 0 on wake-up, timeout
 * or signal, PF_RING_ERROR_GENERIC on failure; a vanished device is noted
 * in dev_gone and reported once the queued packets have been read.
 */
static int pfr_wait(pfring *ring, u_int timeout)
{
	struct pollfd pfd = { .fd = ring->fd, .events = POLLIN };
	int n;

	n = poll(&pfd, 1, timeout > INT_MAX ? INT_MAX : (int)timeout);
	if (n < 0)
		return errno == EINTR ? 0 : PF_RING_ERROR_GENERIC;
	if (pfd.revents & POLLNVAL) {
		errno = EBADF;
		return PF_RING_ERROR_GENERIC;
	}
	if (pfd.revents & (POLLERR | POLLHUP))
		ring->dev_gone = 1;
	return 0;
}

static int pfr_device_gone(void)
{
	errno = ENODEV;
	return PF_RING_ERROR_GENERIC;
}

/* A corrupt ring (-EPROTO from the consumer) as the API reports it. */
static int pfr_ring_error(int rc)
{
	errno = -rc;
	return PF_RING_ERROR_GENERIC;
}

/* Whether a record carries anything for pfr_slot_flags() to report. */
static inline int pfr_slot_tagged(const struct pfring_slot *s)
{
	return __builtin_expect(s->flags & (PFRING_SLOT_F_VLAN_RESTORED |
					    PFRING_SLOT_F_PARSED), 0);
}

/*
 * The PKT_FLAGS_* of a record the kernel tagged.  This and
 * pfr_fill_flags() are out of line: few records are tagged, and inline
 * they cost the receive loops a saved register (7 instructions a packet).
 */
static __attribute__((noinline)) u_int32_t
pfr_slot_flags(const struct pfring_slot *s)
{
	u_int32_t flags = 0;

	if (s->flags & PFRING_SLOT_F_VLAN_RESTORED)
		flags |= PKT_FLAGS_VLAN_HWACCEL;
	if (s->flags & PFRING_SLOT_F_PARSED) {
		if ((s->parsed.flags & (PFRING_PARSED_FRAGMENT |
					PFRING_PARSED_FIRST_FRAGMENT)) ==
		    PFRING_PARSED_FRAGMENT)
			flags |= PKT_FLAGS_IP_FRAG_OFFSET;
		if (s->parsed.flags & PFRING_PARSED_MORE_FRAGS)
			flags |= PKT_FLAGS_IP_MORE_FRAG;
	}
	return flags;
}

/* The PKT_FLAGS_* and parsed info of records the kernel tagged. */
static __attribute__((noinline)) void
pfr_fill_flags(pfring *ring, const struct pfring_slot *s, const u_char *frame,
	       u_int32_t caplen, struct pfring_extended_pkthdr *ext)
{
	if ((s->flags & PFRING_SLOT_F_PARSED) &&
	    (ring->flags & PF_RING_LONG_HEADER))
		pfr_fill_parsing_info(&ext->parsed_pkt, &s->parsed, frame,
				      caplen);
	ext->flags = pfr_slot_flags(s);
}

/*
 * The stamp as a timeval.  Stamps mostly share their second with the
 * previous one, so the 64-bit division by 10^9 runs once per second.
 */
static inline void pfr_fill_ts(u_int64_t *sec, u_int64_t ts, struct timeval *tv)
{
	u_int64_t ns = ts - *sec * 1000000000ULL;

	if (ns >= 1000000000ULL) {	/* another second, or back in time */
		*sec = ts / 1000000000ULL;
		ns = ts - *sec * 1000000000ULL;
	}
	tv->tv_sec = (time_t)*sec;
	tv->tv_usec = (suseconds_t)(ns / 1000);
}

static inline __attribute__((always_inline)) void
pfr_fill_pkthdr(pfring *ring, const struct pfr_pkt *pkt,
		u_int32_t caplen, struct pfring_pkthdr *hdr)
{
	const struct pfring_slot *s = pkt->slot;
	struct pfring_extended_pkthdr *ext = &hdr->extended_hdr;
	u_int64_t ts = s->ts_ns;
	u_int32_t len = s->len;

	pfr_fill_ts(&ring->ts_sec, ts, &hdr->ts);
	hdr->caplen = caplen;
	hdr->len = len < caplen ? caplen : len;
	ext->timestamp_ns = ts;
	if (pfr_slot_tagged(s))
		pfr_fill_flags(ring, s, pkt->frame, caplen, ext);
	else
		ext->flags = 0;
	ext->rx_direction = s->direction == PFRING_DIR_RX;
	ext->if_index = s->ifindex;
	ext->pkt_hash = s->hash;
	ext->tx.bounce_interface = UNKNOWN_INTERFACE;
	ext->tx.reserved = NULL;
}

/* Inline in both receive paths: the fast one makes no call. */
static inline __attribute__((always_inline)) void
pfr_deliver(pfring *ring, const struct pfr_pkt *pkt,
	    u_char **buffer, u_int buffer_len,
	    struct pfring_pkthdr *hdr)
{
	u_int32_t caplen = pkt->caplen;

	if (buffer_len == 0) {
		*buffer = (u_char *)pkt->frame;
	} else {
		if (caplen > buffer_len)
			caplen = buffer_len;
		memcpy(*buffer, pkt->frame, caplen);
	}
	pfr_fill_pkthdr(ring, pkt, caplen, hdr);
}

/*
 * Returns 1 once a packet is known to be there (r->next before r->prod),
 * or what the receive call returns when none comes.
 */
static int pfr_wait_ready(pfring *ring, u_int8_t wait)
{
	struct pfr_ring *r = &ring->ring;
	int rc;

	for (;;) {
		if (pfr_break_requested(ring))
			return 0;
		if (r->next != r->prod)
			return 1;
		rc = pfr_ring_catch_up(r);
		if (rc > 0)
			return 1;
		if (rc < 0)
			return pfr_ring_error(rc);
		/* The ring is empty: a removed device is final. */
		if (ring->dev_gone || pfr_ring_dev_gone(r))
			return pfr_device_gone();
		if (!wait)
			return 0;
		rc = pfr_wait(ring, ring->poll_duration);
		if (rc)
			return rc;
	}
}

static __attribute__((noinline)) int
pfr_recv(pfring *ring, u_char **buffer, u_int buffer_len,
	 struct pfring_pkthdr *hdr, u_int8_t wait)
{
	struct pfr_pkt pkt;
	int rc;

	rc = pfr_wait_ready(ring, wait);
	if (rc <= 0)
		return rc;
	rc = pfr_ring_next(&ring->ring, &pkt);	/* 0 cannot come here */
	if (rc <= 0)
		return rc ? pfr_ring_error(rc) : 0;
	pfr_deliver(ring, &pkt, buffer, buffer_len, hdr);
	return 1;
}

/* Out of line: the lock's calls would cost the lock-free caller too. */
static __attribute__((noinline)) int
pfr_recv_locked(pfring *ring, u_char **buffer, u_int buffer_len,
		struct pfring_pkthdr *hdr, u_int8_t wait)
{
	int rc;

	pthread_mutex_lock(&ring->lock);
	rc = pfr_recv(ring, buffer, buffer_len, hdr, wait);
	pthread_mutex_unlock(&ring->lock);
	return rc;
}

int pfring_recv(pfring *ring, u_char **buffer, u_int buffer_len,
		struct pfring_pkthdr *hdr, u_int8_t wait_for_incoming_packet)
{
	struct pfr_pkt pkt;
	int rc;

	if (!ring || !buffer || !hdr || (buffer_len && !*buffer))
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (!ring->enabled || ring->mode == send_only_mode)
		return PF_RING_ERROR_RING_NOT_ENABLED;
	if (ring->reentrant)
		return pfr_recv_locked(ring, buffer, buffer_len, hdr,
				       wait_for_incoming_packet);
	/*
	 * Most calls find a packet and nothing to release: that path makes
	 * no call (but memcpy() into a caller's buffer), so it saves fewer
	 * registers than the loop that may wait.
	 */
	if (__builtin_expect(!pfr_break_requested(ring) &&
			     pfr_ring_ready(&ring->ring), 1)) {
		rc = pfr_ring_take(&ring->ring, &pkt);
		if (__builtin_expect(rc > 0, 1)) {
			pfr_deliver(ring, &pkt, buffer, buffer_len, hdr);
			return 1;
		}
		return pfr_ring_error(rc);
	}
	return pfr_recv(ring, buffer, buffer_len, hdr,
			wait_for_incoming_packet);
}

/*
 * A burst's record: what pfring_packet_info has room for.  Its lengths
 * are 16 bits wide, so a longer frame (a 64 KiB bucket) reads as 65535.
 */
static inline __attribute__((always_inline)) void
pfr_fill_info(u_int64_t *ts_sec, const struct pfr_pkt *pkt,
	      pfring_packet_info *pi)
{
	const struct pfring_slot *s = pkt->slot;
	u_int32_t caplen = pkt->caplen, len = s->len;

	if (len < caplen)
		len = caplen;
	pi->data = (u_char *)pkt->frame;
	pfr_fill_ts(ts_sec, s->ts_ns, &pi->ts);
	pi->caplen = (u_int16_t)(caplen > UINT16_MAX ? UINT16_MAX : caplen);
	pi->len = (u_int16_t)(len > UINT16_MAX ? UINT16_MAX : len);
	pi->flags = pfr_slot_tagged(s) ? pfr_slot_flags(s) : 0;
	pi->hash = s->hash;
}

/*
 * One pass over the known records fills up to n: no call, no shared
 * cache line but the records' own.  A corrupt record ends the burst
 * before it, and is reported by the next call when it comes first.
 * The consumer state is copied to locals: stores into the caller's
 * array could alias *ring, and would make every field a reload.
 */
static int pfr_recv_burst(pfring *ring, pfring_packet_info *packets,
			  u_int n, u_int8_t wait)
{
	struct pfr_ring cur;
	u_int64_t ts_sec;
	struct pfr_pkt pkt;
	u_int i = 0;
	int rc;

	/* The last burst's records go back: one store per burst. */
	pfr_ring_release(&ring->ring);
	rc = pfr_wait_ready(ring, wait);
	if (rc <= 0)
		return rc;
	cur = ring->ring;
	ts_sec = ring->ts_sec;
	do {
		rc = pfr_ring_take(&cur, &pkt);
		if (__builtin_expect(rc < 0, 0)) {
			if (i)
				break;
			return pfr_ring_error(rc);
		}
		pfr_fill_info(&ts_sec, &pkt, &packets[i]);
	} while (++i < n && cur.next != cur.prod);
	ring->ring.next = cur.next;
	ring->ts_sec = ts_sec;
	return (int)i;
}

/*
 * The records handed out stay where they are, valid until the next
 * receive call on the ring, as pfring_recv()'s zero-copy buffer.
 */
int pfring_recv_burst(pfring *ring, pfring_packet_info *packets,
		      u_int8_t num_packets, u_int8_t wait_for_packets)
{
	int rc;

	if (!ring || !packets || !num_packets)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (!ring->enabled || ring->mode == send_only_mode)
		return PF_RING_ERROR_RING_NOT_ENABLED;
	pfr_lock(ring);
	rc = pfr_recv_burst(ring, packets, num_packets, wait_for_packets);
	pfr_unlock(ring);
	return rc;
}

int pfring_recv_parsed(pfring *ring, u_char **buffer, u_int buffer_len,
		       struct pfring_pkthdr *hdr,
		       u_int8_t wait_for_incoming_packet, u_int8_t level,
		       u_int8_t add_timestamp, u_int8_t add_hash)
{
	int rc = pfring_recv(ring, buffer, buffer_len, hdr,
			     wait_for_incoming_packet);

	/* As ntop: on success the result is pfring_parse_pkt()'s. */
	if (rc > 0)
		rc = pfring_parse_pkt(*buffer, hdr, level, add_timestamp,
				      add_hash);
	return rc;
}

int pfring_loop(pfring *ring, pfringProcesssPacket looper,
		const u_char *user_bytes, u_int8_t wait_for_packet)
{
	struct pfring_pkthdr hdr;
	u_char *pkt = NULL;
	int rc;

	if (!ring || !looper)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	/* parsed_pkt is left alone without PF_RING_LONG_HEADER. */
	memset(&hdr, 0, sizeof(hdr));
	__atomic_store_n(&ring->break_loop, 0, __ATOMIC_RELAXED);
	while (!pfr_break_requested(ring)) {
		rc = pfring_recv(ring, &pkt, 0, &hdr, wait_for_packet);
		if (rc < 0)
			return rc;
		if (rc > 0)
			looper(&hdr, pkt, user_bytes);
	}
	return 0;
}

/* 1 when packets are ready, 0 when none, PF_RING_ERROR_* on failure. */
static int pfr_available(pfring *ring)
{
	long n = pfr_ring_pending(&ring->ring);

	if (n < 0) {
		errno = (int)-n;
		return PF_RING_ERROR_GENERIC;
	}
	if (n > 0)
		return 1;
	return ring->dev_gone ? pfr_device_gone() : 0;
}

int pfring_poll(pfring *ring, u_int wait_duration)
{
	int rc;

	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	pfr_lock(ring);
	/*
	 * The kernel counts unreleased slots as queued when deciding to wake
	 * us, so everything read so far goes back first.
	 */
	pfr_ring_release(&ring->ring);
	rc = pfr_available(ring);
	if (rc == 0) {
		rc = pfr_wait(ring, wait_duration);
		if (rc == 0)
			rc = pfr_available(ring);
	}
	pfr_unlock(ring);
	return rc;
}

int pfring_is_pkt_available(pfring *ring)
{
	int rc;

	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	pfr_lock(ring);
	rc = pfr_available(ring);
	pfr_unlock(ring);
	return rc;
}

u_int32_t pfring_get_num_queued_pkts(pfring *ring)
{
	long n;

	if (!ring)
		return 0;
	pfr_lock(ring);
	n = pfr_ring_pending(&ring->ring);
	pfr_unlock(ring);
	return n > 0 ? (u_int32_t)n : 0;
}

void pfring_sync_indexes_with_kernel(pfring *ring)
{
	if (!ring)
		return;
	pfr_lock(ring);
	pfr_ring_release(&ring->ring);
	pfr_unlock(ring);
}
