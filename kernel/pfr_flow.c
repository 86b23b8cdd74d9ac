// SPDX-License-Identifier: GPL-2.0
/*
 * Flow keys and the symmetric flow hash.
 *
 * The hash orders each pair (address, port) so that a packet and its
 * reply hash alike.  Only an IP datagram's first fragment carries ports;
 * the others borrow them from it through a small lock-free table indexed
 * by (addresses, protocol, fragment id), so a fragmented datagram lands
 * where the rest of its flow does.  A fragment that arrives before its
 * first is hashed without ports.
 */
#include <linux/in.h>
#include <linux/jhash.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/skbuff.h>

#include "pfr_flow.h"
#include "pfr_parse.h"
#include "pfr_ring.h"

/* Enough for the headers of a VLAN-tagged IPv6 packet with options. */
#define PFR_FLOW_HDR_BYTES	192
#define PFR_FRAG_SLOTS		1024

static u32 pfr_flow_seed __read_mostly;
/* Each entry: key hash << 32 | src port << 16 | dst port, one store. */
static u64 pfr_frag_ports[PFR_FRAG_SLOTS];

void pfr_flow_init(void)
{
	pfr_flow_seed = get_random_u32();
}

static void pfr_flow_fragment_ports(struct pfring_parsed *p)
{
	u32 key = jhash(p->ip_src, sizeof(p->ip_src),
			jhash(p->ip_dst, sizeof(p->ip_dst),
			      p->frag_id ^ p->l4_proto));
	u64 *slot = &pfr_frag_ports[key % PFR_FRAG_SLOTS];
	u64 v;

	if (p->flags & PFRING_PARSED_FIRST_FRAGMENT) {
		if (p->flags & PFRING_PARSED_L4)
			WRITE_ONCE(*slot, (u64)key << 32 |
				   (u32)p->l4_src_port << 16 | p->l4_dst_port);
		return;
	}
	v = READ_ONCE(*slot);
	if (v >> 32 != key)
		return;
	p->l4_src_port = (u16)(v >> 16);
	p->l4_dst_port = (u16)v;
	p->flags |= PFRING_PARSED_L4;
}

void pfr_flow_parse(const struct sk_buff *skb, struct pfring_parsed *p)
{
	u32 len = min_t(u32, pfr_skb_wire_len(skb), PFR_FLOW_HDR_BYTES);
	int mac_off = pfr_skb_mac_off(skb);
	/* Only the copied bytes are read (see pfr_tap_capture()). */
	u8 hdr[PFR_FLOW_HDR_BYTES] __uninitialized;

	/* Headers in the linear part, no tag to put back: read them there. */
	if (!skb_vlan_tag_present(skb) &&
	    len <= skb_headlen(skb) + (u32)-mac_off) {
		pfr_parse(skb->data + mac_off, len, p);
	} else {
		len = pfr_skb_copy_frame(skb, hdr, sizeof(hdr));
		pfr_parse(hdr, len, p);
	}
	if (p->flags & PFRING_PARSED_FRAGMENT)
		pfr_flow_fragment_ports(p);
}

/*
 * An address as one word: IPv4's own, IPv6's folded by jhash2 (the
 * parsed block is 4-byte aligned).  Ordering the two words is all the
 * symmetry needs; the final jhash_3words() mixes them.
 */
static u32 pfr_flow_addr(const u8 *addr, bool v6)
{
	u32 w;

	if (v6)
		return jhash2((const u32 *)addr, 4, pfr_flow_seed);
	memcpy(&w, addr, sizeof(w));
	return w;
}

u32 pfr_flow_hash(const struct pfring_parsed *p, enum pfr_flow_fields f)
{
	bool v6 = p->ip_version == 6;
	u32 a, b, ports = 0, extra = 0;
	bool use_ports;

	if (!p->ip_version)
		return jhash_2words(p->eth_type, p->vlan_id, pfr_flow_seed);

	a = pfr_flow_addr(p->ip_src, v6);
	b = pfr_flow_addr(p->ip_dst, v6);
	use_ports = f != PFR_FLOW_2_TUPLE &&
		    (f != PFR_FLOW_TCP_5_TUPLE || p->l4_proto == IPPROTO_TCP);
	if (use_ports && (p->flags & PFRING_PARSED_L4))
		ports = (u32)min(p->l4_src_port, p->l4_dst_port) << 16 |
			max(p->l4_src_port, p->l4_dst_port);
	if (f == PFR_FLOW_5_TUPLE || f == PFR_FLOW_6_TUPLE ||
	    (f == PFR_FLOW_TCP_5_TUPLE && use_ports))
		extra = p->l4_proto;
	if (f == PFR_FLOW_6_TUPLE)
		extra |= (u32)p->vlan_id << 8;
	return jhash_3words(min(a, b), max(a, b), ports, pfr_flow_seed ^ extra);
}
