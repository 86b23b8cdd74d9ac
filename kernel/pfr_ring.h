/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-socket ring: memory shared with user space, and its producer.
 * The protocol and its barriers are described in <linux/pf_ring.h>.
 */
#ifndef _PFR_RING_H
#define _PFR_RING_H

#include <asm/barrier.h>
#include <linux/cache.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/pf_ring.h>

struct sk_buff;
struct user_struct;

/* What the hook knows about a packet besides the skb itself. */
struct pfr_pkt_meta {
	int ifindex;
	u16 rx_queue;
	u8 direction;
	bool queue_known;	/* false: a sent packet, hardware queues */
};

struct pfr_ring {
	/* Set once at allocation, read-only afterwards. */
	struct pfring_ring_hdr *hdr;	/* kernel view of the shared page */
	u8 *slots;
	struct page **pages;
	unsigned int nr_pages;
	u32 num_slots;
	u32 mask;
	u32 slot_len;
	u32 bucket_len;
	u64 mem_size;
	struct user_struct *user;	/* charged for the pages, or NULL */

	/* Producer state; only the producer touches it. */
	spinlock_t lock ____cacheline_aligned_in_smp;
	u32 prod;			/* the kernel's own producer index */
	u32 cached_cons;		/* last cons read from the shared page */
	struct pfring_stats stats;
};

int pfr_ring_alloc(struct pfr_ring *r, u32 min_slots, u32 bucket_len);
void pfr_ring_free(struct pfr_ring *r);
int pfr_ring_mmap(struct pfr_ring *r, struct vm_area_struct *vma);
bool __pfr_ring_write(struct pfr_ring *r, const struct sk_buff *skb,
		      const struct pfr_pkt_meta *meta, u32 snap);
u32 pfr_ring_queued(struct pfr_ring *r, u32 *cons);
void pfr_ring_set_status(struct pfr_ring *r, u32 status);
int pfr_skb_mac_off(const struct sk_buff *skb);
u32 pfr_skb_wire_len(const struct sk_buff *skb);
u32 pfr_skb_copy_frame(const struct sk_buff *skb, u8 *to, u32 max);

static inline bool pfr_ring_allocated(const struct pfr_ring *r)
{
	/* pairs with the release at the end of pfr_ring_alloc() */
	return smp_load_acquire(&r->hdr) != NULL;
}

/* The producer index as published, for readers outside the producer. */
static inline u32 pfr_ring_prod(const struct pfr_ring *r)
{
	return READ_ONCE(r->prod);
}

#endif /* _PFR_RING_H */
