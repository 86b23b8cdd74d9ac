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
	__u64 slots_end;

	/* Power of two: slots are addressed by masking the index. */
	if (info->num_slots == 0 ||
	    (info->num_slots & (info->num_slots - 1)) != 0)
		return 0;
	if (info->slot_hdr_len != sizeof(struct pfring_slot))
		return 0;
	if (info->slot_len < info->slot_hdr_len ||
	    info->bucket_len > info->slot_len - info->slot_hdr_len)
		return 0;
	/* Slot headers hold a __u64: keep them naturally aligned. */
	if (info->slot_len % 8 || info->slots_offset % 8)
		return 0;
	if (info->slots_offset < sizeof(struct pfring_ring_hdr))
		return 0;
	slots_end = info->slots_offset +
		    (__u64)info->num_slots * info->slot_len;
	return info->mem_size <= mem_size && slots_end <= info->mem_size;
}

int pfr_ring_attach(struct pfr_ring *r, void *mem, size_t mem_size)
{
	struct pfring_ring_hdr *hdr = mem;
	struct pfring_ring_info info;
	__u32 cons, prod;

	if (mem_size < sizeof(*hdr))
		return -EINVAL;
	/* One snapshot: the header page is writable by this process too. */
	info = hdr->info;
	if (info.magic != PFRING_RING_MAGIC ||
	    info.version != PFRING_RING_VERSION)
		return -EPROTO;
	if (!pfr_geometry_ok(&info, mem_size))
		return -EINVAL;

	cons = __atomic_load_n(&hdr->cons, __ATOMIC_RELAXED);
	prod = __atomic_load_n(&hdr->prod, __ATOMIC_ACQUIRE);
	if (prod - cons > info.num_slots)
		return -EPROTO;

	r->hdr = hdr;
	r->slots = (unsigned char *)mem + info.slots_offset;
	r->num_slots = info.num_slots;
	r->slot_len = info.slot_len;
	r->bucket_len = info.bucket_len;
	/* Holding many consumed slots of a small ring would make it drop. */
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
	/* (D): our reads of the slots happen before the kernel reuses them. */
	__atomic_store_n(&r->hdr->cons, r->next, __ATOMIC_RELEASE);
	r->released = r->next;
}

/* Re-reads the producer index; 1 if packets are pending, 0 if none. */
static int pfr_ring_refresh(struct pfr_ring *r)
{
	/* (C): slot contents are visible once the index publishing them is. */
	__u32 prod = __atomic_load_n(&r->hdr->prod, __ATOMIC_ACQUIRE);

	/*
	 * The kernel never has more than num_slots unreleased slots, and
	 * prod never moves backwards past what was already handed out.
	 */
	if (prod - r->released > r->num_slots ||
	    prod - r->released < r->next - r->released)
		return -EPROTO;
	r->prod = prod;
	return prod != r->next;
}

int pfr_ring_next(struct pfr_ring *r, struct pfr_pkt *pkt)
{
	const struct pfring_slot *slot;
	int rc;

	if (r->next == r->prod) {
		/* Caught up: hand everything back before looking again. */
		pfr_ring_release(r);
		rc = pfr_ring_refresh(r);
		if (rc <= 0)
			return rc;
	} else if (r->next - r->released >= r->batch) {
		pfr_ring_release(r);
	}

	slot = (const struct pfring_slot *)
		(r->slots + (size_t)(r->next & (r->num_slots - 1)) * r->slot_len);
	r->next++;

	pkt->slot = slot;
	pkt->frame = (const unsigned char *)(slot + 1);
	pkt->caplen = slot->caplen;
	if (pkt->caplen > r->bucket_len)
		pkt->caplen = r->bucket_len;
	return 1;
}

long pfr_ring_pending(struct pfr_ring *r)
{
	int rc;

	if (r->next == r->prod) {
		rc = pfr_ring_refresh(r);
		if (rc < 0)
			return rc;
	}
	return (long)(r->prod - r->next);
}
