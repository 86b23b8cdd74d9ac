// SPDX-License-Identifier: LGPL-2.1-or-later
/* Consumer side of the pf_ring.ko ring; see ring_consumer.h. */
#include "ring_consumer.h"

#include <errno.h>
#include <stdio.h>

#include <pfring.h>

int pfr_ring_check_version(const struct pfring_ring_info *info,
			   char *msg, size_t msg_len)
{
	if (info->version == PFRING_RING_VERSION)
		return 0;
	if (info->version > PFRING_RING_VERSION)
		snprintf(msg, msg_len,
			 "library (ring version %u) is older than the pf_ring module (ring version %u): rebuild the library",
			 (unsigned int)PFRING_RING_VERSION, info->version);
	else
		snprintf(msg, msg_len,
			 "pf_ring module (ring version %u) is older than the library (ring version %u): rebuild the module",
			 info->version, (unsigned int)PFRING_RING_VERSION);
	return PF_RING_ERROR_INVALID_LIB_VERSION;
}

static int pfr_geometry_ok(const struct pfring_ring_info *info,
			   size_t mem_size)
{
	/* Power of two: offsets are the byte counter masked. */
	if (info->data_size == 0 ||
	    (info->data_size & (info->data_size - 1)) != 0)
		return 0;
	if (info->slot_hdr_len != sizeof(struct pfring_slot))
		return 0;
	if (info->slot_len != PFRING_RECORD_LEN(info->slot_hdr_len,
						 info->bucket_len) ||
	    info->slot_len > info->data_size)
		return 0;
	/* Record headers hold a __u64: keep them naturally aligned. */
	if (info->slots_offset % 8)
		return 0;
	if (info->slots_offset < sizeof(struct pfring_ring_hdr))
		return 0;
	return info->mem_size <= mem_size &&
	       (__u64)info->slots_offset + info->data_size <= info->mem_size;
}

/* Whether the records in [from, to) can be there: to is not behind. */
static int pfr_span_ok(const struct pfr_ring *r, __u64 from, __u64 to)
{
	return PFRING_POS_BYTES(to) - PFRING_POS_BYTES(from) <= r->data_size &&
	       PFRING_POS_RECORDS(to) - PFRING_POS_RECORDS(from) <=
	       PFRING_POS_BYTES(to) - PFRING_POS_BYTES(from);
}

int pfr_ring_attach(struct pfr_ring *r, void *mem, size_t mem_size)
{
	struct pfring_ring_hdr *hdr = mem;
	struct pfring_ring_info info;
	__u64 cons, prod;

	if (mem_size < sizeof(*hdr))
		return -EINVAL;
	/* One snapshot: the header page is writable by this process too. */
	info = hdr->info;
	if (info.magic != PFRING_RING_MAGIC ||
	    info.version != PFRING_RING_VERSION)
		return -EPROTO;
	if (!pfr_geometry_ok(&info, mem_size))
		return -EINVAL;

	r->hdr = hdr;
	r->data = (unsigned char *)mem + info.slots_offset;
	r->data_size = info.data_size;
	r->slot_len = info.slot_len;
	r->slot_hdr_len = info.slot_hdr_len;
	r->bucket_len = info.bucket_len;
	cons = __atomic_load_n(&hdr->cons, __ATOMIC_RELAXED);
	prod = __atomic_load_n(&hdr->prod, __ATOMIC_ACQUIRE);
	if (!pfr_span_ok(r, cons, prod))
		return -EPROTO;
	/* Holding many consumed records of a small ring would make it drop. */
	r->batch = info.num_slots / 4;
	if (r->batch > PFR_RELEASE_BATCH)
		r->batch = PFR_RELEASE_BATCH;
	if (r->batch == 0)
		r->batch = 1;
	r->next = cons;
	r->released = cons;
	r->prod = prod;
	return 0;
}

void pfr_ring_release(struct pfr_ring *r)
{
	if (r->released == r->next)
		return;
	/* (D): our reads of the records happen before the kernel reuses them. */
	__atomic_store_n(&r->hdr->cons, r->next, __ATOMIC_RELEASE);
	r->released = r->next;
}

/* Re-reads the producer position; 1 if packets are pending, 0 if none. */
static int pfr_ring_refresh(struct pfr_ring *r)
{
	/* (C): record contents are visible once the position publishing them is. */
	__u64 prod = __atomic_load_n(&r->hdr->prod, __ATOMIC_ACQUIRE);

	/*
	 * The kernel never has more than data_size unreleased bytes, and
	 * prod never moves backwards past what was already handed out.
	 */
	if (!pfr_span_ok(r, r->released, prod) || !pfr_span_ok(r, r->next, prod))
		return -EPROTO;
	r->prod = prod;
	return prod != r->next;
}

int pfr_ring_catch_up(struct pfr_ring *r)
{
	pfr_ring_release(r);
	return pfr_ring_refresh(r);
}

long pfr_ring_pending(struct pfr_ring *r)
{
	int rc;

	if (r->next == r->prod) {
		rc = pfr_ring_refresh(r);
		if (rc < 0)
			return rc;
	}
	/* prod's record half was checked against an older next. */
	if (!pfr_span_ok(r, r->next, r->prod))
		return -EPROTO;
	return (long)(PFRING_POS_RECORDS(r->prod) - PFRING_POS_RECORDS(r->next));
}
