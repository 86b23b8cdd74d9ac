/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Consumer side of the pf_ring.ko ring (protocol in <linux/pf_ring.h>).
 *
 * Works on any memory image of a ring, so unit tests drive it without a
 * kernel.  Positions read here are never trusted for addressing: offsets
 * are always masked, and a producer position that is not within
 * data_size ahead of the consumer, a caplen over bucket_len or a record
 * that does not end by the producer position is reported as corruption.
 */
#ifndef PFR_RING_CONSUMER_H
#define PFR_RING_CONSUMER_H

#include <errno.h>
#include <stddef.h>
#include <linux/pf_ring.h>

/*
 * Records consumed before the consumer position is published to the
 * kernel: a quarter of the ring's full-size records, at most this many.
 */
#define PFR_RELEASE_BATCH	64

struct pfr_ring {
	struct pfring_ring_hdr *hdr;
	unsigned char *data;
	__u32 data_size;	/* power of two */
	__u32 slot_len;		/* longest record */
	__u32 slot_hdr_len;
	__u32 bucket_len;
	__u32 batch;		/* see PFR_RELEASE_BATCH */
	__u64 next;		/* position of the next record to hand out */
	__u64 released;		/* consumer position last published */
	__u64 prod;		/* producer position last read */
};

struct pfr_pkt {
	const struct pfring_slot *slot;
	const unsigned char *frame;
	__u32 caplen;		/* slot->caplen, at most bucket_len */
};

/*
 * Checks the ring info against this library's ring version.  Returns 0,
 * or PF_RING_ERROR_INVALID_LIB_VERSION with a message naming the older
 * side written to msg.
 */
int pfr_ring_check_version(const struct pfring_ring_info *info,
			   char *msg, size_t msg_len);

/*
 * Attaches to the mem_size bytes at mem after validating the ring header
 * (magic, version, geometry).  Returns 0 or a negative errno.
 */
int pfr_ring_attach(struct pfr_ring *r, void *mem, size_t mem_size);

/* Releases every record handed out so far, the last one included. */
void pfr_ring_release(struct pfr_ring *r);

/*
 * pfr_ring_next() once it has handed out all it knew of: releases it all
 * and reads the producer position again.  Returns 1 if packets are
 * pending, 0 if none, -EPROTO if the position is corrupt.
 */
int pfr_ring_catch_up(struct pfr_ring *r);

/* Whether the records handed out unreleased make a batch to release. */
static inline int pfr_ring_release_due(const struct pfr_ring *r)
{
	return PFRING_POS_RECORDS(r->next) - PFRING_POS_RECORDS(r->released) >=
	       r->batch;
}

/*
 * Whether pfr_ring_take() may run without pfr_ring_next()'s bookkeeping:
 * a packet is known to be there and no batch is due for release.
 */
static inline int pfr_ring_ready(const struct pfr_ring *r)
{
	return r->next != r->prod && !pfr_ring_release_due(r);
}

/*
 * Hands out the packet at r->next, which the caller knows is before
 * r->prod.  Returns 1 with *pkt filled, or -EPROTO when the record header
 * is corrupt.  No call: it is the per-packet step of every reader.
 */
static inline int pfr_ring_take(struct pfr_ring *r, struct pfr_pkt *pkt)
{
	const struct pfring_slot *slot;
	__u32 bytes, off, skip, caplen, rec_len;

	/* The producer's rule: a record starts where the longest fits. */
	bytes = PFRING_POS_BYTES(r->next);
	off = bytes & (r->data_size - 1);
	skip = PFRING_RECORD_SKIP(r->data_size, r->slot_len, off);
	slot = (const struct pfring_slot *)(r->data + (skip ? 0 : off));
	caplen = slot->caplen;
	if (caplen > r->bucket_len)
		return -EPROTO;
	rec_len = skip + PFRING_RECORD_LEN(r->slot_hdr_len, caplen);
	if (rec_len > PFRING_POS_BYTES(r->prod) - bytes)
		return -EPROTO;
	r->next = PFRING_POS(PFRING_POS_RECORDS(r->next) + 1, bytes + rec_len);

	pkt->slot = slot;
	pkt->frame = (const unsigned char *)(slot + 1);
	pkt->caplen = caplen;
	return 1;
}

/*
 * Hands out the next packet.  Its record stays unreleased until the next
 * call of pfr_ring_next() or pfr_ring_release(); earlier records are
 * released in batches, and all of them whenever the consumer has caught
 * up with the producer.
 * Returns 1 with *pkt filled, 0 when the ring is empty, -EPROTO when the
 * shared producer position or a record header is corrupt.
 */
static inline int pfr_ring_next(struct pfr_ring *r, struct pfr_pkt *pkt)
{
	int rc;

	if (r->next == r->prod) {
		rc = pfr_ring_catch_up(r);
		if (rc <= 0)
			return rc;
	} else if (pfr_ring_release_due(r)) {
		pfr_ring_release(r);
	}
	return pfr_ring_take(r, pkt);
}

/* Whether the kernel has marked the bound device as removed. */
static inline int pfr_ring_dev_gone(const struct pfr_ring *r)
{
	return __atomic_load_n(&r->hdr->status, __ATOMIC_RELAXED) &
	       PFRING_STATUS_DEV_GONE;
}


/*
 * Number of packets ready to be handed out; reads the producer position
 * only when none is known.  Returns -EPROTO when it is corrupt.
 */
long pfr_ring_pending(struct pfr_ring *r);

#endif /* PFR_RING_CONSUMER_H */
