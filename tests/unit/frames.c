// SPDX-License-Identifier: GPL-2.0
/* Frame builders for the parser tests; see frames.h. */
#include "frames.h"

#include <string.h>

const unsigned char fr_dmac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
const unsigned char fr_smac[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
const unsigned char fr_ipv6_src[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 };
const unsigned char fr_ipv6_dst[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02 };

void fr_init(struct frame *f)
{
	memset(f, 0, sizeof(*f));
}

static void fr_bytes(struct frame *f, const void *p, unsigned int n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

void fr_u8(struct frame *f, uint8_t v)
{
	f->b[f->len++] = v;
}

void fr_u16(struct frame *f, uint16_t v)
{
	fr_u8(f, (uint8_t)(v >> 8));
	fr_u8(f, (uint8_t)v);
}

void fr_u32(struct frame *f, uint32_t v)
{
	fr_u16(f, (uint16_t)(v >> 16));
	fr_u16(f, (uint16_t)v);
}

void fr_zeros(struct frame *f, unsigned int n)
{
	f->len += n;	/* fr_init() zeroed the buffer */
}

void fr_eth(struct frame *f, uint16_t type)
{
	fr_bytes(f, fr_dmac, 6);
	fr_bytes(f, fr_smac, 6);
	fr_u16(f, type);
}

void fr_tag(struct frame *f, uint16_t tci, uint16_t type)
{
	fr_u16(f, tci);
	fr_u16(f, type);
}

void fr_ipv4(struct frame *f, uint8_t proto, uint16_t id, uint16_t frag,
	     unsigned int ihl)
{
	fr_u8(f, (uint8_t)(0x40 | ihl));
	fr_u8(f, FR_TOS);
	fr_u16(f, 0);		/* total length */
	fr_u16(f, id);
	fr_u16(f, frag);
	fr_u8(f, 64);		/* ttl */
	fr_u8(f, proto);
	fr_u16(f, 0);		/* checksum */
	fr_u32(f, FR_IPV4_SRC);
	fr_u32(f, FR_IPV4_DST);
	fr_zeros(f, (ihl - 5) * 4);
}

void fr_ipv6(struct frame *f, uint8_t next, uint8_t tclass)
{
	fr_u32(f, 0x60000000u | (uint32_t)tclass << 20 | 0x12345);
	fr_u16(f, 0);		/* payload length */
	fr_u8(f, next);
	fr_u8(f, 64);		/* hop limit */
	fr_bytes(f, fr_ipv6_src, 16);
	fr_bytes(f, fr_ipv6_dst, 16);
}

void fr_ipv6_ext(struct frame *f, uint8_t next, uint8_t len)
{
	fr_u8(f, next);
	fr_u8(f, len);
	fr_zeros(f, ((unsigned int)len + 1) * 8 - 2);
}

void fr_ipv6_ah(struct frame *f, uint8_t next, uint8_t len)
{
	fr_u8(f, next);
	fr_u8(f, len);
	fr_zeros(f, ((unsigned int)len + 2) * 4 - 2);
}

void fr_ipv6_frag(struct frame *f, uint8_t next, uint16_t offset, int more,
		  uint32_t id)
{
	fr_u8(f, next);
	fr_u8(f, 0);
	fr_u16(f, (uint16_t)(offset << 3 | (more ? 1 : 0)));
	fr_u32(f, id);
}

void fr_tcp(struct frame *f, uint16_t sport, uint16_t dport, uint32_t seq,
	    uint32_t ack, uint8_t flags, unsigned int doff)
{
	fr_u16(f, sport);
	fr_u16(f, dport);
	fr_u32(f, seq);
	fr_u32(f, ack);
	fr_u8(f, (uint8_t)(doff << 4));
	fr_u8(f, flags);
	fr_u16(f, 1024);	/* window */
	fr_u32(f, 0);		/* checksum, urgent pointer */
	if (doff > 5)
		fr_zeros(f, (doff - 5) * 4);
}

void fr_udp(struct frame *f, uint16_t sport, uint16_t dport)
{
	fr_u16(f, sport);
	fr_u16(f, dport);
	fr_u32(f, 0);		/* length, checksum */
}

void fr_sctp(struct frame *f, uint16_t sport, uint16_t dport)
{
	fr_u16(f, sport);
	fr_u16(f, dport);
	fr_u32(f, 0xdeadbeef);	/* verification tag */
	fr_u32(f, 0);		/* checksum */
}

void fr_icmp(struct frame *f, uint8_t type, uint8_t code)
{
	fr_u8(f, type);
	fr_u8(f, code);
	fr_u16(f, 0);
}
