// SPDX-License-Identifier: GPL-2.0
/*
 * Ring memory and the producer that fills it.
 *
 * The memory is allocated once, when the socket first needs it, and
 * mapped twice: into the kernel (see pfr_ring_alloc()) and into user
 * space with vm_map_pages_zero().  Nothing is allocated per packet; the
 * producer copies straight from the skb into a record.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/if_vlan.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/prefetch.h>
#include <linux/skbuff.h>
#include <linux/sched/signal.h>
#include <linux/sched/user.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "pfr_compat.h"
#include "pfr_parse.h"
#include "pfr_ring.h"

/* The largest ring one socket may have, whatever memory is free. */
#define PFR_RING_MAX_BYTES	(1ULL << 30)

/*
 * Ring pages stay resident for the socket's life, like mlock()ed memory:
 * without CAP_IPC_LOCK they count against the user's RLIMIT_MEMLOCK.
 */
static int pfr_ring_charge(struct pfr_ring *r, unsigned long pages)
{
	unsigned long limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	struct user_struct *user;
	long cur;

	if (capable(CAP_IPC_LOCK))
		return 0;
	user = get_uid(current_user());
	cur = atomic_long_read(&user->locked_vm);
	do {
		if (cur + pages > limit) {
			free_uid(user);
			return -ENOBUFS;
		}
	} while (!atomic_long_try_cmpxchg(&user->locked_vm, &cur, cur + pages));
	r->user = user;
	return 0;
}

static void pfr_ring_uncharge(struct pfr_ring *r, unsigned long pages)
{
	if (!r->user)
		return;
	atomic_long_sub(pages, &r->user->locked_vm);
	free_uid(r->user);
	r->user = NULL;
}

/*
 * The data area comes from vmalloc_huge(): from 2 MiB on it is mapped
 * into the kernel with huge pages where the allocator finds them, so
 * the producer's writes walk one TLB entry per 2 MiB instead of one per
 * page (TPACKET rings get the same from their high-order blocks).
 * vmalloc splits them into order-0 pages, which user space maps one by
 * one.  The header page comes separately so that the data area starts
 * on a huge-page boundary.
 */
int pfr_ring_alloc(struct pfr_ring *r, u32 min_slots, u32 bucket_len)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN |
			  __GFP_ACCOUNT;
	u32 slot_len = PFRING_RECORD_LEN(sizeof(struct pfring_slot),
					 bucket_len);
	/*
	 * min_slots full-size records, wherever the consumer stands: the
	 * end of the data area may waste up to slot_len - ALIGN bytes.
	 */
	u64 want = (u64)min_slots * slot_len + slot_len - PFRING_RECORD_ALIGN;
	struct page **pages, *hdr_page;
	struct pfring_ring_hdr *hdr;
	u64 data_size, bytes;
	unsigned int i, n;
	u8 *data;
	int err;

	BUILD_BUG_ON(sizeof(struct pfring_ring_hdr) > PAGE_SIZE);
	BUILD_BUG_ON(offsetof(struct pfring_ring_hdr, prod) % 64);
	BUILD_BUG_ON(offsetof(struct pfring_ring_hdr, cons) % 64);
	BUILD_BUG_ON(sizeof(struct pfring_slot) % PFRING_RECORD_ALIGN);

	if (want > PFR_RING_MAX_BYTES)
		return -ENOMEM;
	data_size = roundup_pow_of_two(want);
	bytes = PAGE_ALIGN(PAGE_SIZE + data_size);
	if (data_size > PFR_RING_MAX_BYTES ||
	    bytes >> PAGE_SHIFT > totalram_pages() / 2)
		return -ENOMEM;

	n = bytes >> PAGE_SHIFT;
	err = pfr_ring_charge(r, n);
	if (err)
		return err;
	pages = kvcalloc(n, sizeof(*pages), GFP_KERNEL | __GFP_NOWARN);
	if (!pages)
		goto err_charge;
	hdr_page = alloc_page(gfp);
	if (!hdr_page)
		goto err_pages;
	data = vmalloc_huge(bytes - PAGE_SIZE, gfp);
	if (!data)
		goto err_hdr;
	pages[0] = hdr_page;
	for (i = 1; i < n; i++)
		pages[i] = vmalloc_to_page(data + (i - 1) * PAGE_SIZE);

	r->data = data;
	r->pages = pages;
	r->nr_pages = n;
	r->data_size = data_size;
	r->mask = data_size - 1;
	r->slot_len = slot_len;
	r->num_slots = (data_size - slot_len + PFRING_RECORD_ALIGN) / slot_len;
	r->bucket_len = bucket_len;
	r->mem_size = bytes;

	hdr = page_address(hdr_page);
	pfr_ring_info(r, &hdr->info);
	/* Pairs with pfr_ring_allocated(): readers see a complete ring. */
	smp_store_release(&r->hdr, hdr);
	return 0;

err_hdr:
	__free_page(hdr_page);
err_pages:
	kvfree(pages);
err_charge:
	pfr_ring_uncharge(r, n);
	return -ENOMEM;
}

/* The ring's geometry as user space sees it. */
void pfr_ring_info(const struct pfr_ring *r, struct pfring_ring_info *info)
{
	*info = (struct pfring_ring_info) {
		.magic = PFRING_RING_MAGIC,
		.version = PFRING_RING_VERSION,
		.num_slots = r->num_slots,
		.slot_len = r->slot_len,
		.slot_hdr_len = sizeof(struct pfring_slot),
		.bucket_len = r->bucket_len,
		.slots_offset = PAGE_SIZE,
		.data_size = r->data_size,
		.mem_size = r->mem_size,
	};
}

void pfr_ring_free(struct pfr_ring *r)
{
	if (!r->hdr)
		return;
	/*
	 * A user mapping may outlive the socket: vm_map_pages_zero() took
	 * its own page references, so freeing ours here is safe.
	 */
	vfree(r->data);
	__free_page(r->pages[0]);
	kvfree(r->pages);
	pfr_ring_uncharge(r, r->nr_pages);
	r->hdr = NULL;
}

int pfr_ring_mmap(struct pfr_ring *r, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != r->mem_size)
		return -EINVAL;
	pfr_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return vm_map_pages_zero(vma, r->pages, r->nr_pages);
}

/*
 * Records queued for the reader, and their bytes when asked; cons gets
 * the consumer position they count from.
 */
u32 pfr_ring_queued(struct pfr_ring *r, u64 *consp, u32 *bytesp)
{
	/* (A) as in the producer: cons may be the reader's latest. */
	u64 cons = smp_load_acquire(&r->hdr->cons);
	u64 prod = READ_ONCE(r->prod);
	u32 queued = PFRING_POS_RECORDS(prod) - PFRING_POS_RECORDS(cons);

	if (consp)
		*consp = cons;
	/*
	 * A cons user space made up must not look like an empty ring, nor
	 * hold more than fits.
	 */
	if (bytesp)
		*bytesp = min(PFRING_POS_BYTES(prod) - PFRING_POS_BYTES(cons),
			      r->data_size);
	return min_t(u32, queued, r->data_size / sizeof(struct pfring_slot));
}

/* Tells readers that never sleep what poll() would report. */
void pfr_ring_set_status(struct pfr_ring *r, u32 status)
{
	if (pfr_ring_allocated(r))
		WRITE_ONCE(r->hdr->status, status);
}

/* pfr_skb_copy_frame() for a frame with a stripped tag or paged data. */
void __pfr_skb_copy_frame(const struct sk_buff *skb, u8 *to, u32 len)
{
	int mac_off = pfr_skb_mac_off(skb);
	u8 tag[VLAN_HLEN];
	u32 head;

	if (!skb_vlan_tag_present(skb)) {
		skb_copy_bits(skb, mac_off, to, len);
		return;
	}
	head = min_t(u32, len, 2 * ETH_ALEN);
	skb_copy_bits(skb, mac_off, to, head);
	if (len == head)
		return;
	*(__be16 *)tag = skb->vlan_proto;
	*(__be16 *)(tag + 2) = htons(skb_vlan_tag_get(skb));
	memcpy(to + head, tag, min_t(u32, len - head, VLAN_HLEN));
	if (len > head + VLAN_HLEN)
		skb_copy_bits(skb, mac_off + head, to + head + VLAN_HLEN,
			      len - head - VLAN_HLEN);
}

/*
 * Writes one packet, at most snap bytes of it, as the next record;
 * false if it was dropped.
 * The caller serialises producers: it holds r->lock, or it is the only
 * producer of this ring.
 */
bool __pfr_ring_write(struct pfr_ring *r, const struct sk_buff *skb,
		      const struct pfr_pkt_meta *meta, u32 snap)
{
	u32 bytes = PFRING_POS_BYTES(r->prod);
	u32 off = bytes & r->mask;
	/* Once: the acquire below keeps the compiler from reusing it. */
	int mac_off = pfr_skb_mac_off(skb);
	u32 wire_len = pfr_skb_wire_len_at(skb, mac_off);
	u32 caplen = min3(wire_len, r->bucket_len, snap);
	u32 rec_len = PFRING_RECORD_LEN(sizeof(struct pfring_slot), caplen);
	u32 skip = PFRING_RECORD_SKIP(r->data_size, r->slot_len, off);
	u32 need = skip + rec_len;
	struct pfring_slot *slot;
	u64 prod;

	if (unlikely(bytes - r->cached_cons + need > r->data_size)) {
		/* (A): pairs with (D); the reader is done with what it released. */
		u32 cons = PFRING_POS_BYTES(smp_load_acquire(&r->hdr->cons));

		if (unlikely(bytes - cons > r->data_size)) {
			r->stats.bad_cons++;
			r->stats.drop_full++;
			return false;
		}
		r->cached_cons = cons;
		if (bytes - cons + need > r->data_size) {
			r->stats.drop_full++;
			return false;
		}
	}

	slot = (struct pfring_slot *)(r->data + (skip ? 0 : off));
	pfr_skb_copy_frame_at(skb, mac_off, (u8 *)(slot + 1), caplen);
	slot->ts_ns = ktime_to_ns(skb_tstamp_cond(skb, true));
	slot->caplen = caplen;
	slot->len = wire_len;
	slot->ifindex = meta->ifindex;
	slot->rx_queue = meta->rx_queue;
	slot->direction = meta->direction;
	slot->flags = (skb_vlan_tag_present(skb) ?
		       PFRING_SLOT_F_VLAN_RESTORED : 0) |
		      (caplen < wire_len ? PFRING_SLOT_F_TRUNCATED : 0);
	slot->hash = skb->hash;
	slot->reserved0 = 0;
	if (READ_ONCE(r->parse)) {
		pfr_parse((u8 *)(slot + 1), caplen, &slot->parsed);
		slot->flags |= PFRING_SLOT_F_PARSED;
	}

	prod = PFRING_POS(PFRING_POS_RECORDS(r->prod) + 1, bytes + need);
	WRITE_ONCE(r->prod, prod);
	/* (B): pairs with (C); the record is complete before it is published. */
	smp_store_release(&r->hdr->prod, prod);
	/* The next record's header line, owned before the next packet. */
	prefetchw(r->data + (PFRING_POS_BYTES(prod) & r->mask));
	r->stats.recv++;
	return true;
}
