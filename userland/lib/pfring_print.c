// SPDX-License-Identifier: LGPL-2.1-or-later
/* One-line descriptions of packets, in the style of ntop's. */
#include "pfring_priv.h"

#define PFR_IPPROTO_ICMP	1
#define PFR_IPPROTO_TCP		6
#define PFR_IPPROTO_UDP		17
#define PFR_IPPROTO_ICMPV6	58
#define PFR_IPPROTO_SCTP	132

/* Appends to a fixed buffer, silently cutting what does not fit. */
struct pfr_out {
	char *buf;
	size_t len;
	size_t used;
};

__attribute__((format(printf, 2, 3)))
static void pfr_put(struct pfr_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->used + 1 >= o->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->used += (size_t)n;
	if (o->used >= o->len)
		o->used = o->len - 1;
}

static const char *pfr_proto_name(u_int8_t proto)
{
	switch (proto) {
	case PFR_IPPROTO_ICMP:
		return "ICMP";
	case PFR_IPPROTO_TCP:
		return "TCP";
	case PFR_IPPROTO_UDP:
		return "UDP";
	case PFR_IPPROTO_ICMPV6:
		return "ICMPv6";
	case PFR_IPPROTO_SCTP:
		return "SCTP";
	default:
		return NULL;
	}
}

static void pfr_put_mac(struct pfr_out *o, const u_int8_t *m)
{
	pfr_put(o, "%02x:%02x:%02x:%02x:%02x:%02x",
		m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void pfr_put_tcp_flags(struct pfr_out *o, u_int8_t flags)
{
	static const char names[] = "FSRPAUEC";	/* bit 0 first */
	char s[sizeof(names)];
	size_t i, n = 0;

	for (i = 0; i < sizeof(names) - 1; i++)
		if (flags & (1u << i))
			s[n++] = names[i];
	s[n] = '\0';
	pfr_put(o, "[tcp_flags=%s]", n ? s : "-");
}

static void pfr_put_ip(struct pfr_out *o, const struct pkt_parsing_info *pi)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	struct in6_addr a6;
	u_int32_t a4;
	int ports = pi->l3_proto == PFR_IPPROTO_TCP ||
		    pi->l3_proto == PFR_IPPROTO_UDP ||
		    pi->l3_proto == PFR_IPPROTO_SCTP;

	if (pi->ip_version == 4) {
		a4 = htonl(pi->ip_src.v4);
		inet_ntop(AF_INET, &a4, src, sizeof(src));
		a4 = htonl(pi->ip_dst.v4);
		inet_ntop(AF_INET, &a4, dst, sizeof(dst));
	} else {
		/* Copies: the packed header gives no alignment guarantee. */
		memcpy(&a6, &pi->ip_src.v6, sizeof(a6));
		inet_ntop(AF_INET6, &a6, src, sizeof(src));
		memcpy(&a6, &pi->ip_dst.v6, sizeof(a6));
		inet_ntop(AF_INET6, &a6, dst, sizeof(dst));
	}
	pfr_put(o, " [IPv%u]", pi->ip_version);
	if (ports && (pi->l4_src_port || pi->l4_dst_port))
		pfr_put(o, "[%s:%u -> %s:%u]", src, pi->l4_src_port,
			dst, pi->l4_dst_port);
	else
		pfr_put(o, "[%s -> %s]", src, dst);
}

static void pfr_put_l4(struct pfr_out *o, const struct pkt_parsing_info *pi)
{
	const char *name = pfr_proto_name(pi->l3_proto);

	if (name)
		pfr_put(o, " [l3_proto=%s]", name);
	else
		pfr_put(o, " [l3_proto=%u]", pi->l3_proto);
	if (pi->l3_proto == PFR_IPPROTO_TCP && pi->offset.l4_offset) {
		pfr_put_tcp_flags(o, pi->tcp.flags);
		pfr_put(o, "[tcp_seq=%u][tcp_ack=%u]", pi->tcp.seq_num,
			pi->tcp.ack_num);
	} else if ((pi->l3_proto == PFR_IPPROTO_ICMP ||
		    pi->l3_proto == PFR_IPPROTO_ICMPV6) &&
		   pi->offset.l4_offset) {
		pfr_put(o, "[icmp_type=%u][icmp_code=%u]", pi->icmp_type,
			pi->icmp_code);
	}
	pfr_put(o, "[tos=%u]", pi->ip_tos);
}

int pfring_print_parsed_pkt(char *buff, u_int buff_len, const u_char *p,
			    const struct pfring_pkthdr *h)
{
	const struct pkt_parsing_info *pi;
	struct pfr_out o = { buff, buff_len, 0 };

	/* As ntop's, the description comes from h alone; p is not read. */
	(void)p;
	if (!buff || !h)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (buff_len == 0)
		return 0;
	buff[0] = '\0';
	pi = &h->extended_hdr.parsed_pkt;

	pfr_put(&o, "[");
	pfr_put_mac(&o, pi->smac);
	pfr_put(&o, " -> ");
	pfr_put_mac(&o, pi->dmac);
	pfr_put(&o, "]");
	if (pi->vlan_id)
		pfr_put(&o, " [vlan=%u]", pi->vlan_id);
	if (pi->qinq_vlan_id)
		pfr_put(&o, "[qinq_vlan=%u]", pi->qinq_vlan_id);
	if (pi->ip_version == 4 || pi->ip_version == 6) {
		pfr_put_ip(&o, pi);
		pfr_put_l4(&o, pi);
		if (h->extended_hdr.flags & PKT_FLAGS_IP_FRAG_OFFSET)
			pfr_put(&o, "[fragment]");
	} else {
		pfr_put(&o, " [eth_type=0x%04x]", pi->eth_type);
	}
	pfr_put(&o, " [if_index=%d][%s][hash=0x%08x][caplen=%u][len=%u]",
		h->extended_hdr.if_index,
		h->extended_hdr.rx_direction ? "RX" : "TX",
		h->extended_hdr.pkt_hash, h->caplen, h->len);
	pfr_put(&o, "[l3=%d][l4=%d][payload=%d]\n", pi->offset.l3_offset,
		pi->offset.l4_offset, pi->offset.payload_offset);
	return (int)o.used;
}

int pfring_print_pkt(char *buff, u_int buff_len, const u_char *p, u_int len,
		     u_int caplen)
{
	struct pfring_pkthdr hdr;

	if (!buff || (!p && caplen))
		return PF_RING_ERROR_INVALID_ARGUMENT;
	memset(&hdr, 0, sizeof(hdr));
	hdr.caplen = caplen;
	hdr.len = len;
	hdr.extended_hdr.rx_direction = 1;
	/* The parser only reads; ntop's prototype is not const-correct. */
	pfring_parse_pkt((u_char *)p, &hdr, 4, 0, 0);
	return pfring_print_parsed_pkt(buff, buff_len, p, &hdr);
}
