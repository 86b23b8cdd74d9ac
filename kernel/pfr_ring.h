/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-socket ring: memory shared with user space, and its producer.
 * The protocol and its barriers are described in <linux/pf_ring.h>.
 */
#ifndef _PFR_RING_H
#define _PFR_RING_H

#include <asm/barrier.h>
#include <linux/cache.h>
#include <linux/if_vlan.h>
#include <linux/mm_types.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/pf_ring.h>

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
	u8 *data;
	struct page **pages;
	unsigned int nr_pages;
	u32 data_size;			/* power of two */
	u32 mask;			/* data_size - 1 */
	u32 slot_len;			/* longest record */
	u32 num_slots;			/* full-size records that always fit */
	u32 bucket_len;
	bool parse;			/* SO_SET_PARSE_HEADERS, read per packet */
	u64 mem_size;
	struct user_struct *user;	/* charged for the pages, or NULL */

	/* Producer state; only the producer touches it. */
	spinlock_t lock ____cacheline_aligned_in_smp;
	u64 prod;			/* the kernel's own producer position */
	u32 cached_cons;		/* bytes of the last cons read from the page */
	struct pfring_stats stats;
};

int pfr_ring_alloc(struct pfr_ring *r, u32 min_slots, u32 bucket_len);
void pfr_ring_free(struct pfr_ring *r);
void pfr_ring_info(const struct pfr_ring *r, struct pfring_ring_info *info);
int pfr_ring_mmap(struct pfr_ring *r, struct vm_area_struct *vma);
bool __pfr_ring_write(struct pfr_ring *r, const struct sk_buff *skb,
		      const struct pfr_pkt_meta *meta, u32 snap);
u32 pfr_ring_queued(struct pfr_ring *r, u64 *cons, u32 *bytes);
void pfr_ring_set_status(struct pfr_ring *r, u32 status);
/* Where the MAC header starts, relative to skb->data (0 or less). */
static inline int pfr_skb_mac_off(const struct sk_buff *skb)
{
	if (skb_mac_header_was_set(skb) && skb_mac_offset(skb) < 0)
		return skb_mac_offset(skb);
	return 0;
}

/* pfr_skb_wire_len() for a caller that has pfr_skb_mac_off() already. */
static inline u32 pfr_skb_wire_len_at(const struct sk_buff *skb, int mac_off)
{
	return skb->len - mac_off + (skb_vlan_tag_present(skb) ? VLAN_HLEN : 0);
}

/* The frame's length on the wire, with a tag the NIC stripped. */
static inline u32 pfr_skb_wire_len(const struct sk_buff *skb)
{
	return pfr_skb_wire_len_at(skb, pfr_skb_mac_off(skb));
}

void __pfr_skb_copy_frame(const struct sk_buff *skb, u8 *to, u32 len);

/*
 * Copies the first len bytes of the frame whose MAC header is mac_off
 * from skb->data (see pfr_skb_copy_frame()).  Inline for the common
 * frame, untagged and whole in the linear part: one memcpy, no call.
 */
static inline void pfr_skb_copy_frame_at(const struct sk_buff *skb,
					 int mac_off, u8 *to, u32 len)
{
	if (likely(!skb_vlan_tag_present(skb) &&
		   len <= skb_headlen(skb) + (u32)-mac_off))
		memcpy(to, skb->data + mac_off, len);
	else
		__pfr_skb_copy_frame(skb, to, len);
}

/*
 * Copies the frame from its MAC header on, at most max bytes, putting
 * back a VLAN tag the NIC stripped so the copy is what was on the wire.
 * Returns the number of bytes copied.
 */
static inline u32 pfr_skb_copy_frame(const struct sk_buff *skb, u8 *to,
				     u32 max)
{
	u32 len = min(pfr_skb_wire_len(skb), max);

	pfr_skb_copy_frame_at(skb, pfr_skb_mac_off(skb), to, len);
	return len;
}

static inline bool pfr_ring_allocated(const struct pfr_ring *r)
{
	/* pairs with the release at the end of pfr_ring_alloc() */
	return smp_load_acquire(&r->hdr) != NULL;
}

/* The producer position, for readers outside the producer. */
static inline u64 pfr_ring_prod(const struct pfr_ring *r)
{
	return READ_ONCE(r->prod);
}

#endif /* _PFR_RING_H */
