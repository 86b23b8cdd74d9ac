// SPDX-License-Identifier: GPL-2.0
/*
 * A flood into a small ring: sent = captured + dropped exactly, the
 * ring keeps the oldest frames and never overwrites an unread slot,
 * /proc agrees with SO_GET_STATS, and values user space scribbles over
 * the shared indexes are caught, counted and survived.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"

#define SLOTS 16
#define FLOOD 1000

static uint32_t seq_of(const struct pfring_slot *s)
{
	const uint8_t *p = (const uint8_t *)(s + 1);

	return (uint32_t)p[14] << 24 | p[15] << 16 | p[16] << 8 | p[17];
}

static unsigned long long proc_field(int fd, const char *field)
{
	char path[300], line[256], cmd[256];
	unsigned long long v = ~0ULL;
	FILE *f;

	(void)fd;
	snprintf(cmd, sizeof(cmd), "ls /proc/net/pf_ring/ | grep -- '-vb\\.' | head -1");
	f = popen(cmd, "r");
	KT_REQUIRE(f && fgets(line, sizeof(line), f), "no /proc socket file");
	pclose(f);
	line[strcspn(line, "\n")] = 0;
	snprintf(path, sizeof(path), "/proc/net/pf_ring/%s", line);
	f = fopen(path, "r");
	KT_REQUIRE(f, "open %s", path);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, strlen(field)))
			sscanf(strchr(line, ':') + 1, "%llu", &v);
	fclose(f);
	return v;
}

int main(void)
{
	struct kt_ring r;
	struct pfring_stats st;
	uint8_t frame[128];
	const struct pfring_slot *s;
	uint32_t i;
	int tx;

	kt_private_netns();
	kt_veth("va", "vb");
	tx = kt_tx_open("va");
	kt_ring_open(&r, "vb", 128, SLOTS);
	KT_REQUIRE(r.info.num_slots == SLOTS, "num_slots %u", r.info.num_slots);

	for (i = 0; i < FLOOD; i++)
		kt_tx(tx, frame, kt_frame(frame, i, 60));
	usleep(200 * 1000);

	st = kt_ring_stats(&r);
	KT_CHECK(st.recv + st.drop_full == FLOOD,
		 "recv %llu + drop %llu != %d", (unsigned long long)st.recv,
		 (unsigned long long)st.drop_full, FLOOD);
	KT_CHECK(st.recv == SLOTS, "recv %llu", (unsigned long long)st.recv);
	KT_CHECK(proc_field(r.fd, "Tot Packets") == st.recv &&
		 proc_field(r.fd, "Tot Pkt Lost") == st.drop_full,
		 "/proc disagrees with SO_GET_STATS");
	for (i = 0; i < SLOTS; i++) {
		s = kt_ring_next(&r);
		KT_REQUIRE(s, "slot %u empty", i);
		KT_CHECK(seq_of(s) == i, "slot %u holds seq %u", i, seq_of(s));
	}
	KT_CHECK(!kt_ring_next(&r), "more than %d frames", SLOTS);
	/* Release the last one too. */
	__atomic_store_n(&r.hdr->cons, r.cons, __ATOMIC_RELEASE);

	for (i = 0; i < 10; i++)
		kt_tx(tx, frame, kt_frame(frame, FLOOD + i, 60));
	usleep(100 * 1000);
	for (i = 0; i < 10; i++) {
		s = kt_ring_next(&r);
		KT_REQUIRE(s, "after drain: frame %u missing", i);
		KT_CHECK(seq_of(s) == FLOOD + i, "seq %u", seq_of(s));
	}
	__atomic_store_n(&r.hdr->cons, r.cons, __ATOMIC_RELEASE);

	/*
	 * A consumer index ahead of the producer is refused and counted.
	 * The kernel looks at cons only when its cached copy says "full",
	 * so fill the ring first.
	 */
	for (i = 0; i < SLOTS; i++)
		kt_tx(tx, frame, kt_frame(frame, 2000 + i, 60));
	usleep(100 * 1000);
	__atomic_store_n(&r.hdr->cons, r.cons + SLOTS + 5, __ATOMIC_RELEASE);
	kt_tx(tx, frame, kt_frame(frame, 3000, 60));
	usleep(100 * 1000);
	st = kt_ring_stats(&r);
	KT_CHECK(st.bad_cons == 1, "bad_cons %llu", (unsigned long long)st.bad_cons);
	KT_CHECK(__atomic_load_n(&r.hdr->prod, __ATOMIC_ACQUIRE) == r.cons + SLOTS,
		 "prod moved on a bad cons");
	for (i = 0; i < SLOTS; i++) {
		s = kt_ring_next(&r);
		KT_REQUIRE(s, "full ring: slot %u empty", i);
		KT_CHECK(seq_of(s) == 2000 + i, "seq %u", seq_of(s));
	}
	__atomic_store_n(&r.hdr->cons, r.cons, __ATOMIC_RELEASE);

	/* A scribbled producer index is not used by the kernel. */
	r.hdr->prod = 0xdeadbeef;
	memset(r.hdr->pad_prod, 0xa5, sizeof(r.hdr->pad_prod));
	kt_tx(tx, frame, kt_frame(frame, 6000, 60));
	usleep(100 * 1000);
	KT_CHECK(__atomic_load_n(&r.hdr->prod, __ATOMIC_ACQUIRE) == r.cons + 1,
		 "kernel used a scribbled prod: %u", r.hdr->prod);
	s = kt_ring_next(&r);
	KT_CHECK(s && seq_of(s) == 6000, "frame after scribble");
	st = kt_ring_stats(&r);
	KT_CHECK(st.recv + st.drop_full == FLOOD + 10 + SLOTS + 2 &&
		 st.drop_full == FLOOD - SLOTS + 1,
		 "final totals: recv %llu drop %llu",
		 (unsigned long long)st.recv, (unsigned long long)st.drop_full);

	kt_ring_close(&r);
	close(tx);
	return kt_done("flood");
}
