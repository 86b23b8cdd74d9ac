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
	u8 hdr[PFR_FLOW_HDR_BYTES];
	u32 len = pfr_skb_copy_frame(skb, hdr, sizeof(hdr));

	pfr_parse(hdr, len, p);
	if (p->flags & PFRING_PARSED_FRAGMENT)
		pfr_flow_fragment_ports(p);
}

u32 pfr_flow_hash(const struct pfring_parsed *p, enum pfr_flow_fields f)
{
	u32 alen = p->ip_version == 6 ? 16 : 4;
	u32 a, b, ports = 0, extra = 0;
	bool use_ports;

	if (!p->ip_version)
		return jhash_2words(p->eth_type, p->vlan_id, pfr_flow_seed);

	a = jhash(p->ip_src, alen, pfr_flow_seed);
	b = jhash(p->ip_dst, alen, pfr_flow_seed);
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
