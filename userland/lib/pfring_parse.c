// SPDX-License-Identifier: LGPL-2.1-or-later
/* ntop's pkt_parsing_info, filled from the shared parser's output. */
#include "pfring_priv.h"

#include "../../kernel/pfr_parse.h"

#define PFR_ETH_HLEN		14
#define PFR_TCP_ACK_END		12	/* the ack number ends 12 bytes in */
#define PFR_IPPROTO_TCP		6

static u_int32_t pfr_get32(const u_char *p)
{
	return ((u_int32_t)p[0] << 24) | ((u_int32_t)p[1] << 16) |
	       ((u_int32_t)p[2] << 8) | p[3];
}

void pfr_fill_parsing_info(struct pkt_parsing_info *info,
			   const struct pfring_parsed *p,
			   const u_char *frame, u_int32_t caplen)
{
	memset(info, 0, sizeof(*info));
	if (caplen >= PFR_ETH_HLEN) {
		memcpy(info->dmac, frame, ETH_ALEN);
		memcpy(info->smac, frame + ETH_ALEN, ETH_ALEN);
	}
	info->eth_type = p->eth_type;
	info->vlan_id = p->vlan_id;
	info->qinq_vlan_id = p->qinq_vlan_id;
	info->ip_version = p->ip_version;
	info->l3_proto = p->l4_proto;
	info->ip_tos = p->ip_tos;
	if (p->ip_version == 4) {
		/* ntop keeps IPv4 addresses in host byte order. */
		info->ip_src.v4 = pfr_get32(p->ip_src);
		info->ip_dst.v4 = pfr_get32(p->ip_dst);
	} else if (p->ip_version == 6) {
		memcpy(&info->ip_src.v6, p->ip_src, sizeof(p->ip_src));
		memcpy(&info->ip_dst.v6, p->ip_dst, sizeof(p->ip_dst));
	}
	if (p->flags & PFRING_PARSED_L4) {
		info->l4_src_port = p->l4_src_port;
		info->l4_dst_port = p->l4_dst_port;
		info->icmp_type = p->icmp_type;
		info->icmp_code = p->icmp_code;
		info->tcp.flags = p->tcp_flags;
		info->tcp.seq_num = p->tcp_seq;
		/* The shared parser has no ack number; take it from the frame. */
		if (p->l4_proto == PFR_IPPROTO_TCP &&
		    (u_int32_t)p->l4_offset + PFR_TCP_ACK_END <= caplen)
			info->tcp.ack_num = pfr_get32(frame + p->l4_offset + 8);
	}
	info->tunnel.tunnel_id = NO_TUNNEL_ID;
	if (p->flags & PFRING_PARSED_VLAN)
		info->offset.vlan_offset = PFR_ETH_HLEN;
	info->offset.l3_offset = (int16_t)p->l3_offset;
	info->offset.l4_offset = (int16_t)p->l4_offset;
	info->offset.payload_offset = (int16_t)p->payload_offset;
}

/* Symmetric, so both directions of a flow get the same value, as ntop's. */
static u_int32_t pfr_flow_hash(const struct pkt_parsing_info *info)
{
	u_int32_t h = info->vlan_id + info->l3_proto +
		      info->l4_src_port + info->l4_dst_port;
	const u_int8_t *s, *d;
	u_int32_t i;

	if (info->ip_version == 4)
		return h + info->ip_src.v4 + info->ip_dst.v4;
	s = info->ip_src.v6.s6_addr;
	d = info->ip_dst.v6.s6_addr;
	for (i = 0; i < 16; i += 4)
		h += pfr_get32(s + i) + pfr_get32(d + i);
	return h;
}

/* Drops what lies above the requested level. */
static void pfr_trim_to_level(struct pkt_parsing_info *info, u_int8_t level)
{
	if (level < 4) {
		info->l4_src_port = info->l4_dst_port = 0;
		info->icmp_type = info->icmp_code = 0;
		memset(&info->tcp, 0, sizeof(info->tcp));
		info->offset.l4_offset = info->offset.payload_offset = 0;
	}
	if (level < 3) {
		info->ip_version = info->l3_proto = info->ip_tos = 0;
		memset(&info->ip_src, 0, sizeof(info->ip_src));
		memset(&info->ip_dst, 0, sizeof(info->ip_dst));
		info->offset.l3_offset = 0;
	}
}

/* Topmost layer found: 4 (ports or ICMP), 3 (IP), 2 (Ethernet) or 0. */
static int pfr_top_level(const struct pfring_parsed *p, u_int32_t caplen)
{
	if (p->flags & PFRING_PARSED_L4)
		return 4;
	if (p->ip_version)
		return 3;
	/* A cut VLAN tag is the only truncation that leaves no EtherType. */
	if (caplen < PFR_ETH_HLEN ||
	    ((p->flags & PFRING_PARSED_TRUNCATED) && p->eth_type == 0))
		return 0;
	return 2;
}

int pfring_parse_pkt(u_char *pkt, struct pfring_pkthdr *hdr, u_int8_t level,
		     u_int8_t add_timestamp, u_int8_t add_hash)
{
	struct pkt_parsing_info *info;
	struct pfring_parsed p;
	struct timeval now;
	int top;

	if (!pkt || !hdr)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (level < 2)
		level = 2;
	info = &hdr->extended_hdr.parsed_pkt;
	pfr_parse(pkt, hdr->caplen, &p);
	pfr_fill_parsing_info(info, &p, pkt, hdr->caplen);
	pfr_trim_to_level(info, level);
	if ((p.flags & (PFRING_PARSED_FRAGMENT |
			PFRING_PARSED_FIRST_FRAGMENT)) == PFRING_PARSED_FRAGMENT)
		hdr->extended_hdr.flags |= PKT_FLAGS_IP_FRAG_OFFSET;
	top = pfr_top_level(&p, hdr->caplen);
	if (top > level)
		top = level;

	if (add_timestamp && hdr->ts.tv_sec == 0 && hdr->ts.tv_usec == 0) {
		gettimeofday(&now, NULL);
		hdr->ts.tv_sec = now.tv_sec;
		hdr->ts.tv_usec = now.tv_usec;
		hdr->extended_hdr.timestamp_ns =
			(u_int64_t)now.tv_sec * 1000000000ULL +
			(u_int64_t)now.tv_usec * 1000ULL;
	}
	if (add_hash)
		hdr->extended_hdr.pkt_hash = pfr_flow_hash(info);
	return top;
}
