// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Ethernet/IP header parser shared by pf_ring.ko and libpfring; the
 * contract is in pfr_parse.h.
 *
 * Frames sit at any alignment in skbs and ring slots, so multi-byte
 * fields are assembled byte by byte, which also yields host order in
 * both builds without kernel or libc byte-order helpers.  Every loop is
 * bounded by a small constant.
 */
#include "pfr_parse.h"

#define PFR_ETH_HLEN		14
#define PFR_ETH_TYPE_OFF	12
#define PFR_VLAN_HLEN		4
#define PFR_MAX_VLAN_TAGS	4
#define PFR_VLAN_VID_MASK	0x0fff

#define PFR_ETH_P_IP		0x0800
#define PFR_ETH_P_IPV6		0x86dd
#define PFR_ETH_P_8021Q		0x8100
#define PFR_ETH_P_8021AD	0x88a8

#define PFR_IPV4_HLEN		20
#define PFR_IPV4_MF		0x2000
#define PFR_IPV4_OFFSET		0x1fff
#define PFR_IPV6_HLEN		40
#define PFR_IPV6_FRAG_HLEN	8
#define PFR_IPV6_FRAG_OFFSET	0xfff8
#define PFR_MAX_IPV6_EXT	8

#define PFR_TCP_HLEN		20
#define PFR_UDP_HLEN		8
#define PFR_SCTP_HLEN		12
#define PFR_ICMP_HLEN		4

#define PFR_PROTO_HOPOPTS	0
#define PFR_PROTO_ICMP		1
#define PFR_PROTO_TCP		6
#define PFR_PROTO_UDP		17
#define PFR_PROTO_ROUTING	43
#define PFR_PROTO_FRAGMENT	44
#define PFR_PROTO_AH		51
#define PFR_PROTO_ICMPV6	58
#define PFR_PROTO_NONE		59
#define PFR_PROTO_DSTOPTS	60
#define PFR_PROTO_SCTP		132
#define PFR_PROTO_MOBILITY	135

struct pfr_frame {
	const __u8 *data;
	__u32 caplen;
	struct pfring_parsed *out;
};

/* Whether len bytes at off were captured, without overflowing off + len. */
static int pfr_have(const struct pfr_frame *f, __u32 off, __u32 len)
{
	return off <= f->caplen && len <= f->caplen - off;
}

static void pfr_truncated(struct pfr_frame *f)
{
	f->out->flags |= PFRING_PARSED_TRUNCATED;
}

static __u16 pfr_get16(const __u8 *p)
{
	return (__u16)((p[0] << 8) | p[1]);
}

static __u32 pfr_get32(const __u8 *p)
{
	return ((__u32)p[0] << 24) | ((__u32)p[1] << 16) |
	       ((__u32)p[2] << 8) | p[3];
}

static void pfr_copy(__u8 *dst, const __u8 *src, __u32 len)
{
	__u32 i;

	for (i = 0; i < len; i++)
		dst[i] = src[i];
}

static int pfr_is_vlan_tpid(__u16 type)
{
	return type == PFR_ETH_P_8021Q || type == PFR_ETH_P_8021AD;
}

static int pfr_is_ipv6_ext(__u8 proto)
{
	switch (proto) {
	case PFR_PROTO_HOPOPTS:
	case PFR_PROTO_ROUTING:
	case PFR_PROTO_FRAGMENT:
	case PFR_PROTO_AH:
	case PFR_PROTO_DSTOPTS:
	case PFR_PROTO_MOBILITY:
		return 1;
	default:
		return 0;
	}
}

static void pfr_set_ports(struct pfr_frame *f, __u32 off)
{
	const __u8 *h = f->data + off;

	f->out->l4_offset = (__u16)off;
	f->out->l4_src_port = pfr_get16(h);
	f->out->l4_dst_port = pfr_get16(h + 2);
	f->out->flags |= PFRING_PARSED_L4;
}

static void pfr_parse_tcp(struct pfr_frame *f, __u32 off)
{
	const __u8 *h;
	__u32 hlen;

	if (!pfr_have(f, off, PFR_TCP_HLEN)) {
		pfr_truncated(f);
		return;
	}
	h = f->data + off;
	pfr_set_ports(f, off);
	f->out->tcp_seq = pfr_get32(h + 4);
	f->out->tcp_flags = h[13];
	hlen = (__u32)(h[12] >> 4) * 4;
	if (hlen < PFR_TCP_HLEN)
		return;		/* bogus data offset: payload position unknown */
	if (!pfr_have(f, off, hlen)) {
		pfr_truncated(f);
		return;
	}
	f->out->payload_offset = (__u16)(off + hlen);
}

/* Headers whose ports sit in the first four bytes and have a fixed size. */
static void pfr_parse_fixed_l4(struct pfr_frame *f, __u32 off, __u32 hlen)
{
	if (!pfr_have(f, off, hlen)) {
		pfr_truncated(f);
		return;
	}
	pfr_set_ports(f, off);
	f->out->payload_offset = (__u16)(off + hlen);
}

static void pfr_parse_icmp(struct pfr_frame *f, __u32 off)
{
	if (!pfr_have(f, off, PFR_ICMP_HLEN)) {
		pfr_truncated(f);
		return;
	}
	f->out->l4_offset = (__u16)off;
	f->out->icmp_type = f->data[off];
	f->out->icmp_code = f->data[off + 1];
	f->out->flags |= PFRING_PARSED_L4;
}

static void pfr_parse_l4(struct pfr_frame *f, __u32 off, __u8 proto)
{
	switch (proto) {
	case PFR_PROTO_TCP:
		pfr_parse_tcp(f, off);
		break;
	case PFR_PROTO_UDP:
		pfr_parse_fixed_l4(f, off, PFR_UDP_HLEN);
		break;
	case PFR_PROTO_SCTP:
		pfr_parse_fixed_l4(f, off, PFR_SCTP_HLEN);
		break;
	case PFR_PROTO_ICMP:
	case PFR_PROTO_ICMPV6:
		pfr_parse_icmp(f, off);
		break;
	default:
		if (off < f->caplen)
			f->out->l4_offset = (__u16)off;
		break;
	}
}

static void pfr_parse_ipv4(struct pfr_frame *f, __u32 off)
{
	struct pfring_parsed *out = f->out;
	const __u8 *ip;
	__u32 hlen;
	__u16 frag;

	if (!pfr_have(f, off, PFR_IPV4_HLEN)) {
		pfr_truncated(f);
		return;
	}
	ip = f->data + off;
	out->l3_offset = (__u16)off;
	hlen = (__u32)(ip[0] & 0x0f) * 4;
	if ((ip[0] >> 4) != 4 || hlen < PFR_IPV4_HLEN)
		return;		/* not IPv4 after all: only its position is known */

	out->ip_version = 4;
	out->ip_tos = ip[1];
	out->l4_proto = ip[9];
	pfr_copy(out->ip_src, ip + 12, 4);
	pfr_copy(out->ip_dst, ip + 16, 4);

	frag = pfr_get16(ip + 6);
	if (frag & (PFR_IPV4_MF | PFR_IPV4_OFFSET)) {
		out->flags |= PFRING_PARSED_FRAGMENT;
		if (frag & PFR_IPV4_MF)
			out->flags |= PFRING_PARSED_MORE_FRAGS;
		out->frag_id = pfr_get16(ip + 4);
		if (frag & PFR_IPV4_OFFSET)
			return;	/* only the first fragment carries L4 */
		out->flags |= PFRING_PARSED_FIRST_FRAGMENT;
	}

	if (!pfr_have(f, off, hlen)) {
		pfr_truncated(f);
		return;
	}
	pfr_parse_l4(f, off + hlen, out->l4_proto);
}

/* Length of the extension header at h, which starts with (next, len). */
static __u32 pfr_ipv6_ext_len(__u8 type, const __u8 *h)
{
	if (type == PFR_PROTO_FRAGMENT)
		return PFR_IPV6_FRAG_HLEN;
	if (type == PFR_PROTO_AH)
		return ((__u32)h[1] + 2) * 4;
	return ((__u32)h[1] + 1) * 8;
}

static void pfr_parse_ipv6(struct pfr_frame *f, __u32 off)
{
	struct pfring_parsed *out = f->out;
	const __u8 *ip;
	const __u8 *h;
	__u32 len;
	__u8 next;
	int n;

	if (!pfr_have(f, off, PFR_IPV6_HLEN)) {
		pfr_truncated(f);
		return;
	}
	ip = f->data + off;
	out->l3_offset = (__u16)off;
	if ((ip[0] >> 4) != 6)
		return;		/* not IPv6 after all: only its position is known */

	out->ip_version = 6;
	out->ip_tos = (__u8)((ip[0] << 4) | (ip[1] >> 4));
	pfr_copy(out->ip_src, ip + 8, 16);
	pfr_copy(out->ip_dst, ip + 24, 16);
	next = ip[6];
	off += PFR_IPV6_HLEN;

	for (n = 0; pfr_is_ipv6_ext(next); n++) {
		if (n == PFR_MAX_IPV6_EXT) {
			out->l4_proto = next;
			return;
		}
		if (!pfr_have(f, off, 2)) {
			pfr_truncated(f);
			return;
		}
		h = f->data + off;
		len = pfr_ipv6_ext_len(next, h);
		if (!pfr_have(f, off, len)) {
			pfr_truncated(f);
			return;
		}
		if (next == PFR_PROTO_FRAGMENT) {
			out->flags |= PFRING_PARSED_FRAGMENT;
			if (pfr_get16(h + 2) & 1)	/* M flag */
				out->flags |= PFRING_PARSED_MORE_FRAGS;
			out->frag_id = pfr_get32(h + 4);
			if (pfr_get16(h + 2) & PFR_IPV6_FRAG_OFFSET) {
				out->l4_proto = h[0];
				return;	/* only the first fragment carries L4 */
			}
			out->flags |= PFRING_PARSED_FIRST_FRAGMENT;
		}
		next = h[0];
		off += len;
	}

	out->l4_proto = next;
	if (next != PFR_PROTO_NONE)
		pfr_parse_l4(f, off, next);
}

/* Returns the offset of the L3 header, or 0 when parsing must stop. */
static __u32 pfr_parse_l2(struct pfr_frame *f)
{
	struct pfring_parsed *out = f->out;
	__u32 off = PFR_ETH_TYPE_OFF;
	__u16 type;
	__u16 vid;
	int tags;

	if (!pfr_have(f, 0, PFR_ETH_HLEN)) {
		pfr_truncated(f);
		return 0;
	}
	type = pfr_get16(f->data + off);

	/* off always points at the TPID/EtherType field being examined. */
	for (tags = 0; tags < PFR_MAX_VLAN_TAGS && pfr_is_vlan_tpid(type);
	     tags++) {
		if (!pfr_have(f, off + 2, PFR_VLAN_HLEN)) {
			pfr_truncated(f);
			return 0;
		}
		vid = pfr_get16(f->data + off + 2) & PFR_VLAN_VID_MASK;
		if (tags == 0) {
			out->vlan_id = vid;
			out->flags |= PFRING_PARSED_VLAN;
		} else if (tags == 1) {
			out->qinq_vlan_id = vid;
			out->flags |= PFRING_PARSED_QINQ;
		}
		off += PFR_VLAN_HLEN;
		type = pfr_get16(f->data + off);
	}

	out->eth_type = type;
	return off + 2;
}

void pfr_parse(const __u8 *frame, __u32 caplen, struct pfring_parsed *out)
{
	static const struct pfring_parsed zero;
	struct pfr_frame f = { .data = frame, .caplen = caplen, .out = out };
	__u32 l3;

	*out = zero;
	l3 = pfr_parse_l2(&f);
	if (!l3)
		return;

	switch (out->eth_type) {
	case PFR_ETH_P_IP:
		pfr_parse_ipv4(&f, l3);
		break;
	case PFR_ETH_P_IPV6:
		pfr_parse_ipv6(&f, l3);
		break;
	default:
		if (l3 < caplen)
			out->l3_offset = (__u16)l3;
		break;
	}
}
