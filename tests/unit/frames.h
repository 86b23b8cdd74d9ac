/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Builds Ethernet frames header by header for the parser tests.  Length
 * and checksum fields are left zero: the parser does not read them.
 */
#ifndef PFR_FRAMES_H
#define PFR_FRAMES_H

#include <stdint.h>

struct frame {
	unsigned char b[4096];
	unsigned int len;
};

#define FR_IPV4_SRC	0x0a000001	/* 10.0.0.1 */
#define FR_IPV4_DST	0x0a000002	/* 10.0.0.2 */
#define FR_TOS		0x2e
extern const unsigned char fr_dmac[6], fr_smac[6];
extern const unsigned char fr_ipv6_src[16], fr_ipv6_dst[16];

void fr_init(struct frame *f);
void fr_u8(struct frame *f, uint8_t v);
void fr_u16(struct frame *f, uint16_t v);
void fr_u32(struct frame *f, uint32_t v);
void fr_zeros(struct frame *f, unsigned int n);

/* MAC addresses and an EtherType (or TPID). */
void fr_eth(struct frame *f, uint16_t type);
/* The rest of a VLAN tag: TCI and the next EtherType. */
void fr_tag(struct frame *f, uint16_t tci, uint16_t type);

/* frag: the flags+offset field; ihl in 32-bit words. */
void fr_ipv4(struct frame *f, uint8_t proto, uint16_t id, uint16_t frag,
	     unsigned int ihl);
void fr_ipv6(struct frame *f, uint8_t next, uint8_t tclass);
/* Extension header of (len + 1) * 8 bytes. */
void fr_ipv6_ext(struct frame *f, uint8_t next, uint8_t len);
/* Authentication header of (len + 2) * 4 bytes. */
void fr_ipv6_ah(struct frame *f, uint8_t next, uint8_t len);
/* offset in 8-byte units. */
void fr_ipv6_frag(struct frame *f, uint8_t next, uint16_t offset, int more,
		  uint32_t id);

void fr_tcp(struct frame *f, uint16_t sport, uint16_t dport, uint32_t seq,
	    uint32_t ack, uint8_t flags, unsigned int doff);
void fr_udp(struct frame *f, uint16_t sport, uint16_t dport);
void fr_sctp(struct frame *f, uint16_t sport, uint16_t dport);
void fr_icmp(struct frame *f, uint8_t type, uint8_t code);

#endif
