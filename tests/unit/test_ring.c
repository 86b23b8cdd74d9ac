// SPDX-License-Identifier: GPL-2.0
/* The ring consumer walking in-memory ring images. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pfring.h>

#include "check_main.h"
#include "ring_consumer.h"
#include "ring_image.h"

static struct ring_image img;
static struct pfr_ring ring;

static void attach(__u32 min_slots, __u32 bucket_len, __u64 start)
{
	ring_image_init(&img, min_slots, bucket_len, start);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
}

static void teardown(void)
{
	ring_image_free(&img);
}

static __u64 shared_cons(void)
{
	return __atomic_load_n(&img.hdr->cons, __ATOMIC_ACQUIRE);
}

static void produce(__u32 caplen)
{
	ck_assert_int_eq(ring_image_produce(&img, caplen), 1);
}

static size_t offset_of(const struct pfring_slot *s)
{
	return (size_t)((const unsigned char *)s - img.data);
}

/* Checks pkt is the record_th packet written, header and frame. */
static void check_record(const struct pfr_pkt *pkt, __u32 record,
			 __u32 caplen)
{
	const struct pfring_slot *s = pkt->slot;
	__u32 i;

	ck_assert_ptr_eq(pkt->frame, (const unsigned char *)(s + 1));
	ck_assert_uint_le(offset_of(s) + sizeof(*s) + caplen, img.data_size);
	ck_assert_uint_eq(pkt->caplen, caplen);
	ck_assert_uint_eq(s->caplen, caplen);
	ck_assert_uint_eq(s->len, caplen + 4);
	ck_assert_uint_eq(s->ts_ns, ring_image_ts(record));
	ck_assert_int_eq(s->ifindex, (__s32)record);
	ck_assert_uint_eq(s->hash, ~record);
	for (i = 0; i < caplen; i++)
		ck_assert_uint_eq(pkt->frame[i], ring_image_byte(record, i));
}

/* Takes the next packet: the record_th written, of caplen bytes, at off. */
static void expect_at(__u32 record, __u32 caplen, __u32 off)
{
	struct pfr_pkt pkt;

	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(offset_of(pkt.slot), off);
	check_record(&pkt, record, caplen);
}

/*
 * Small test rings.  Bucket 64: records of at most 160 bytes; for 4 of
 * them the module wants 4 * 160 + 144 = 784 bytes, so 1024, which always
 * holds (1024 - 160 + 16) / 160 = 5 of them.
 */
#define B64_SLOTS	4
#define B64		64
#define B64_SLOT_LEN	160
#define B64_DATA	1024

START_TEST(geometry_as_the_module_sizes_it)
{
	static const struct {
		__u32 min_slots, bucket_len;
		__u32 slot_len, data_size, num_slots;
	} c[] = {
		{ B64_SLOTS, B64, B64_SLOT_LEN, B64_DATA, 5 },
		{ 16, 128, 224, 4096, 17 },
		/* 16 * 1632 + 1616 = 27728 */
		{ 16, PFRING_DEFAULT_BUCKET_LEN, 1632, 32768, 19 },
		/* 4 * 208 + 192 is 1024 exactly: no doubling. */
		{ 4, 112, 208, 1024, 4 },
		/* 208 too: the slot length is the rounded record length. */
		{ 4, 97, 208, 1024, 4 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ring_image_init(&img, c[i].min_slots, c[i].bucket_len, 0);
		ck_assert_uint_eq(img.hdr->info.slot_len, c[i].slot_len);
		ck_assert_uint_eq(img.hdr->info.data_size, c[i].data_size);
		ck_assert_uint_eq(img.hdr->info.num_slots, c[i].num_slots);
		ck_assert_uint_eq(img.hdr->info.mem_size,
				  IMG_SLOTS_OFFSET + c[i].data_size);
		ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
		ring_image_free(&img);
	}
}
END_TEST

START_TEST(empty_ring)
{
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_int_eq(pfr_ring_pending(&ring), 0);
	ck_assert_uint_eq(shared_cons(), 0);
}
END_TEST

START_TEST(one_packet)
{
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, 0);
	produce(60);
	ck_assert_int_eq(pfr_ring_pending(&ring), 1);
	expect_at(0, 60, 0);
	/* Handed out, so still the consumer's until the next call. */
	ck_assert_uint_eq(shared_cons(), 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	/* One record: 96 + 60 bytes, rounded to 160. */
	ck_assert_uint_eq(shared_cons(), PFRING_POS(1, 160));
}
END_TEST

/* Each record takes its own length, rounded to 16, and no more. */
START_TEST(records_packed_back_to_back)
{
	static const __u32 caplen[] = { 0, 1, 15, 16, 17, B64, 40 };
	static const __u32 off[] = { 0, 96, 208, 320, 432, 560, 720 };
	struct pfr_pkt pkt;
	__u32 i;

	attach(B64_SLOTS, B64, 0);
	for (i = 0; i < 7; i++)
		produce(caplen[i]);
	/* More than the 5 full-size records the ring promises. */
	ck_assert_int_eq(pfr_ring_pending(&ring), 7);
	for (i = 0; i < 7; i++)
		expect_at(i, caplen[i], off[i]);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(7, 864));
}
END_TEST

/*
 * A record starts where the longest one would fit: at 864 exactly 160
 * bytes remain, so it goes there; at 1008 the 16 left are skipped, and
 * they count against the room like any other bytes.
 */
START_TEST(end_skip_exact_boundary)
{
	struct pfr_pkt pkt;
	__u32 i;

	attach(B64_SLOTS, B64, 0);
	for (i = 0; i < 7; i++)
		produce(48);		/* 144 bytes each */
	ck_assert_uint_eq(img.prod, PFRING_POS(7, 1008));
	/* 16 skipped + 144 from 1008 would end 144 past the consumer. */
	ck_assert_int_eq(ring_image_produce(&img, 48), 0);
	expect_at(0, 48, 0);
	pfr_ring_release(&ring);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(1, 144));
	produce(48);

	for (i = 1; i < 7; i++)
		expect_at(i, 48, i * 144);
	expect_at(7, 48, 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(8, 1008 + 16 + 144));
}
END_TEST

/*
 * A record ending exactly at the end of the area leaves offset 0 for
 * the next with nothing skipped; the last frame byte is the last byte of
 * the mapping.
 */
START_TEST(record_ends_at_area_end)
{
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, PFRING_POS(0, B64_DATA - B64_SLOT_LEN));
	produce(B64);
	produce(B64);
	ck_assert_ptr_eq(img.data + img.data_size,
			 (unsigned char *)img.mem + img.size);
	expect_at(0, B64, B64_DATA - B64_SLOT_LEN);
	expect_at(1, B64, 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(2, B64_DATA + B64_SLOT_LEN));
}
END_TEST

/*
 * No record is looked for where the longest would not fit: with 16
 * bytes left, a header there would run past the mapping.
 */
START_TEST(short_end_never_read)
{
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, PFRING_POS(0, B64_DATA - 16));
	produce(B64);
	ck_assert_int_eq(pfr_ring_pending(&ring), 1);
	expect_at(0, B64, 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(),
			  PFRING_POS(1, B64_DATA + B64_SLOT_LEN));
}
END_TEST

static __u32 lcg(__u32 *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

struct sent {
	__u32 record, caplen, off;
	__u64 end;	/* position after the record */
};

/*
 * Bursts of random lengths written and read over many laps of the area,
 * from positions about to wrap.  Every record must be where the producer
 * put it, skip included, and untouched while handed out; every released
 * position must be a record boundary the producer accepts.
 */
START_TEST(skips_across_laps)
{
	static struct sent q[64];
	__u32 seed = 1, head = 0, tail = 0, skips = 0, laps;
	__u64 start = PFRING_POS(0xfffffff0u, 0xfffff340u);
	__u64 handed = start, bytes = 0;
	struct pfr_pkt pkt, last = { 0 };
	__u32 last_record = 0, i, n;
	int have_last = 0;

	attach(6, 100, start);
	ck_assert_uint_eq(img.slot_len, 208);
	ck_assert_uint_eq(img.data_size, 2048);

	while (bytes < 12ULL * img.data_size) {
		n = 1 + lcg(&seed) % 12;
		for (i = 0; i < n; i++) {
			__u32 caplen = lcg(&seed) % (img.bucket_len + 1);
			__u64 before = img.prod;
			__u32 end = PFRING_POS_BYTES(before) & (img.data_size - 1);
			struct sent *s = &q[tail % 64];

			if (!ring_image_produce(&img, caplen))
				break;
			ck_assert_uint_lt(tail - head, 64);
			s->record = PFRING_POS_RECORDS(before);
			s->caplen = caplen;
			/* The previous record ended at end: is slot_len left? */
			s->off = img.data_size - end < img.slot_len ? 0 : end;
			s->end = img.prod;
			skips += s->off != end;
			bytes += PFRING_POS_BYTES(img.prod) -
				 PFRING_POS_BYTES(before);
			tail++;
		}
		/* The producer kept off the packet still handed out. */
		if (have_last)
			check_record(&last, last_record, last.caplen);

		n = lcg(&seed) % 10;
		for (i = 0; i < n; i++) {
			int rc = pfr_ring_next(&ring, &pkt);

			if (head == tail) {
				ck_assert_int_eq(rc, 0);
				have_last = 0;
				break;
			}
			ck_assert_int_eq(rc, 1);
			ck_assert_uint_eq(offset_of(pkt.slot), q[head % 64].off);
			check_record(&pkt, q[head % 64].record,
				     q[head % 64].caplen);
			handed = q[head % 64].end;
			last = pkt;
			last_record = q[head % 64].record;
			have_last = 1;
			head++;
		}
		if (lcg(&seed) % 4 == 0) {
			pfr_ring_release(&ring);
			ck_assert_uint_eq(shared_cons(), handed);
			have_last = 0;
		}
	}
	while (head != tail) {
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
		ck_assert_uint_eq(offset_of(pkt.slot), q[head % 64].off);
		check_record(&pkt, q[head % 64].record, q[head % 64].caplen);
		head++;
	}
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), img.prod);
	ck_assert_uint_eq(img.bad_cons, 0);
	/* The walk did go round, and past both counters' wrap. */
	laps = (__u32)(bytes / img.data_size);
	ck_assert_uint_ge(laps, 12);
	ck_assert_uint_ge(skips, laps / 2);
	ck_assert_uint_lt(PFRING_POS_RECORDS(img.prod), 0x1000);
	ck_assert_uint_lt(PFRING_POS_BYTES(img.prod), 0x10000);
}
END_TEST

/*
 * num_slots full-size records fit wherever the ring starts, and the
 * consumer finds them all, whether the first is skipped to 0 or not.
 * It is the worst case: with slot_len 160 (1024 = 6 * 160 + 64) a start
 * at 0 takes six, one at 96 only five (128 skipped, 96 too short at the
 * start); with 208 (1024 = 4 * 208 + 192) no start wastes a record.
 */
START_TEST(full_size_records_fit_anywhere)
{
	static const __u32 bucket[] = { B64, 112 };
	__u32 b, o, i, num, more, starts;
	struct pfr_pkt pkt;
	int extra;

	for (b = 0; b < 2; b++) {
		more = 0;
		starts = 0;
		for (o = 0; o < B64_DATA; o += PFRING_RECORD_ALIGN, starts++) {
			attach(4, bucket[b], PFRING_POS(3, 5 * B64_DATA + o));
			num = img.hdr->info.num_slots;
			for (i = 0; i < num; i++)
				produce(bucket[b]);
			extra = ring_image_produce(&img, bucket[b]);
			more += (__u32)extra;
			ck_assert_int_eq(pfr_ring_pending(&ring), num + extra);
			for (i = 0; i < num + (__u32)extra; i++) {
				ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
				check_record(&pkt, 3 + i, bucket[b]);
			}
			ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
			ck_assert_uint_eq(shared_cons(), img.prod);
			ring_image_free(&img);
		}
		ck_assert_uint_lt(more, starts);
		if (b == 0)
			ck_assert_uint_gt(more, 0);
		else
			ck_assert_uint_eq(more, 0);
	}
}
END_TEST

/*
 * Both halves of the positions wrap: the record counter after 3
 * records, the byte counter 928 bytes in, exactly where the skip of the
 * end takes it.
 */
START_TEST(counters_wrap)
{
	const __u64 start = PFRING_POS(0xfffffffdu, 0xfffffc60u);
	struct pfr_pkt pkt;
	__u32 i;

	attach(B64_SLOTS, B64, start);
	for (i = 0; i < 5; i++)
		produce(B64);
	ck_assert_int_eq(pfr_ring_pending(&ring), 5);
	for (i = 0; i < 5; i++)
		expect_at(0xfffffffdu + i, B64, 0x60 + i * B64_SLOT_LEN);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(2, 0xffffff80u));

	/* 896: 128 left, skipped; the byte counter wraps on the way. */
	for (i = 0; i < 3; i++)
		produce(B64);
	ck_assert_int_eq(pfr_ring_pending(&ring), 3);
	for (i = 0; i < 3; i++)
		expect_at(2 + i, B64, i * B64_SLOT_LEN);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(5, 3 * B64_SLOT_LEN));
}
END_TEST

START_TEST(full_ring)
{
	struct pfr_pkt pkt;
	__u32 i, n = 0;

	attach(16, B64, PFRING_POS(5, 5 * 112));
	while (ring_image_produce(&img, B64))
		n++;
	ck_assert_uint_ge(n, img.hdr->info.num_slots);
	ck_assert_int_eq(pfr_ring_pending(&ring), n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
		check_record(&pkt, 5 + i, B64);
	}
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), img.prod);

	/* The released bytes are the producer's again. */
	for (i = 0; i < n; i++)
		produce(10);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
		check_record(&pkt, 5 + n + i, 10);
	}
}
END_TEST

/*
 * A 64 KiB area entered at 0xf000: 31 records of 128 bytes fit before
 * the end, the 32nd skips the last 128 and both counters wrap with it.
 */
START_TEST(batched_release_across_wraps)
{
	const __u64 start = PFRING_POS(0xffffffe0u, 0xfffff000u);
	struct pfr_pkt pkt, prev;
	__u32 i;

	attach(256, B64, start);
	ck_assert_uint_eq(img.data_size, 65536);
	ck_assert_uint_eq(ring.batch, PFR_RELEASE_BATCH);
	for (i = 0; i < 200; i++)
		produce(32);

	ck_assert_int_eq(pfr_ring_next(&ring, &prev), 1);
	for (i = 1; i < PFR_RELEASE_BATCH; i++) {
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
		/* Nothing released yet, the previous packet is untouched. */
		ck_assert_uint_eq(shared_cons(), start);
		check_record(&prev, 0xffffffe0u + i - 1, 32);
		prev = pkt;
	}
	ck_assert_uint_eq(offset_of(prev.slot), 32 * 128);
	/* The call after a full batch releases it, not the packet it returns. */
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(0x20, 0x1080));
	ck_assert_uint_eq(offset_of(pkt.slot), 0x1080);
	check_record(&pkt, 0x20, 32);

	pfr_ring_release(&ring);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(0x21, 0x1100));

	/* Draining: everything goes back once the consumer catches up. */
	while (pfr_ring_next(&ring, &pkt) == 1)
		;
	ck_assert_uint_eq(shared_cons(), PFRING_POS(0xa8, 0x5480));
}
END_TEST

START_TEST(small_ring_releases_sooner)
{
	struct pfr_pkt pkt;
	int i;

	attach(16, B64, 0);
	/*
	 * A quarter of the 24 full-size records the ring promises, not of
	 * the 36 records of 112 bytes that fit in it.
	 */
	ck_assert_uint_eq(img.hdr->info.num_slots, 24);
	for (i = 0; i < 12; i++)
		produce(8);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), 0);
	/* The seventh call released the first six. */
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(6, 6 * 112));
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(6, 6 * 112));
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(12, 12 * 112));
}
END_TEST

START_TEST(prod_read_only_when_empty)
{
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, 0);
	produce(8);
	produce(8);
	produce(8);
	expect_at(0, 8, 0);
	/* The cached position still covers two packets: no new read of prod. */
	img.hdr->prod = PFRING_POS(1000, 100000);
	expect_at(1, 8, 112);
	expect_at(2, 8, 224);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
}
END_TEST

/* Records, not bytes nor bytes over slot_len. */
START_TEST(pending_counts_records)
{
	struct pfr_pkt pkt;
	int i;

	/* 16 bytes from the end: the first record is skipped to 0. */
	attach(B64_SLOTS, B64, PFRING_POS(0, B64_DATA - 16));
	for (i = 0; i < 6; i++)
		produce(0);		/* 96 bytes each */
	ck_assert_int_eq(pfr_ring_pending(&ring), 6);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_pending(&ring), 5);
	produce(B64);
	/* Known packets are counted without a new read of prod. */
	ck_assert_int_eq(pfr_ring_pending(&ring), 5);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_pending(&ring), 1);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_pending(&ring), 0);
}
END_TEST

START_TEST(prod_records_behind_handed_out)
{
	struct pfr_pkt pkt;

	/* Three 112-byte records published as one: bytes right, records not. */
	attach(B64_SLOTS, B64, 0);
	produce(8);
	produce(8);
	produce(8);
	img.hdr->prod = PFRING_POS(1, 336);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
}
END_TEST

START_TEST(prod_too_far_ahead)
{
	const __u64 start = PFRING_POS(50, 800);
	struct pfr_pkt pkt;

	attach(B64_SLOTS, B64, start);
	/* More unreleased bytes than the area has. */
	img.hdr->prod = PFRING_POS(53, 800 + B64_DATA + 16);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
	ck_assert_uint_eq(shared_cons(), start);

	/* More records than bytes to hold them. */
	img.hdr->prod = PFRING_POS(50 + 97, 800 + 96);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);

	/* Exactly full is fine, and counted in records. */
	img.hdr->prod = PFRING_POS(53, 800 + B64_DATA);
	ck_assert_int_eq(pfr_ring_pending(&ring), 3);
}
END_TEST

START_TEST(prod_moving_backwards_rejected)
{
	struct pfr_pkt pkt;
	int i;

	attach(16, B64, PFRING_POS(50, 0));
	for (i = 0; i < 5; i++)
		produce(8);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(50, 0));
	/* Behind packets already handed out but not yet released. */
	img.hdr->prod = PFRING_POS(53, 3 * 112);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
	/* Same bytes, records going back. */
	img.hdr->prod = PFRING_POS(54, 5 * 112);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
	/* Behind the released position: what was read goes back first. */
	img.hdr->prod = PFRING_POS(49, 0xfffffff0u);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	ck_assert_uint_eq(shared_cons(), PFRING_POS(55, 5 * 112));
	img.hdr->prod = PFRING_POS(55, 5 * 112);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
}
END_TEST

START_TEST(corrupt_prod_at_attach)
{
	ring_image_init(&img, B64_SLOTS, B64, 0);
	img.hdr->prod = PFRING_POS(3, B64_DATA + 16);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->prod = PFRING_POS(161, 160);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->prod = PFRING_POS(0, 0xfffffff0u);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->prod = PFRING_POS(6, B64_DATA);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
}
END_TEST

/*
 * A caplen over bucket_len is corruption, not a length to clamp: the
 * record would not end where the producer says.  The consumer stays on
 * it and reads nothing past the mapping (the record is the last one).
 */
START_TEST(caplen_over_bucket_rejected)
{
	static const __u32 bad[] = { B64 + 1, 100000, 0xffffffffu,
				     0xffffffffu - 95 };
	struct pfring_slot *s;
	struct pfr_pkt pkt;
	unsigned int i;

	attach(B64_SLOTS, B64, PFRING_POS(0, B64_DATA - B64_SLOT_LEN));
	produce(B64);
	s = ring_image_at(&img, PFRING_POS(0, B64_DATA - B64_SLOT_LEN));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s->caplen = bad[i];
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	}
	s->caplen = B64;
	expect_at(0, B64, B64_DATA - B64_SLOT_LEN);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
}
END_TEST

START_TEST(record_past_prod_rejected)
{
	struct pfring_slot *s;
	struct pfr_pkt pkt;

	/* A caplen within bucket_len, longer than what was published. */
	attach(B64_SLOTS, B64, 0);
	produce(10);				/* 112 bytes */
	s = ring_image_at(&img, 0);
	s->caplen = B64;
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	s->caplen = 17;				/* 128 bytes */
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	s->caplen = 10;
	expect_at(0, 10, 0);
	ring_image_free(&img);

	/* A prod that covers the skip but not the record after it. */
	attach(B64_SLOTS, B64, PFRING_POS(0, B64_DATA - 144));
	produce(0);
	ck_assert_uint_eq(img.prod, PFRING_POS(1, B64_DATA + 96));
	img.hdr->prod = PFRING_POS(1, B64_DATA);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	/* The consumer keeps the bad prod; a new attach reads it again. */
	img.hdr->prod = PFRING_POS(1, B64_DATA + 80);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	img.hdr->prod = img.prod;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
	expect_at(0, 0, 0);
}
END_TEST

/* Attaching must refuse headers that do not describe a sane ring. */
START_TEST(bad_headers_refused)
{
	struct pfring_ring_info good;

	ring_image_init(&img, B64_SLOTS, B64, 0);
	good = img.hdr->info;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);

	img.hdr->info.magic = 0x12345678;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->info = good;
	img.hdr->info.version = PFRING_RING_VERSION + 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	/* Version 1 rings had fixed slots and 32-bit indexes. */
	img.hdr->info = good;
	img.hdr->info.version = PFRING_RING_VERSION - 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);

	/* Offsets are the byte counter masked: a power of two or nothing. */
	img.hdr->info = good;
	img.hdr->info.data_size = 768;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.data_size = 0;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);

	/* slot_len decides where records start: it must be the longest. */
	img.hdr->info = good;
	img.hdr->info.slot_len = good.slot_len + PFRING_RECORD_ALIGN;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slot_len = good.slot_len - PFRING_RECORD_ALIGN;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.bucket_len = good.bucket_len + 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slot_hdr_len = 64;
	img.hdr->info.slot_len = PFRING_RECORD_LEN(64, good.bucket_len);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	/* A longest record bigger than the area. */
	img.hdr->info = good;
	img.hdr->info.bucket_len = 2048;
	img.hdr->info.slot_len = PFRING_RECORD_LEN(good.slot_hdr_len, 2048);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);

	/* The data area must lie within mem_size, and mem_size within the mapping. */
	img.hdr->info = good;
	img.hdr->info.data_size = 2 * good.data_size;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slots_offset = good.slots_offset + PFRING_RECORD_ALIGN;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.mem_size = good.mem_size - 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.mem_size = good.mem_size + 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size - 1),
			 -EINVAL);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, 100), -EINVAL);

	/* Not over the header, and 8-aligned for the slot's __u64. */
	img.hdr->info = good;
	img.hdr->info.slots_offset = 64;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slots_offset = sizeof(struct pfring_ring_hdr) + 4;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);

	img.hdr->info = good;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
}
END_TEST

START_TEST(version_message_names_older_side)
{
	struct pfring_ring_info info;
	char msg[200], want[200];

	memset(&info, 0, sizeof(info));
	info.version = PFRING_RING_VERSION;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)), 0);

	info.version = PFRING_RING_VERSION + 1;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)),
			 PF_RING_ERROR_INVALID_LIB_VERSION);
	snprintf(want, sizeof(want),
		 "library (ring version %u) is older than the pf_ring module (ring version %u)",
		 PFRING_RING_VERSION, PFRING_RING_VERSION + 1);
	ck_assert_ptr_nonnull(strstr(msg, want));
	ck_assert_ptr_nonnull(strstr(msg, "rebuild the library"));

	info.version = PFRING_RING_VERSION - 1;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)),
			 PF_RING_ERROR_INVALID_LIB_VERSION);
	snprintf(want, sizeof(want),
		 "pf_ring module (ring version %u) is older than the library (ring version %u)",
		 PFRING_RING_VERSION - 1, PFRING_RING_VERSION);
	ck_assert_ptr_nonnull(strstr(msg, want));
	ck_assert_ptr_nonnull(strstr(msg, "rebuild the module"));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ring_consumer");
	TCase *walk = tcase_create("walk");
	TCase *bad = tcase_create("corruption");
	TCase *hdr = tcase_create("attach");

	tcase_add_checked_fixture(walk, NULL, teardown);
	tcase_add_test(walk, geometry_as_the_module_sizes_it);
	tcase_add_test(walk, empty_ring);
	tcase_add_test(walk, one_packet);
	tcase_add_test(walk, records_packed_back_to_back);
	tcase_add_test(walk, end_skip_exact_boundary);
	tcase_add_test(walk, record_ends_at_area_end);
	tcase_add_test(walk, short_end_never_read);
	tcase_add_test(walk, skips_across_laps);
	tcase_add_test(walk, full_size_records_fit_anywhere);
	tcase_add_test(walk, counters_wrap);
	tcase_add_test(walk, full_ring);
	tcase_add_test(walk, batched_release_across_wraps);
	tcase_add_test(walk, small_ring_releases_sooner);
	tcase_add_test(walk, prod_read_only_when_empty);
	tcase_add_test(walk, pending_counts_records);
	suite_add_tcase(s, walk);

	tcase_add_checked_fixture(bad, NULL, teardown);
	tcase_add_test(bad, prod_too_far_ahead);
	tcase_add_test(bad, prod_records_behind_handed_out);
	tcase_add_test(bad, prod_moving_backwards_rejected);
	tcase_add_test(bad, corrupt_prod_at_attach);
	tcase_add_test(bad, caplen_over_bucket_rejected);
	tcase_add_test(bad, record_past_prod_rejected);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(hdr, NULL, teardown);
	tcase_add_test(hdr, bad_headers_refused);
	tcase_add_test(hdr, version_message_names_older_side);
	suite_add_tcase(s, hdr);
	return s;
}
