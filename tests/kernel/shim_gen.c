// SPDX-License-Identifier: GPL-2.0
/*
 * shim_gen DEV COUNT [novlan]: sends COUNT frames of a mixed traffic set on DEV
 * (AF_PACKET), the same set every time: IPv4 and IPv6 with TCP (port 80
 * and others), UDP (port 53 and others) and ICMP, 802.1Q-tagged and
 * double-tagged (802.1ad + 802.1Q) frames, first and later IP fragments
 * of both versions, and ARP, in sizes from 60 to 1514 bytes (1518 with a
 * tag).  Frame i carries "SHIM" and i after its headers.  "novlan" leaves
 * the tagged frames out.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum l2 { PLAIN, VLAN, QINQ };
enum l3 { V4, V6, ARP };
enum l4 { TCP, UDP, ICMP, NONE };
enum frag { WHOLE, FIRST, LATER };

struct kind {
	enum l2 l2;
	enum l3 l3;
	enum l4 l4;
	uint16_t port;		/* destination port */
	enum frag frag;
};

static const struct kind kinds[] = {
	{ PLAIN, V4, TCP, 80, WHOLE },   { PLAIN, V4, TCP, 443, WHOLE },
	{ PLAIN, V4, UDP, 53, WHOLE },   { PLAIN, V4, UDP, 5000, WHOLE },
	{ PLAIN, V4, ICMP, 0, WHOLE },   { PLAIN, V6, TCP, 80, WHOLE },
	{ PLAIN, V6, UDP, 53, WHOLE },   { PLAIN, V6, UDP, 7000, WHOLE },
	{ PLAIN, V6, ICMP, 0, WHOLE },   { VLAN, V4, UDP, 5001, WHOLE },
	{ VLAN, V4, TCP, 80, WHOLE },    { VLAN, V6, UDP, 5002, WHOLE },
	{ PLAIN, V4, UDP, 6000, FIRST }, { PLAIN, V4, UDP, 6000, LATER },
	{ PLAIN, V6, UDP, 6001, FIRST }, { PLAIN, V6, UDP, 6001, LATER },
	{ QINQ, V4, UDP, 5003, WHOLE },  { PLAIN, ARP, NONE, 0, WHOLE },
	{ VLAN, V4, UDP, 53, WHOLE },    { PLAIN, V4, TCP, 8080, WHOLE },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static uint8_t *put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
	return p + 2;
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
	p = put16(p, v >> 16);
	return put16(p, v & 0xffff);
}

static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* The frame length of frame i: both ends of the range, and in between. */
static size_t frame_len(uint32_t i, size_t max)
{
	if (i % 9 == 0)
		return max;
	if (i % 9 == 1)
		return 60;
	return 60 + (i * 397u + i * i * 13u) % (max - 60 + 1);
}

static size_t build(uint8_t *f, uint32_t i)
{
	static const uint8_t dst[6] = { 0x02, 0, 0, 0, 0, 0x02 };
	static const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	const struct kind *k = &kinds[i % NKINDS];
	/* AF_PACKET allows 4 more bytes only after an 802.1Q ethertype */
	size_t max = k->l2 == VLAN ? 1518 : 1514, len = frame_len(i, max);
	uint8_t *p = f, *l3, *l4;
	uint8_t proto = k->l4 == TCP ? 6 : k->l4 == UDP ? 17 :
			k->l3 == V6 ? 58 : 1;
	size_t j;

	memcpy(p, dst, 6);
	memcpy(p + 6, src, 6);
	p += 12;
	if (k->l2 == QINQ) {
		p = put16(p, 0x88a8);
		p = put16(p, 200 + i % 7);
	}
	if (k->l2 != PLAIN) {
		p = put16(p, 0x8100);
		p = put16(p, (uint16_t)((i % 8) << 13 | (100 + i % 50)));
	}
	p = put16(p, k->l3 == V4 ? 0x0800 : k->l3 == V6 ? 0x86dd : 0x0806);
	l3 = p;
	if (k->l3 == ARP) {
		p = put16(p, 1);
		p = put16(p, 0x0800);
		*p++ = 6;
		*p++ = 4;
		p = put16(p, 1);
		memcpy(p, src, 6);
		p = put32(p + 6, 0x0a000001);
		memset(p, 0, 6);
		p = put32(p + 6, 0x0a000000 | (i & 0xff));
		l4 = p;
	} else if (k->l3 == V4) {
		*p++ = 0x45;
		*p++ = (uint8_t)(i % 4 << 2);
		p = put16(p, (uint16_t)(len - (size_t)(l3 - f)));
		p = put16(p, (uint16_t)(i / NKINDS + 1));
		p = put16(p, k->frag == FIRST ? 0x2000 : k->frag == LATER ? 185 : 0x4000);
		*p++ = 64;
		*p++ = proto;
		p = put16(p, 0);
		p = put32(p, 0x0a000001);
		p = put32(p, 0x0a000002 + i % 3);
		put16(l3 + 10, csum(l3, 20));
		l4 = p;
	} else {
		p = put32(p, 0x60000000 | (i & 0xfffff));
		p = put16(p, (uint16_t)(len - (size_t)(l3 - f) - 40));
		*p++ = k->frag == WHOLE ? proto : 44;
		*p++ = 64;
		p = put32(p, 0xfd000000);
		p = put32(p, 0);
		p = put32(p, 0);
		p = put32(p, 1);
		p = put32(p, 0xfd000000);
		p = put32(p, 0);
		p = put32(p, 0);
		p = put32(p, 2 + i % 3);
		if (k->frag != WHOLE) {
			*p++ = proto;
			*p++ = 0;
			p = put16(p, k->frag == FIRST ? 1 : 1480);
			p = put32(p, i / NKINDS + 1);
		}
		l4 = p;
	}
	if (k->frag != LATER) {
		switch (k->l4) {
		case TCP:
			p = put16(p, (uint16_t)(40000 + i % 1000));
			p = put16(p, k->port);
			p = put32(p, i * 1000);
			p = put32(p, 1);
			*p++ = 5 << 4;
			*p++ = 0x18;	/* PSH ACK */
			p = put16(p, 65535);
			p = put32(p, 0);
			break;
		case UDP:
			p = put16(p, (uint16_t)(40000 + i % 1000));
			p = put16(p, k->port);
			p = put16(p, (uint16_t)(len - (size_t)(l4 - f)));
			p = put16(p, 0);
			break;
		case ICMP:
			*p++ = k->l3 == V6 ? 128 : 8;
			*p++ = 0;
			p = put16(p, 0);
			p = put16(p, 0x5348);
			p = put16(p, (uint16_t)i);
			break;
		case NONE:
			break;
		}
	}
	memcpy(p, "SHIM", 4);
	p = put32(p + 4, i);
	if ((size_t)(p - f) > len)
		len = (size_t)(p - f);
	for (j = (size_t)(p - f); j < len; j++)
		f[j] = (uint8_t)(i * 31 + j * 7);
	return len;
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	uint8_t frame[2048];
	unsigned long n, i, done;
	int novlan;
	ssize_t sent;
	size_t len;
	int fd;

	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "novlan"))) {
		fprintf(stderr, "usage: shim_gen DEV COUNT [novlan]\n");
		return 2;
	}
	novlan = argc == 4;
	n = strtoul(argv[2], NULL, 0);
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0 || !sll.sll_ifindex ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		fprintf(stderr, "shim_gen: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0, done = 0; done < n; i++) {
		if (novlan && kinds[i % NKINDS].l2 != PLAIN)
			continue;
		done++;
		len = build(frame, (uint32_t)i);
		/* A full queue says ENOBUFS: wait rather than lose a frame. */
		while ((sent = send(fd, frame, len, 0)) < 0 && errno == ENOBUFS)
			usleep(100);
		if (sent != (ssize_t)len) {
			fprintf(stderr, "shim_gen: frame %lu (%zu bytes): %s\n",
				i, len, sent < 0 ? strerror(errno) : "short");
			return 1;
		}
	}
	return 0;
}
