// SPDX-License-Identifier: GPL-2.0
/* The shared parser (kernel/pfr_parse.c) and pfring_parse_pkt() on it. */
#include <stdlib.h>
#include <string.h>

#include <pfring.h>

#include "check_main.h"
#include "frames.h"
#include "pfr_parse.h"

#define TCP_SYN		0x02
#define TCP_ACK		0x10
#define TCP_PSH		0x08

/*
 * Parses a copy in a buffer of exactly caplen bytes, so that AddressSanitizer
 * reports any read past caplen.
 */
static void parse_prefix(const struct frame *f, unsigned int caplen,
			 struct pfring_parsed *p)
{
	unsigned char *copy = malloc(caplen ? caplen : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, f->b, caplen);
	/* An empty frame must not be read at all: pass a dangling pointer. */
	pfr_parse(caplen ? copy : copy + 1, caplen, p);
	free(copy);
}

static void parse(const struct frame *f, struct pfring_parsed *p)
{
	parse_prefix(f, f->len, p);
}

static const unsigned char v4_src_bytes[4] = { 10, 0, 0, 1 };
static const unsigned char v4_dst_bytes[4] = { 10, 0, 0, 2 };

static void assert_ipv4_addrs(const struct pfring_parsed *p)
{
	static const unsigned char zero[12];

	ck_assert_mem_eq(p->ip_src, v4_src_bytes, 4);
	ck_assert_mem_eq(p->ip_dst, v4_dst_bytes, 4);
	ck_assert_mem_eq(p->ip_src + 4, zero, 12);
	ck_assert_mem_eq(p->ip_dst + 4, zero, 12);
}

START_TEST(ipv4_tcp)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 0x1234, 0x4000 /* DF */, 5);
	fr_tcp(&f, 0xc001, 80, 0x89abcdef, 1, TCP_SYN | TCP_ACK, 5);
	fr_zeros(&f, 10);
	parse(&f, &p);

	ck_assert_uint_eq(p.eth_type, 0x0800);
	ck_assert_uint_eq(p.vlan_id, 0);
	ck_assert_uint_eq(p.ip_version, 4);
	ck_assert_uint_eq(p.ip_tos, FR_TOS);
	ck_assert_uint_eq(p.l4_proto, 6);
	ck_assert_uint_eq(p.l3_offset, 14);
	ck_assert_uint_eq(p.l4_offset, 34);
	ck_assert_uint_eq(p.payload_offset, 54);
	ck_assert_uint_eq(p.l4_src_port, 0xc001);
	ck_assert_uint_eq(p.l4_dst_port, 80);
	ck_assert_uint_eq(p.tcp_seq, 0x89abcdef);
	ck_assert_uint_eq(p.tcp_flags, TCP_SYN | TCP_ACK);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
	ck_assert_uint_eq(p.frag_id, 0);
	assert_ipv4_addrs(&p);
}
END_TEST

START_TEST(ipv4_tcp_options)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 1, 0, 7);
	fr_tcp(&f, 1, 2, 3, 4, TCP_PSH | TCP_ACK, 8);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_offset, 14 + 28);
	ck_assert_uint_eq(p.payload_offset, 14 + 28 + 32);
	ck_assert_uint_eq(p.payload_offset, f.len);
	ck_assert_uint_eq(p.tcp_flags, TCP_PSH | TCP_ACK);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv4_udp)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 1, 0, 5);
	fr_udp(&f, 53, 0xfedc);
	fr_zeros(&f, 4);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 17);
	ck_assert_uint_eq(p.l4_offset, 34);
	ck_assert_uint_eq(p.payload_offset, 42);
	ck_assert_uint_eq(p.l4_src_port, 53);
	ck_assert_uint_eq(p.l4_dst_port, 0xfedc);
	ck_assert_uint_eq(p.tcp_seq, 0);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv4_icmp)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 1, 1, 0, 5);
	fr_icmp(&f, 8, 0);
	fr_zeros(&f, 4);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 1);
	ck_assert_uint_eq(p.l4_offset, 34);
	ck_assert_uint_eq(p.icmp_type, 8);
	ck_assert_uint_eq(p.icmp_code, 0);
	ck_assert_uint_eq(p.l4_src_port, 0);
	ck_assert_uint_eq(p.payload_offset, 0);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 1, 1, 0, 5);
	fr_icmp(&f, 3, 13);
	parse(&f, &p);
	ck_assert_uint_eq(p.icmp_type, 3);
	ck_assert_uint_eq(p.icmp_code, 13);
}
END_TEST

START_TEST(ipv4_sctp)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 132, 1, 0, 5);
	fr_sctp(&f, 2905, 36412);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 132);
	ck_assert_uint_eq(p.l4_src_port, 2905);
	ck_assert_uint_eq(p.l4_dst_port, 36412);
	ck_assert_uint_eq(p.payload_offset, 34 + 12);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv4_other_protocol)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 47 /* GRE */, 1, 0, 5);
	fr_zeros(&f, 4);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 47);
	ck_assert_uint_eq(p.l4_offset, 34);
	ck_assert_uint_eq(p.payload_offset, 0);
	ck_assert_uint_eq(p.flags, 0);
}
END_TEST

START_TEST(vlan_8021q)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x8100);
	fr_tag(&f, 0xe064 /* PCP 7, DEI 0, VID 100 */, 0x0800);
	fr_ipv4(&f, 17, 1, 0, 5);
	fr_udp(&f, 1000, 2000);
	parse(&f, &p);
	ck_assert_uint_eq(p.vlan_id, 100);
	ck_assert_uint_eq(p.qinq_vlan_id, 0);
	ck_assert_uint_eq(p.eth_type, 0x0800);
	ck_assert_uint_eq(p.l3_offset, 18);
	ck_assert_uint_eq(p.l4_offset, 38);
	ck_assert_uint_eq(p.l4_src_port, 1000);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_VLAN | PFRING_PARSED_L4);
}
END_TEST

START_TEST(vlan_qinq)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x88a8);
	fr_tag(&f, 0x100a, 0x8100);	/* DEI set, VID 10 */
	fr_tag(&f, 0x0fff, 0x86dd);
	fr_ipv6(&f, 17, 0);
	fr_udp(&f, 1, 2);
	parse(&f, &p);
	ck_assert_uint_eq(p.vlan_id, 10);
	ck_assert_uint_eq(p.qinq_vlan_id, 0xfff);
	ck_assert_uint_eq(p.eth_type, 0x86dd);
	ck_assert_uint_eq(p.l3_offset, 22);
	ck_assert_uint_eq(p.l4_offset, 62);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_VLAN | PFRING_PARSED_QINQ |
			  PFRING_PARSED_L4);
}
END_TEST

START_TEST(vlan_stack_limit)
{
	struct pfring_parsed p;
	struct frame f;

	/* Four tags: the third and fourth are skipped. */
	fr_init(&f);
	fr_eth(&f, 0x88a8);
	fr_tag(&f, 1, 0x8100);
	fr_tag(&f, 2, 0x8100);
	fr_tag(&f, 3, 0x88a8);
	fr_tag(&f, 4, 0x0800);
	fr_ipv4(&f, 17, 1, 0, 5);
	fr_udp(&f, 7, 9);
	parse(&f, &p);
	ck_assert_uint_eq(p.vlan_id, 1);
	ck_assert_uint_eq(p.qinq_vlan_id, 2);
	ck_assert_uint_eq(p.eth_type, 0x0800);
	ck_assert_uint_eq(p.l3_offset, 30);
	ck_assert_uint_eq(p.l4_dst_port, 9);

	/* A fifth tag is not looked into. */
	fr_init(&f);
	fr_eth(&f, 0x8100);
	fr_tag(&f, 1, 0x8100);
	fr_tag(&f, 2, 0x8100);
	fr_tag(&f, 3, 0x8100);
	fr_tag(&f, 4, 0x8100);
	fr_tag(&f, 5, 0x0800);
	fr_ipv4(&f, 17, 1, 0, 5);
	parse(&f, &p);
	ck_assert_uint_eq(p.eth_type, 0x8100);
	ck_assert_uint_eq(p.l3_offset, 30);
	ck_assert_uint_eq(p.ip_version, 0);
}
END_TEST

START_TEST(non_ip)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x0806);
	fr_zeros(&f, 28);
	parse(&f, &p);
	ck_assert_uint_eq(p.eth_type, 0x0806);
	ck_assert_uint_eq(p.l3_offset, 14);
	ck_assert_uint_eq(p.ip_version, 0);
	ck_assert_uint_eq(p.l4_offset, 0);
	ck_assert_uint_eq(p.flags, 0);

	/* Nothing after the Ethernet header: no L3 position, not truncated. */
	parse_prefix(&f, 14, &p);
	ck_assert_uint_eq(p.eth_type, 0x0806);
	ck_assert_uint_eq(p.l3_offset, 0);
	ck_assert_uint_eq(p.flags, 0);
}
END_TEST

START_TEST(bogus_ip_headers)
{
	struct pfring_parsed p;
	struct frame f;

	/* EtherType IPv4 but version 6 in the header. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv6(&f, 17, 0);
	parse(&f, &p);
	ck_assert_uint_eq(p.l3_offset, 14);
	ck_assert_uint_eq(p.ip_version, 0);
	ck_assert_uint_eq(p.flags, 0);

	/* Header length below 20 bytes. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 1, 0, 5);
	f.b[14] = 0x44;
	fr_tcp(&f, 1, 2, 3, 4, 0, 5);
	parse(&f, &p);
	ck_assert_uint_eq(p.ip_version, 0);
	ck_assert_uint_eq(p.l4_offset, 0);

	/* EtherType IPv6 but version 4. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv4(&f, 6, 1, 0, 5);
	fr_zeros(&f, 20);
	parse(&f, &p);
	ck_assert_uint_eq(p.l3_offset, 14);
	ck_assert_uint_eq(p.ip_version, 0);

	/* TCP data offset below 5 words: ports, but no payload position. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 1, 0, 5);
	fr_tcp(&f, 5, 6, 7, 8, 0, 5);
	f.b[34 + 12] = 0x20;
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_src_port, 5);
	ck_assert_uint_eq(p.payload_offset, 0);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv4_fragments)
{
	struct pfring_parsed p;
	struct frame f;

	/* First fragment: MF set, offset 0, L4 present. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 0xbeef, 0x2000, 5);
	fr_udp(&f, 4000, 5000);
	fr_zeros(&f, 32);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_MORE_FRAGS | PFRING_PARSED_FRAGMENT |
			  PFRING_PARSED_FIRST_FRAGMENT | PFRING_PARSED_L4);
	ck_assert_uint_eq(p.frag_id, 0xbeef);
	ck_assert_uint_eq(p.l4_src_port, 4000);

	/* Middle fragment: MF set, offset 185 (1480 bytes). */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 0xbeef, 0x2000 | 185, 5);
	fr_udp(&f, 4000, 5000);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_MORE_FRAGS | PFRING_PARSED_FRAGMENT);
	ck_assert_uint_eq(p.frag_id, 0xbeef);
	ck_assert_uint_eq(p.l4_proto, 17);
	ck_assert_uint_eq(p.l4_offset, 0);
	ck_assert_uint_eq(p.l4_src_port, 0);
	ck_assert_uint_eq(p.payload_offset, 0);
	assert_ipv4_addrs(&p);

	/* Last fragment: MF clear, offset set. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 7, 370, 5);
	fr_zeros(&f, 20);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_FRAGMENT);
	ck_assert_uint_eq(p.frag_id, 7);

	/* DF alone is no fragment. */
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 6, 7, 0x4000, 5);
	fr_tcp(&f, 1, 2, 3, 4, 0, 5);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
	ck_assert_uint_eq(p.frag_id, 0);
}
END_TEST

START_TEST(ipv6_extension_headers)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 0, 0xab);			/* 14 */
	fr_ipv6_ext(&f, 43, 0);			/* 54: hop-by-hop, 8 */
	fr_ipv6_ext(&f, 44, 2);			/* 62: routing, 24 */
	fr_ipv6_frag(&f, 6, 0, 1, 0x12345678);	/* 86: fragment, 8 */
	fr_tcp(&f, 443, 50000, 42, 0, TCP_ACK, 5);	/* 94 */
	parse(&f, &p);

	ck_assert_uint_eq(p.eth_type, 0x86dd);
	ck_assert_uint_eq(p.ip_version, 6);
	ck_assert_uint_eq(p.ip_tos, 0xab);
	ck_assert_mem_eq(p.ip_src, fr_ipv6_src, 16);
	ck_assert_mem_eq(p.ip_dst, fr_ipv6_dst, 16);
	ck_assert_uint_eq(p.l3_offset, 14);
	ck_assert_uint_eq(p.l4_proto, 6);
	ck_assert_uint_eq(p.l4_offset, 94);
	ck_assert_uint_eq(p.payload_offset, 114);
	ck_assert_uint_eq(p.l4_src_port, 443);
	ck_assert_uint_eq(p.l4_dst_port, 50000);
	ck_assert_uint_eq(p.tcp_seq, 42);
	ck_assert_uint_eq(p.frag_id, 0x12345678);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_MORE_FRAGS | PFRING_PARSED_FRAGMENT |
			  PFRING_PARSED_FIRST_FRAGMENT | PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv6_ah_dstopts_mobility)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 51, 0);			/* 14 */
	fr_ipv6_ah(&f, 60, 4);			/* 54: AH, 24 bytes */
	fr_ipv6_ext(&f, 135, 1);		/* 78: dest options, 16 */
	fr_ipv6_ext(&f, 17, 0);			/* 94: mobility, 8 */
	fr_udp(&f, 9, 10);			/* 102 */
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 17);
	ck_assert_uint_eq(p.l4_offset, 102);
	ck_assert_uint_eq(p.payload_offset, 110);
	ck_assert_uint_eq(p.l4_dst_port, 10);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv6_stops)
{
	struct pfring_parsed p;
	struct frame f;
	int i;

	/* ESP: protocol known, nothing parsed inside. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 0, 0);
	fr_ipv6_ext(&f, 50, 0);
	fr_zeros(&f, 16);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 50);
	ck_assert_uint_eq(p.l4_offset, 62);
	ck_assert_uint_eq(p.flags, 0);

	/* No next header. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 59, 0);
	fr_zeros(&f, 8);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 59);
	ck_assert_uint_eq(p.l4_offset, 0);
	ck_assert_uint_eq(p.flags, 0);

	/* Unknown next header (IPv6 in IPv6). */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 41, 0);
	fr_ipv6(&f, 17, 0);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 41);
	ck_assert_uint_eq(p.l4_offset, 54);

	/* Eight extension headers are walked, a ninth is not. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 60, 0);
	for (i = 0; i < 7; i++)
		fr_ipv6_ext(&f, 60, 0);
	fr_ipv6_ext(&f, 17, 0);
	fr_udp(&f, 1, 2);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 17);
	ck_assert_uint_eq(p.l4_offset, 54 + 64);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 60, 0);
	for (i = 0; i < 8; i++)
		fr_ipv6_ext(&f, 60, 0);
	fr_ipv6_ext(&f, 17, 0);
	fr_udp(&f, 1, 2);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 60);
	ck_assert_uint_eq(p.l4_offset, 0);
	ck_assert_uint_eq(p.flags, 0);
}
END_TEST

START_TEST(ipv6_icmpv6)
{
	struct pfring_parsed p;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 58, 0);
	fr_icmp(&f, 128, 0);
	fr_zeros(&f, 4);
	parse(&f, &p);
	ck_assert_uint_eq(p.l4_proto, 58);
	ck_assert_uint_eq(p.icmp_type, 128);
	ck_assert_uint_eq(p.l4_offset, 54);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_L4);
}
END_TEST

START_TEST(ipv6_fragments)
{
	struct pfring_parsed p;
	struct frame f;

	/* Non-first: offset 100 * 8, more fragments. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 44, 0);
	fr_ipv6_frag(&f, 17, 100, 1, 0xcafef00d);
	fr_udp(&f, 1, 2);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_MORE_FRAGS | PFRING_PARSED_FRAGMENT);
	ck_assert_uint_eq(p.frag_id, 0xcafef00d);
	ck_assert_uint_eq(p.l4_proto, 17);
	ck_assert_uint_eq(p.l4_offset, 0);
	ck_assert_uint_eq(p.l4_src_port, 0);

	/* Last fragment, M clear. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 44, 0);
	fr_ipv6_frag(&f, 6, 1, 0, 9);
	fr_zeros(&f, 20);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_FRAGMENT);

	/* First fragment after a hop-by-hop header. */
	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 0, 0);
	fr_ipv6_ext(&f, 44, 0);
	fr_ipv6_frag(&f, 17, 0, 1, 5);
	fr_udp(&f, 3, 4);
	parse(&f, &p);
	ck_assert_uint_eq(p.flags, PFRING_PARSED_MORE_FRAGS | PFRING_PARSED_FRAGMENT |
			  PFRING_PARSED_FIRST_FRAGMENT | PFRING_PARSED_L4);
	ck_assert_uint_eq(p.l4_offset, 14 + 40 + 8 + 8);
	ck_assert_uint_eq(p.l4_dst_port, 4);
}
END_TEST

/* The stages of a VLAN/IPv4-with-options/TCP-with-options frame. */
START_TEST(truncation_stages)
{
	struct pfring_parsed p;
	struct frame f;
	unsigned int c;

	fr_init(&f);
	fr_eth(&f, 0x8100);
	fr_tag(&f, 100, 0x0800);		/* IPv4 at 18 */
	fr_ipv4(&f, 6, 1, 0, 6);		/* TCP at 42 */
	fr_tcp(&f, 1, 2, 3, 4, TCP_SYN, 6);	/* payload at 66 */
	ck_assert_uint_eq(f.len, 66);

	for (c = 0; c <= f.len; c++) {
		parse_prefix(&f, c, &p);
		ck_assert_uint_eq(!!(p.flags & PFRING_PARSED_TRUNCATED),
				  c < 66);
		ck_assert_uint_eq(p.vlan_id, c >= 18 ? 100 : 0);
		ck_assert_uint_eq(p.eth_type, c >= 18 ? 0x0800 : 0);
		ck_assert_uint_eq(p.l3_offset, c >= 38 ? 18 : 0);
		ck_assert_uint_eq(p.ip_version, c >= 38 ? 4 : 0);
		ck_assert_uint_eq(p.l4_proto, c >= 38 ? 6 : 0);
		ck_assert_uint_eq(p.l4_offset, c >= 62 ? 42 : 0);
		ck_assert_uint_eq(p.l4_src_port, c >= 62 ? 1 : 0);
		ck_assert_uint_eq(!!(p.flags & PFRING_PARSED_L4), c >= 62);
		ck_assert_uint_eq(p.payload_offset, c >= 66 ? 66 : 0);
	}
}
END_TEST

/*
 * Every prefix of a frame parses to a subset of the full result, every
 * offset stays inside the prefix, and a frame cut inside its headers is
 * flagged.  The frames end with their last header.
 */
static void check_all_prefixes(const struct frame *f)
{
	struct pfring_parsed full, p;
	unsigned int c;
	int i;

	parse(f, &full);
	ck_assert(!(full.flags & PFRING_PARSED_TRUNCATED));
	for (c = 0; c < f->len; c++) {
		parse_prefix(f, c, &p);
		ck_assert_msg(p.flags & PFRING_PARSED_TRUNCATED,
			      "caplen %u not flagged", c);
		ck_assert_uint_eq(p.flags & ~(full.flags |
					      PFRING_PARSED_TRUNCATED), 0);
		ck_assert(p.eth_type == 0 || p.eth_type == full.eth_type);
		ck_assert(p.vlan_id == 0 || p.vlan_id == full.vlan_id);
		ck_assert(p.qinq_vlan_id == 0 ||
			  p.qinq_vlan_id == full.qinq_vlan_id);
		ck_assert(p.l3_offset == 0 || p.l3_offset == full.l3_offset);
		ck_assert(p.l4_offset == 0 || p.l4_offset == full.l4_offset);
		ck_assert(p.payload_offset == 0 ||
			  p.payload_offset == full.payload_offset);
		ck_assert(p.ip_version == 0 || p.ip_version == full.ip_version);
		ck_assert(p.l4_proto == 0 || p.l4_proto == full.l4_proto);
		ck_assert(p.l4_src_port == 0 ||
			  p.l4_src_port == full.l4_src_port);
		ck_assert(p.frag_id == 0 || p.frag_id == full.frag_id);
		ck_assert_uint_le(p.l3_offset, c);
		ck_assert_uint_le(p.l4_offset, c);
		ck_assert_uint_le(p.payload_offset, c);
		for (i = 0; i < 16; i++)
			ck_assert(p.ip_src[i] == 0 ||
				  p.ip_src[i] == full.ip_src[i]);
	}
}

START_TEST(truncated_at_every_length)
{
	struct frame f;
	int i;

	fr_init(&f);
	fr_eth(&f, 0x8100);
	fr_tag(&f, 5, 0x0800);
	fr_ipv4(&f, 6, 1, 0x2000, 5);
	fr_tcp(&f, 80, 81, 1, 2, TCP_SYN, 5);
	check_all_prefixes(&f);

	fr_init(&f);
	fr_eth(&f, 0x88a8);
	fr_tag(&f, 5, 0x8100);
	fr_tag(&f, 6, 0x86dd);
	fr_ipv6(&f, 0, 0);
	fr_ipv6_ext(&f, 43, 1);
	fr_ipv6_ext(&f, 44, 0);
	fr_ipv6_frag(&f, 51, 0, 1, 77);
	fr_ipv6_ah(&f, 17, 1);
	fr_udp(&f, 1, 2);
	check_all_prefixes(&f);

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 60, 0);
	for (i = 0; i < 7; i++)
		fr_ipv6_ext(&f, 60, 1);
	fr_ipv6_ext(&f, 6, 0);
	fr_tcp(&f, 1, 2, 3, 4, 0, 15);
	check_all_prefixes(&f);

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 1, 1, 0, 15);
	fr_icmp(&f, 0, 0);
	check_all_prefixes(&f);

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 132, 1, 0, 5);
	fr_sctp(&f, 1, 2);
	check_all_prefixes(&f);

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 44, 0);
	fr_ipv6_frag(&f, 17, 3, 0, 1);
	check_all_prefixes(&f);
}
END_TEST

START_TEST(tiny_frames)
{
	struct pfring_parsed p;
	struct frame f;
	unsigned int c;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	for (c = 0; c < 14; c++) {
		parse_prefix(&f, c, &p);
		ck_assert_uint_eq(p.flags, PFRING_PARSED_TRUNCATED);
		ck_assert_uint_eq(p.eth_type, 0);
	}
	/* Garbage in the output is overwritten. */
	memset(&p, 0xff, sizeof(p));
	parse_prefix(&f, 0, &p);
	ck_assert_uint_eq(p.l3_offset, 0);
	ck_assert_uint_eq(p.ip_src[15], 0);
}
END_TEST

/* ---- pfring_parse_pkt(): ntop's view of the same results. */

static void tcp_frame(struct frame *f, int swap)
{
	fr_init(f);
	fr_eth(f, 0x8100);
	fr_tag(f, 42, 0x0800);
	fr_ipv4(f, 6, 1, 0, 5);
	fr_tcp(f, swap ? 80 : 1234, swap ? 1234 : 80, 0x01020304, 0x0a0b0c0d,
	       TCP_ACK, 5);
	if (swap) {
		/* Exchange the IPv4 addresses too. */
		unsigned char tmp[4];

		memcpy(tmp, f->b + 18 + 12, 4);
		memcpy(f->b + 18 + 12, f->b + 18 + 16, 4);
		memcpy(f->b + 18 + 16, tmp, 4);
	}
}

START_TEST(parse_pkt_fills_ntop_fields)
{
	struct pfring_pkthdr h;
	struct pkt_parsing_info *pi = &h.extended_hdr.parsed_pkt;
	struct frame f;

	tcp_frame(&f, 0);
	memset(&h, 0, sizeof(h));
	h.caplen = h.len = f.len;
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 4, 0, 0), 4);
	ck_assert_mem_eq(pi->dmac, fr_dmac, 6);
	ck_assert_mem_eq(pi->smac, fr_smac, 6);
	ck_assert_uint_eq(pi->eth_type, 0x0800);
	ck_assert_uint_eq(pi->vlan_id, 42);
	ck_assert_uint_eq(pi->ip_version, 4);
	ck_assert_uint_eq(pi->l3_proto, 6);
	ck_assert_uint_eq(pi->ip_tos, FR_TOS);
	ck_assert_uint_eq(pi->ip_src.v4, FR_IPV4_SRC);	/* host order */
	ck_assert_uint_eq(pi->ip_dst.v4, FR_IPV4_DST);
	ck_assert_uint_eq(pi->l4_src_port, 1234);
	ck_assert_uint_eq(pi->l4_dst_port, 80);
	ck_assert_uint_eq(pi->tcp.flags, TCP_ACK);
	ck_assert_uint_eq(pi->tcp.seq_num, 0x01020304);
	ck_assert_uint_eq(pi->tcp.ack_num, 0x0a0b0c0d);
	ck_assert_uint_eq(pi->tunnel.tunnel_id, NO_TUNNEL_ID);
	ck_assert_int_eq(pi->offset.vlan_offset, 14);
	ck_assert_int_eq(pi->offset.l3_offset, 18);
	ck_assert_int_eq(pi->offset.l4_offset, 38);
	ck_assert_int_eq(pi->offset.payload_offset, 58);
}
END_TEST

START_TEST(parse_pkt_levels)
{
	struct pfring_pkthdr h;
	struct pkt_parsing_info *pi = &h.extended_hdr.parsed_pkt;
	struct frame f;

	tcp_frame(&f, 0);
	memset(&h, 0, sizeof(h));
	h.caplen = f.len;
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 3, 0, 0), 3);
	ck_assert_uint_eq(pi->ip_version, 4);
	ck_assert_uint_eq(pi->l4_src_port, 0);
	ck_assert_int_eq(pi->offset.l4_offset, 0);
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 2, 0, 0), 2);
	ck_assert_uint_eq(pi->ip_version, 0);
	ck_assert_uint_eq(pi->eth_type, 0x0800);

	h.caplen = 30;	/* inside the IPv4 header */
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 4, 0, 0), 2);
	h.caplen = 16;	/* inside the VLAN tag */
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 4, 0, 0), 0);
	ck_assert_int_eq(pfring_parse_pkt(NULL, &h, 4, 0, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(parse_pkt_hash_and_timestamp)
{
	struct pfring_pkthdr h1, h2;
	struct frame f;

	tcp_frame(&f, 0);
	memset(&h1, 0, sizeof(h1));
	h1.caplen = f.len;
	pfring_parse_pkt(f.b, &h1, 4, 1, 1);
	ck_assert_uint_ne(h1.extended_hdr.pkt_hash, 0);
	ck_assert_int_ne(h1.ts.tv_sec, 0);
	ck_assert_uint_ne(h1.extended_hdr.timestamp_ns, 0);

	/* The other direction of the flow hashes the same. */
	tcp_frame(&f, 1);
	memset(&h2, 0, sizeof(h2));
	h2.caplen = f.len;
	h2.ts.tv_sec = 5;
	pfring_parse_pkt(f.b, &h2, 4, 1, 1);
	ck_assert_uint_eq(h2.extended_hdr.pkt_hash, h1.extended_hdr.pkt_hash);
	ck_assert_int_eq(h2.ts.tv_sec, 5);	/* an existing time is kept */
}
END_TEST

START_TEST(parse_pkt_ipv6_and_fragments)
{
	struct pfring_pkthdr h;
	struct pkt_parsing_info *pi = &h.extended_hdr.parsed_pkt;
	struct frame f;

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 44, 0);
	fr_ipv6_frag(&f, 17, 8, 1, 3);
	fr_zeros(&f, 8);
	memset(&h, 0, sizeof(h));
	h.caplen = f.len;
	ck_assert_int_eq(pfring_parse_pkt(f.b, &h, 4, 0, 0), 3);
	ck_assert_mem_eq(&pi->ip_src.v6, fr_ipv6_src, 16);
	ck_assert_mem_eq(&pi->ip_dst.v6, fr_ipv6_dst, 16);
	ck_assert_uint_eq(pi->l3_proto, 17);
	ck_assert_uint_eq(h.extended_hdr.flags & PKT_FLAGS_IP_FRAG_OFFSET,
			  PKT_FLAGS_IP_FRAG_OFFSET);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("pfr_parse");
	TCase *ntop = tcase_create("pfring_parse_pkt");

	tcase_add_test(tc, ipv4_tcp);
	tcase_add_test(tc, ipv4_tcp_options);
	tcase_add_test(tc, ipv4_udp);
	tcase_add_test(tc, ipv4_icmp);
	tcase_add_test(tc, ipv4_sctp);
	tcase_add_test(tc, ipv4_other_protocol);
	tcase_add_test(tc, vlan_8021q);
	tcase_add_test(tc, vlan_qinq);
	tcase_add_test(tc, vlan_stack_limit);
	tcase_add_test(tc, non_ip);
	tcase_add_test(tc, bogus_ip_headers);
	tcase_add_test(tc, ipv4_fragments);
	tcase_add_test(tc, ipv6_extension_headers);
	tcase_add_test(tc, ipv6_ah_dstopts_mobility);
	tcase_add_test(tc, ipv6_stops);
	tcase_add_test(tc, ipv6_icmpv6);
	tcase_add_test(tc, ipv6_fragments);
	tcase_add_test(tc, truncation_stages);
	tcase_add_test(tc, truncated_at_every_length);
	tcase_add_test(tc, tiny_frames);
	suite_add_tcase(s, tc);

	tcase_add_test(ntop, parse_pkt_fills_ntop_fields);
	tcase_add_test(ntop, parse_pkt_levels);
	tcase_add_test(ntop, parse_pkt_hash_and_timestamp);
	tcase_add_test(ntop, parse_pkt_ipv6_and_fragments);
	suite_add_tcase(s, ntop);
	return s;
}
