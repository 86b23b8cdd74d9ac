// SPDX-License-Identifier: GPL-2.0
/*
 * Frames sent across a veth pair arrive in the ring byte-exact, with
 * their lengths, ifindex, direction, parsed headers and non-decreasing
 * timestamps taken between send and receive; truncation to the bucket
 * length keeps the wire length; two sockets on one device each get
 * every frame; "any" sees the frame on both ends (TX and RX).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"

static const size_t lens[] = { 60, 61, 64, 100, 128, 333, 512, 999, 1024, 1514 };
#define NLENS (sizeof(lens) / sizeof(lens[0]))
#define ROUNDS 20

static void check_exact(void)
{
	struct kt_ring a, b;
	uint8_t frame[2048];
	uint64_t t0, t1, last_ts = 0;
	int tx = kt_tx_open("va");
	unsigned int i, n = 0;

	kt_ring_open(&a, "vb", 2048, 1024);
	kt_ring_open(&b, "vb", 2048, 1024);
	t0 = kt_now_ns();
	for (i = 0; i < ROUNDS * NLENS; i++)
		kt_tx(tx, frame, kt_frame(frame, i, lens[i % NLENS]));
	usleep(200 * 1000);
	t1 = kt_now_ns();

	for (i = 0; i < ROUNDS * NLENS; i++) {
		const struct pfring_slot *s = kt_ring_next(&a);
		size_t len = lens[i % NLENS];

		KT_REQUIRE(s, "frame %u of %zu missing", i, ROUNDS * NLENS);
		kt_frame(frame, i, len);
		KT_CHECK(s->caplen == len && s->len == len,
			 "frame %u: caplen %u len %u, want %zu", i, s->caplen,
			 s->len, len);
		KT_CHECK(!memcmp(s + 1, frame, len), "frame %u differs", i);
		KT_CHECK(s->ifindex == kt_ifindex("vb"), "ifindex %d", s->ifindex);
		KT_CHECK(s->direction == PFRING_DIR_RX, "direction %u", s->direction);
		KT_CHECK(s->flags == PFRING_SLOT_F_PARSED, "flags %#x", s->flags);
		KT_CHECK(s->parsed.eth_type == 0x88b5, "eth_type %#x",
			 s->parsed.eth_type);
		KT_CHECK(s->ts_ns >= t0 && s->ts_ns <= t1,
			 "ts %llu outside [%llu, %llu]",
			 (unsigned long long)s->ts_ns, (unsigned long long)t0,
			 (unsigned long long)t1);
		KT_CHECK(s->ts_ns >= last_ts, "ts went back at frame %u", i);
		last_ts = s->ts_ns;
		n++;
	}
	KT_CHECK(kt_ring_next(&a) == NULL, "extra frame in ring a");

	/* The second socket got every frame too. */
	for (i = 0; kt_ring_next(&b); i++)
		;
	KT_CHECK(i == n, "socket b got %u frames, want %u", i, n);
	KT_CHECK(kt_ring_stats(&a).recv == n && kt_ring_stats(&a).drop_full == 0,
		 "stats of a: recv %llu drop %llu",
		 (unsigned long long)kt_ring_stats(&a).recv,
		 (unsigned long long)kt_ring_stats(&a).drop_full);
	kt_ring_close(&a);
	kt_ring_close(&b);
	close(tx);
}

static void check_truncated(void)
{
	struct kt_ring r;
	uint8_t frame[1514];
	int tx = kt_tx_open("va");
	const struct pfring_slot *s;

	kt_ring_open(&r, "vb", 100, 0);
	kt_tx(tx, frame, kt_frame(frame, 7, sizeof(frame)));
	usleep(100 * 1000);
	s = kt_ring_next(&r);
	KT_REQUIRE(s, "no frame");
	KT_CHECK(s->caplen == 100 && s->len == sizeof(frame),
		 "caplen %u len %u", s->caplen, s->len);
	KT_CHECK(s->flags & PFRING_SLOT_F_TRUNCATED, "flags %#x", s->flags);
	KT_CHECK(!memcmp(s + 1, frame, 100), "payload differs");
	kt_ring_close(&r);
	close(tx);
}

static void check_udp_parsed(void)
{
	static const uint8_t udp[] = {
		0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x81, 0x00, 0x00, 0x64,
		0x08, 0x00,
		0x45, 0x00, 0x00, 0x20, 0x12, 0x34, 0x00, 0x00, 0x40, 0x11,
		0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2,
		0x30, 0x39, 0x00, 0x35, 0x00, 0x0c, 0x00, 0x00, 'a', 'b', 'c', 'd',
	};
	uint8_t frame[64] = { 0 };
	struct kt_ring r;
	int tx = kt_tx_open("va");
	const struct pfring_slot *s;
	uint8_t flags;

	memcpy(frame, udp, sizeof(udp));
	kt_ring_open(&r, "vb", 0, 0);
	kt_tx(tx, frame, sizeof(frame));
	usleep(100 * 1000);
	s = kt_ring_next(&r);
	KT_REQUIRE(s, "no frame");
	KT_CHECK(s->len == sizeof(frame), "len %u", s->len);
	KT_CHECK(!memcmp(s + 1, frame, sizeof(frame)), "VLAN frame differs");
	KT_CHECK(s->parsed.vlan_id == 100, "vlan %u", s->parsed.vlan_id);
	KT_CHECK(s->parsed.eth_type == 0x0800, "eth_type %#x", s->parsed.eth_type);
	KT_CHECK(s->parsed.ip_version == 4 && s->parsed.l4_proto == 17,
		 "ip %u proto %u", s->parsed.ip_version, s->parsed.l4_proto);
	KT_CHECK(s->parsed.l3_offset == 18 && s->parsed.l4_offset == 38 &&
		 s->parsed.payload_offset == 46, "offsets %u %u %u",
		 s->parsed.l3_offset, s->parsed.l4_offset,
		 s->parsed.payload_offset);
	KT_CHECK(s->parsed.l4_src_port == 12345 && s->parsed.l4_dst_port == 53,
		 "ports %u %u", s->parsed.l4_src_port, s->parsed.l4_dst_port);
	KT_CHECK(!memcmp(s->parsed.ip_src, "\x0a\x00\x00\x01", 4) &&
		 !memcmp(s->parsed.ip_dst, "\x0a\x00\x00\x02", 4), "addresses");

	/* Without parsing: the same record, less the PARSED flag. */
	flags = s->flags;
	KT_CHECK(flags & PFRING_SLOT_F_PARSED, "parsed flags %#x", flags);
	KT_ERRNO(kt_setopt_u32(r.fd, SO_SET_PARSE_HEADERS, 2), EINVAL);
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_PARSE_HEADERS, 0),
		   "parse off: %s", strerror(errno));
	kt_tx(tx, frame, sizeof(frame));
	usleep(100 * 1000);
	s = kt_ring_next(&r);
	KT_REQUIRE(s, "no unparsed frame");
	KT_CHECK(s->flags == (flags & ~PFRING_SLOT_F_PARSED),
		 "unparsed flags %#x, parsed %#x", s->flags, flags);
	KT_CHECK(s->len == sizeof(frame) &&
		 !memcmp(s + 1, frame, sizeof(frame)), "unparsed frame differs");
	kt_ring_close(&r);
	close(tx);
}

static int tx_capture_enabled(void)
{
	FILE *f = fopen("/sys/module/pf_ring/parameters/enable_tx_capture", "r");
	int c = f ? fgetc(f) : 'Y';

	if (f)
		fclose(f);
	return c == 'Y' || c == '1';
}

static void check_any(void)
{
	struct kt_ring r;
	uint8_t frame[128];
	int tx = kt_tx_open("va");
	const struct pfring_slot *s;
	int seen_tx = 0, seen_rx = 0;

	kt_ring_open(&r, NULL, 0, 0);
	kt_tx(tx, frame, kt_frame(frame, 42, sizeof(frame)));
	usleep(100 * 1000);
	while ((s = kt_ring_next(&r))) {
		KT_CHECK(!memcmp(s + 1, frame, sizeof(frame)), "frame differs");
		if (s->direction == PFRING_DIR_TX && s->ifindex == kt_ifindex("va"))
			seen_tx++;
		else if (s->direction == PFRING_DIR_RX &&
			 s->ifindex == kt_ifindex("vb"))
			seen_rx++;
		else
			KT_CHECK(0, "unexpected dir %u ifindex %d", s->direction,
				 s->ifindex);
	}
	KT_CHECK(seen_tx == tx_capture_enabled() && seen_rx == 1,
		 "any: tx %d rx %d", seen_tx, seen_rx);
	kt_ring_close(&r);
	close(tx);
}

int main(void)
{
	kt_private_netns();
	kt_veth("va", "vb");
	check_exact();
	check_truncated();
	check_udp_parsed();
	check_any();
	return kt_done("capture");
}
