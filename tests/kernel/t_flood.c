// SPDX-License-Identifier: GPL-2.0
/*
 * A flood into a small ring: sent = captured + dropped exactly, the
 * ring keeps the oldest frames and never overwrites an unread record,
 * it holds exactly the records the protocol of <linux/pf_ring.h> says
 * fit (a skipped end included, a ring filled to the last byte), /proc
 * agrees with SO_GET_STATS, and values user space scribbles over the
 * shared positions are caught, counted and survived.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

#define SLOTS	16	/* full-size records asked for */
#define BUCKET	128
#define FRAME	60	/* every frame of the test: records of 160 bytes */
#define FLOOD	1000

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

/*
 * The producer's rule of <linux/pf_ring.h>, on paper: a record of
 * caplen bytes goes at prod, or at offset 0 when fewer than slot_len
 * bytes remain to the end of the data area, and only if it then ends
 * no further than cons + data_size.  Returns false when it does not
 * fit; else advances *prod past it.
 */
static bool paper_write(const struct pfring_ring_info *in, uint64_t *prod,
			uint64_t cons, uint32_t caplen)
{
	uint32_t bytes = PFRING_POS_BYTES(*prod);
	uint32_t off = bytes & (in->data_size - 1);
	uint32_t skip = in->data_size - off < in->slot_len ? in->data_size - off : 0;
	uint32_t need = skip + PFRING_RECORD_LEN(in->slot_hdr_len, caplen);

	if (bytes - PFRING_POS_BYTES(cons) + need > in->data_size)
		return false;
	*prod = PFRING_POS(PFRING_POS_RECORDS(*prod) + 1, bytes + need);
	return true;
}

/* How many FRAME-byte records fit from prod with the reader at cons. */
static uint32_t paper_fit(const struct pfring_ring_info *in, uint64_t prod,
			  uint64_t cons)
{
	uint32_t n = 0;

	while (paper_write(in, &prod, cons, FRAME))
		n++;
	return n;
}

static uint64_t hdr_prod(const struct kt_ring *r)
{
	return __atomic_load_n(&r->hdr->prod, __ATOMIC_ACQUIRE);
}

static void set_cons(struct kt_ring *r, uint64_t cons)
{
	__atomic_store_n(&r->hdr->cons, cons, __ATOMIC_RELEASE);
}

static uint32_t queued_pkts(const struct kt_ring *r)
{
	uint32_t v = ~0U;
	socklen_t len = sizeof(v);

	KT_REQUIRE(!getsockopt(r->fd, SOL_PF_RING, SO_GET_NUM_QUEUED_PKTS, &v,
			       &len), "SO_GET_NUM_QUEUED_PKTS: %s", strerror(errno));
	return v;
}

/* Reads n records: frames first .. first + n - 1, byte-exact. */
static void read_frames(struct kt_ring *r, uint32_t first, uint32_t n,
			const char *what)
{
	uint8_t want[FRAME];
	const struct pfring_slot *s;

	for (uint32_t i = 0; i < n; i++) {
		s = kt_ring_next(r);
		KT_REQUIRE(s, "%s: record %u of %u missing", what, i, n);
		kt_frame(want, first + i, FRAME);
		KT_CHECK(seq_of(s) == first + i && s->caplen == FRAME &&
			 s->len == FRAME && !memcmp(s + 1, want, FRAME),
			 "%s: record %u holds seq %u caplen %u len %u, want seq %u byte-exact",
			 what, i, seq_of(s), s->caplen, s->len, first + i);
	}
	KT_CHECK(!kt_ring_next(r), "%s: more than %u records", what, n);
	KT_CHECK(r->cons == hdr_prod(r), "%s: read up to %#llx, prod %#llx", what,
		 (unsigned long long)r->cons, (unsigned long long)hdr_prod(r));
	/* Release the last one too. */
	set_cons(r, r->cons);
}

int main(void)
{
	struct kt_ring r;
	struct pfring_stats st;
	uint64_t sent = 0, want_recv = 0, want_drop = 0, want_bad = 0;
	uint64_t prod, pos;
	uint8_t frame[FRAME];
	uint32_t i, fit;
	int tx;

	kt_private_netns();
	kt_veth("va", "vb");
	tx = kt_tx_open("va");
	kt_ring_open(&r, "vb", BUCKET, SLOTS);
	/*
	 * slot_len = PFRING_RECORD_LEN(96, 128) = 224; 16 of them plus the
	 * 208 bytes an end may waste: 3792 bytes, so data_size 4096, and
	 * (4096 - 224 + 16) / 224 = 17 full-size records always fit.
	 */
	KT_REQUIRE(r.info.slot_hdr_len == sizeof(struct pfring_slot) &&
		   r.info.bucket_len == BUCKET && r.info.slot_len == 224 &&
		   r.info.data_size == 4096 && r.info.num_slots == 17 &&
		   r.info.slots_offset == 4096 && r.info.mem_size == 8192,
		   "geometry: hdr %u bucket %u slot_len %u data %u num_slots %u off %u mem %llu",
		   r.info.slot_hdr_len, r.info.bucket_len, r.info.slot_len,
		   r.info.data_size, r.info.num_slots, r.info.slots_offset,
		   (unsigned long long)r.info.mem_size);
	KT_REQUIRE(hdr_prod(&r) == 0 && r.hdr->cons == 0, "a new ring is not empty");

	/*
	 * 1. A flood into an empty ring: 160-byte records at 0, 160, ...,
	 *    3840; at 4000 only 96 bytes remain (< slot_len), and skipping
	 *    them would end the record past cons + 4096.  So 25 fit.
	 */
	fit = paper_fit(&r.info, 0, 0);
	KT_CHECK(fit == 25 && fit >= r.info.num_slots, "on paper %u fit", fit);
	for (i = 0; i < FLOOD; i++)
		kt_tx(tx, frame, kt_frame(frame, i, FRAME));
	usleep(200 * 1000);
	sent += FLOOD;
	want_recv += fit;
	want_drop += FLOOD - fit;

	st = kt_ring_stats(&r);
	KT_CHECK(st.recv + st.drop_full == sent,
		 "recv %llu + drop %llu != %llu", (unsigned long long)st.recv,
		 (unsigned long long)st.drop_full, (unsigned long long)sent);
	KT_CHECK(st.recv == want_recv && st.drop_full == want_drop && !st.bad_cons,
		 "flood: recv %llu drop %llu bad_cons %llu, want %llu %llu 0",
		 (unsigned long long)st.recv, (unsigned long long)st.drop_full,
		 (unsigned long long)st.bad_cons, (unsigned long long)want_recv,
		 (unsigned long long)want_drop);
	KT_CHECK(hdr_prod(&r) == PFRING_POS(fit, fit * 160),
		 "flood: prod %#llx", (unsigned long long)hdr_prod(&r));
	KT_CHECK(queued_pkts(&r) == fit, "flood: %u queued, want %u",
		 queued_pkts(&r), fit);
	KT_CHECK(proc_field(r.fd, "Tot Packets") == st.recv &&
		 proc_field(r.fd, "Tot Pkt Lost") == st.drop_full,
		 "/proc disagrees with SO_GET_STATS");
	read_frames(&r, 0, fit, "flood");

	/*
	 * 2. Drained, the ring takes frames again; the first one skips the
	 *    96 bytes at the end and lands at offset 0.
	 */
	prod = hdr_prod(&r);
	for (i = 0; i < 10; i++) {
		kt_tx(tx, frame, kt_frame(frame, FLOOD + i, FRAME));
		KT_REQUIRE(paper_write(&r.info, &prod, r.cons, FRAME), "paper");
	}
	usleep(100 * 1000);
	sent += 10;
	want_recv += 10;
	KT_CHECK(prod == PFRING_POS(fit + 10, fit * 160 + 96 + 10 * 160) &&
		 hdr_prod(&r) == prod, "after drain: prod %#llx, want %#llx",
		 (unsigned long long)hdr_prod(&r), (unsigned long long)prod);
	KT_CHECK((const uint8_t *)kt_ring_at(&r, r.cons, &pos) ==
		 r.mem + r.info.slots_offset, "after drain: record not at offset 0");
	read_frames(&r, FLOOD, 10, "after drain");

	/*
	 * 3. Filled to the last byte: from offset 1600, 15 records up to
	 *    4000, 96 bytes skipped, then 10 from offset 0 end exactly at
	 *    cons + data_size.  Nothing is dropped; the next frame is (a
	 *    cons exactly data_size behind is full, not bad).
	 */
	prod = hdr_prod(&r);
	fit = paper_fit(&r.info, prod, r.cons);
	KT_CHECK(PFRING_POS_BYTES(prod) % r.info.data_size == 1600 && fit == 25,
		 "on paper %u fit from offset %u", fit,
		 PFRING_POS_BYTES(prod) % r.info.data_size);
	for (i = 0; i < fit; i++) {
		kt_tx(tx, frame, kt_frame(frame, 2000 + i, FRAME));
		KT_REQUIRE(paper_write(&r.info, &prod, r.cons, FRAME), "paper");
	}
	usleep(100 * 1000);
	sent += fit;
	want_recv += fit;
	KT_CHECK(PFRING_POS_BYTES(prod) - PFRING_POS_BYTES(r.cons) == r.info.data_size,
		 "on paper the ring is not filled to the last byte");
	KT_CHECK(hdr_prod(&r) == prod, "full ring: prod %#llx, want %#llx",
		 (unsigned long long)hdr_prod(&r), (unsigned long long)prod);
	st = kt_ring_stats(&r);
	KT_CHECK(st.recv == want_recv && st.drop_full == want_drop,
		 "full ring: recv %llu drop %llu, want %llu %llu",
		 (unsigned long long)st.recv, (unsigned long long)st.drop_full,
		 (unsigned long long)want_recv, (unsigned long long)want_drop);
	kt_tx(tx, frame, kt_frame(frame, 2900, FRAME));
	usleep(100 * 1000);
	sent++;
	want_drop++;
	st = kt_ring_stats(&r);
	KT_CHECK(st.drop_full == want_drop && st.bad_cons == 0,
		 "one past full: drop %llu bad_cons %llu, want %llu 0",
		 (unsigned long long)st.drop_full, (unsigned long long)st.bad_cons,
		 (unsigned long long)want_drop);

	/*
	 * A cons more than data_size behind the kernel's prod, or ahead of
	 * it, is refused and counted; the kernel writes nothing.
	 */
	set_cons(&r, PFRING_POS(PFRING_POS_RECORDS(r.cons),
				PFRING_POS_BYTES(prod) - r.info.data_size - 16));
	kt_tx(tx, frame, kt_frame(frame, 3000, FRAME));
	usleep(100 * 1000);
	set_cons(&r, PFRING_POS(PFRING_POS_RECORDS(prod) + 5,
				PFRING_POS_BYTES(prod) + 5 * 160));
	kt_tx(tx, frame, kt_frame(frame, 3001, FRAME));
	usleep(100 * 1000);
	sent += 2;
	want_drop += 2;
	want_bad += 2;
	st = kt_ring_stats(&r);
	KT_CHECK(st.bad_cons == want_bad && st.drop_full == want_drop &&
		 st.recv == want_recv,
		 "bad cons: bad_cons %llu drop %llu recv %llu, want %llu %llu %llu",
		 (unsigned long long)st.bad_cons, (unsigned long long)st.drop_full,
		 (unsigned long long)st.recv, (unsigned long long)want_bad,
		 (unsigned long long)want_drop, (unsigned long long)want_recv);
	KT_CHECK(hdr_prod(&r) == prod, "prod moved on a bad cons");

	/*
	 * The record counter of cons only counts queued packets: a made-up
	 * one is capped at data_size / sizeof(struct pfring_slot).
	 */
	set_cons(&r, PFRING_POS(PFRING_POS_RECORDS(r.cons) - 1000000,
				PFRING_POS_BYTES(r.cons)));
	KT_CHECK(queued_pkts(&r) == r.info.data_size / sizeof(struct pfring_slot),
		 "cons 1000000 records behind: %u queued", queued_pkts(&r));
	set_cons(&r, PFRING_POS(PFRING_POS_RECORDS(prod) + 1, PFRING_POS_BYTES(r.cons)));
	KT_CHECK(queued_pkts(&r) == r.info.data_size / sizeof(struct pfring_slot),
		 "cons 1 record ahead: %u queued", queued_pkts(&r));
	set_cons(&r, r.cons);
	KT_CHECK(queued_pkts(&r) == fit, "full ring: %u queued, want %u",
		 queued_pkts(&r), fit);
	read_frames(&r, 2000, fit, "full ring");

	/* 4. A scribbled prod is not used by the kernel. */
	prod = hdr_prod(&r);
	r.hdr->prod = 0xdeadbeefcafef00dULL;
	memset(r.hdr->pad_prod, 0xa5, sizeof(r.hdr->pad_prod));
	kt_tx(tx, frame, kt_frame(frame, 6000, FRAME));
	usleep(100 * 1000);
	sent++;
	want_recv++;
	KT_REQUIRE(paper_write(&r.info, &prod, r.cons, FRAME), "paper");
	KT_CHECK(hdr_prod(&r) == prod, "kernel used a scribbled prod: %#llx, want %#llx",
		 (unsigned long long)hdr_prod(&r), (unsigned long long)prod);
	read_frames(&r, 6000, 1, "after a scribbled prod");

	st = kt_ring_stats(&r);
	KT_CHECK(st.recv + st.drop_full == sent && st.recv == want_recv &&
		 st.drop_full == want_drop && st.bad_cons == want_bad,
		 "final totals: recv %llu drop %llu bad_cons %llu of %llu sent, want %llu %llu %llu",
		 (unsigned long long)st.recv, (unsigned long long)st.drop_full,
		 (unsigned long long)st.bad_cons, (unsigned long long)sent,
		 (unsigned long long)want_recv, (unsigned long long)want_drop,
		 (unsigned long long)want_bad);
	KT_CHECK(proc_field(r.fd, "Tot Packets") == st.recv &&
		 proc_field(r.fd, "Tot Pkt Lost") == st.drop_full,
		 "/proc disagrees with SO_GET_STATS at the end");

	kt_ring_close(&r);
	close(tx);
	return kt_done("flood");
}
