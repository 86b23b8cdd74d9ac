/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crafted flows for the multi-queue tests: Ethernet frames of UDP or TCP
 * over IPv4 or IPv6, optionally 802.1Q or QinQ tagged, in either
 * direction, and IP fragments of a UDP datagram.  Each frame's payload
 * starts with a tag (magic, flow id, sequence number) that the tests
 * read back from the slots.  Header-only (static inline) so that it
 * needs no Makefile change.
 */
#ifndef KT_FLOW_H
#define KT_FLOW_H

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include <linux/pf_ring.h>

#define KT_TAG_MAGIC	0x50464d51u	/* "PFMQ" */
#define KT_TAG_LEN	12

struct kt_flow {
	int v6;
	uint8_t proto;			/* IPPROTO_UDP or IPPROTO_TCP */
	uint8_t src[16], dst[16];	/* IPv4 in the first 4 bytes */
	uint16_t sport, dport;
	uint16_t vlan;			/* 802.1Q id, 0: untagged */
	uint16_t outer_vlan;		/* 802.1ad id outside it, 0: none */
};

/* The payload tag of a frame. */
struct kt_tag {
	uint32_t flow;
	uint32_t seq;
};

static inline uint8_t *kt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static inline uint8_t *kt_put32(uint8_t *p, uint32_t v)
{
	kt_put16(p, (uint16_t)(v >> 16));
	return kt_put16(p + 2, (uint16_t)v);
}

static inline uint32_t kt_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t kt_ip_csum(const uint8_t *h, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet and tags; returns where the IP header goes. */
static inline uint8_t *kt_l2(uint8_t *p, const struct kt_flow *f)
{
	static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0xa, 0xa };
	static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0xb, 0xb };

	/* Unicast to nobody: the stacks on both ends drop the frames. */
	memcpy(p, mac_b, 6);
	memcpy(p + 6, mac_a, 6);
	p += 12;
	if (f->outer_vlan) {
		p = kt_put16(p, 0x88a8);
		p = kt_put16(p, f->outer_vlan);
	}
	if (f->vlan) {
		p = kt_put16(p, 0x8100);
		p = kt_put16(p, f->vlan);
	}
	return kt_put16(p, f->v6 ? 0x86dd : 0x0800);
}

/* IPv4 header; frag_field is the flags and offset word. */
static inline uint8_t *kt_ipv4(uint8_t *p, const uint8_t *src,
			       const uint8_t *dst, uint8_t proto,
			       size_t payload, uint16_t id,
			       uint16_t frag_field)
{
	p[0] = 0x45;
	p[1] = 0;
	kt_put16(p + 2, (uint16_t)(20 + payload));
	kt_put16(p + 4, id);
	kt_put16(p + 6, frag_field);
	p[8] = 64;
	p[9] = proto;
	kt_put16(p + 10, 0);
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	kt_put16(p + 10, kt_ip_csum(p, 20));
	return p + 20;
}

static inline uint8_t *kt_ipv6(uint8_t *p, const uint8_t *src,
			       const uint8_t *dst, uint8_t next,
			       size_t payload)
{
	kt_put32(p, 0x60000000);
	kt_put16(p + 4, (uint16_t)payload);
	p[6] = next;
	p[7] = 64;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	return p + 40;
}

/* UDP or TCP header for payload bytes, then the tag and filler. */
static inline uint8_t *kt_l4(uint8_t *p, uint8_t proto, uint16_t sport,
			     uint16_t dport, size_t payload,
			     const struct kt_tag *tag)
{
	size_t i;

	kt_put16(p, sport);
	kt_put16(p + 2, dport);
	if (proto == IPPROTO_UDP) {
		kt_put16(p + 4, (uint16_t)(8 + payload));
		kt_put16(p + 6, 0);
		p += 8;
	} else {
		kt_put32(p + 4, tag->seq);	/* sequence */
		kt_put32(p + 8, 0);		/* ack */
		p[12] = 5 << 4;
		p[13] = 0x18;			/* PSH, ACK */
		kt_put16(p + 14, 8192);
		kt_put32(p + 16, 0);
		p += 20;
	}
	kt_put32(p, KT_TAG_MAGIC);
	kt_put32(p + 4, tag->flow);
	kt_put32(p + 8, tag->seq);
	for (i = KT_TAG_LEN; i < payload; i++)
		p[i] = (uint8_t)(i * 7 + tag->seq);
	return p + payload;
}

static inline size_t kt_l4_hlen(uint8_t proto)
{
	return proto == IPPROTO_UDP ? 8 : 20;
}

/*
 * One frame of the flow (reverse: from its destination to its source)
 * with payload bytes after the L4 header (at least KT_TAG_LEN).
 */
static inline size_t kt_flow_frame(uint8_t *buf, const struct kt_flow *f,
				   int reverse, uint32_t flow, uint32_t seq,
				   size_t payload)
{
	const uint8_t *src = reverse ? f->dst : f->src;
	const uint8_t *dst = reverse ? f->src : f->dst;
	uint16_t sport = reverse ? f->dport : f->sport;
	uint16_t dport = reverse ? f->sport : f->dport;
	struct kt_tag tag = { flow, seq };
	size_t l4 = kt_l4_hlen(f->proto) + payload;
	uint8_t *p = kt_l2(buf, f);

	if (f->v6)
		p = kt_ipv6(p, src, dst, f->proto, l4);
	else
		p = kt_ipv4(p, src, dst, f->proto, l4, (uint16_t)seq, 0);
	p = kt_l4(p, f->proto, sport, dport, payload, &tag);
	return (size_t)(p - buf);
}

/* IP payload per fragment, in 8-byte units; tagged IPv6 fragments fit
 * the 1500-byte MTU.
 */
#define KT_FRAG_CHUNK	1400

/*
 * The fragments of one UDP datagram of the flow with payload bytes:
 * writes them to frames[i] (each KT_FRAG_CHUNK + 100 bytes long at
 * least), their lengths to lens[i], and returns how many, at most max.
 * IPv6 fragments carry a fragment header; frag_id identifies the datagram.
 */
static inline unsigned int kt_flow_fragments(uint8_t (*frames)[1600],
					     size_t *lens, unsigned int max,
					     const struct kt_flow *f,
					     int reverse, uint32_t flow,
					     uint32_t frag_id, size_t payload)
{
	static uint8_t dgram[65536];
	const uint8_t *src = reverse ? f->dst : f->src;
	const uint8_t *dst = reverse ? f->src : f->dst;
	struct kt_tag tag = { flow, frag_id };
	size_t total = 8 + payload, off, chunk;
	unsigned int n = 0;
	uint8_t *p;
	int more;

	kt_l4(dgram, IPPROTO_UDP, reverse ? f->dport : f->sport,
	      reverse ? f->sport : f->dport, payload, &tag);
	for (off = 0; off < total && n < max; off += chunk, n++) {
		chunk = total - off > KT_FRAG_CHUNK ? KT_FRAG_CHUNK : total - off;
		more = off + chunk < total;
		p = kt_l2(frames[n], f);
		if (f->v6) {
			p = kt_ipv6(p, src, dst, 44, 8 + chunk);
			p[0] = IPPROTO_UDP;
			p[1] = 0;
			kt_put16(p + 2, (uint16_t)(off | (size_t)more));
			kt_put32(p + 4, frag_id);
			p += 8;
		} else {
			p = kt_ipv4(p, src, dst, IPPROTO_UDP, chunk,
				    (uint16_t)frag_id,
				    (uint16_t)((more ? 0x2000 : 0) | off / 8));
		}
		memcpy(p, dgram + off, chunk);
		lens[n] = (size_t)(p + chunk - frames[n]);
	}
	return n;
}

/* The tag of a captured frame, from the slot's parsed headers; 0 if none. */
static inline int kt_slot_tag(const struct pfring_slot *s, struct kt_tag *t)
{
	const uint8_t *frame = (const uint8_t *)(s + 1);
	uint32_t off = s->parsed.payload_offset;

	if (!off || off + KT_TAG_LEN > s->caplen ||
	    kt_get32(frame + off) != KT_TAG_MAGIC)
		return 0;
	t->flow = kt_get32(frame + off + 4);
	t->seq = kt_get32(frame + off + 8);
	return 1;
}

/* A 64-bit digest of a captured packet, to compare captures. */
static inline uint64_t kt_slot_digest(const struct pfring_slot *s)
{
	const uint8_t *p = (const uint8_t *)(s + 1);
	uint64_t h = 1469598103934665603ULL ^ s->len ^
		     (uint64_t)s->direction << 32;
	uint32_t i;

	for (i = 0; i < s->caplen; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

#endif
