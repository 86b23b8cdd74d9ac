// SPDX-License-Identifier: GPL-2.0
/* The ring consumer walking in-memory ring images. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pfring.h>

#include "check_main.h"
#include "ring_consumer.h"
#include "ring_image.h"

static struct ring_image img;
static struct pfr_ring ring;

static void attach(__u32 num_slots, __u32 bucket_len, __u32 start)
{
	ring_image_init(&img, num_slots, bucket_len, start);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
}

static void teardown(void)
{
	ring_image_free(&img);
}

static __u32 shared_cons(void)
{
	return __atomic_load_n(&img.hdr->cons, __ATOMIC_ACQUIRE);
}

/* Takes the next packet and checks it is the one written at idx. */
static void expect_packet(__u32 idx, __u32 caplen)
{
	struct pfr_pkt pkt;
	__u32 i;

	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_ptr_eq(pkt.slot, ring_image_slot(&img, idx));
	ck_assert_uint_eq(pkt.caplen, caplen);
	ck_assert_uint_eq(pkt.slot->ts_ns, 1000000000ULL * idx + 1000);
	for (i = 0; i < caplen; i++)
		ck_assert_uint_eq(pkt.frame[i], ring_image_byte(idx, i));
}

START_TEST(empty_ring)
{
	struct pfr_pkt pkt;

	attach(16, 128, 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_int_eq(pfr_ring_pending(&ring), 0);
	ck_assert_uint_eq(shared_cons(), 0);
}
END_TEST

START_TEST(one_packet)
{
	struct pfr_pkt pkt;

	attach(16, 128, 0);
	ring_image_produce(&img, 60);
	ck_assert_int_eq(pfr_ring_pending(&ring), 1);
	expect_packet(0, 60);
	/* Handed out, so still the consumer's until the next call. */
	ck_assert_uint_eq(shared_cons(), 0);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), 1);
}
END_TEST

START_TEST(index_wrap_around)
{
	const __u32 start = 0xfffffff0u;
	struct pfr_pkt pkt;
	__u32 idx = start;
	int round, i;

	attach(16, 64, start);
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 10; i++)
			ring_image_produce(&img, 40 + (__u32)i);
		for (i = 0; i < 10; i++, idx++)
			expect_packet(idx, 40 + (__u32)i);
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
		ck_assert_uint_eq(shared_cons(), idx);
	}
	ck_assert_uint_eq(shared_cons(), start + 50);
	ck_assert_uint_eq(shared_cons(), 0x22);
}
END_TEST

START_TEST(full_ring)
{
	struct pfr_pkt pkt;
	__u32 i;

	attach(32, 64, 5);
	for (i = 0; i < 32; i++)
		ring_image_produce(&img, 64);
	ck_assert_int_eq(pfr_ring_pending(&ring), 32);
	for (i = 0; i < 32; i++)
		expect_packet(5 + i, 64);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
	ck_assert_uint_eq(shared_cons(), 5 + 32);

	/* The released slots are the producer's again. */
	for (i = 0; i < 32; i++)
		ring_image_produce(&img, 10);
	for (i = 0; i < 32; i++)
		expect_packet(37 + i, 10);
}
END_TEST

START_TEST(zero_copy_and_batched_release)
{
	struct pfr_pkt pkt, prev;
	__u32 i;

	attach(256, 64, 100);
	for (i = 0; i < 200; i++)
		ring_image_produce(&img, 32);

	ck_assert_int_eq(pfr_ring_next(&ring, &prev), 1);
	for (i = 1; i < PFR_RELEASE_BATCH; i++) {
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
		/* Nothing released yet, the previous packet is untouched. */
		ck_assert_uint_eq(shared_cons(), 100);
		ck_assert_uint_eq(prev.frame[0], ring_image_byte(99 + i, 0));
		prev = pkt;
	}
	/* The call after a full batch releases it, not the packet it returns. */
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), 100 + PFR_RELEASE_BATCH);
	ck_assert_ptr_eq(pkt.slot, ring_image_slot(&img, 100 + PFR_RELEASE_BATCH));

	pfr_ring_release(&ring);
	ck_assert_uint_eq(shared_cons(), 100 + PFR_RELEASE_BATCH + 1);

	/* Draining: everything goes back once the consumer catches up. */
	while (pfr_ring_next(&ring, &pkt) == 1)
		;
	ck_assert_uint_eq(shared_cons(), 300);
}
END_TEST

START_TEST(small_ring_releases_sooner)
{
	struct pfr_pkt pkt;
	int i;

	attach(16, 64, 0);
	for (i = 0; i < 12; i++)
		ring_image_produce(&img, 8);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	/* A quarter of 16 slots: the fifth call released the first four. */
	ck_assert_uint_eq(shared_cons(), 4);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(shared_cons(), 8);
}
END_TEST

START_TEST(prod_read_only_when_empty)
{
	struct pfr_pkt pkt;

	attach(16, 64, 0);
	ring_image_produce(&img, 8);
	ring_image_produce(&img, 8);
	ring_image_produce(&img, 8);
	expect_packet(0, 8);
	/* The cached index still covers two packets: no new read of prod. */
	img.hdr->prod = 1000;
	expect_packet(1, 8);
	expect_packet(2, 8);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
}
END_TEST

START_TEST(corrupt_prod_rejected)
{
	struct pfr_pkt pkt;

	attach(16, 64, 50);
	/* More unreleased slots than the ring has. */
	img.hdr->prod = 50 + 17;
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
	ck_assert_uint_eq(shared_cons(), 50);

	/* Exactly full is fine. */
	img.hdr->prod = 50 + 16;
	ck_assert_int_eq(pfr_ring_pending(&ring), 16);
}
END_TEST

START_TEST(prod_moving_backwards_rejected)
{
	struct pfr_pkt pkt;
	int i;

	attach(16, 64, 50);
	for (i = 0; i < 5; i++)
		ring_image_produce(&img, 8);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	/* Behind packets already handed out but not yet released. */
	img.hdr->prod = 53;
	ck_assert_int_eq(pfr_ring_pending(&ring), -EPROTO);
	/* Behind the released consumer index. */
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), -EPROTO);
	ck_assert_uint_eq(shared_cons(), 55);
	img.hdr->prod = 55;
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 0);
}
END_TEST

START_TEST(corrupt_prod_at_attach)
{
	ring_image_init(&img, 16, 64, 0);
	img.hdr->prod = 100;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
}
END_TEST

START_TEST(caplen_clamped_to_bucket_len)
{
	struct pfr_pkt pkt;

	attach(16, 128, 0);
	ring_image_produce(&img, 100000);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(pkt.caplen, 128);
	ring_image_produce(&img, 129);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(pkt.caplen, 128);
	ring_image_produce(&img, 128);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_uint_eq(pkt.caplen, 128);
}
END_TEST

START_TEST(pending_count)
{
	struct pfr_pkt pkt;
	int i;

	attach(64, 64, 0);
	for (i = 0; i < 10; i++)
		ring_image_produce(&img, 8);
	ck_assert_int_eq(pfr_ring_pending(&ring), 10);
	ck_assert_int_eq(pfr_ring_next(&ring, &pkt), 1);
	ck_assert_int_eq(pfr_ring_pending(&ring), 9);
}
END_TEST

/* Attaching must refuse headers that do not describe a sane ring. */
START_TEST(bad_headers_refused)
{
	struct pfring_ring_info good;

	ring_image_init(&img, 16, 64, 0);
	good = img.hdr->info;

	img.hdr->info.magic = 0x12345678;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->info = good;
	img.hdr->info.version = PFRING_RING_VERSION + 1;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EPROTO);
	img.hdr->info = good;
	img.hdr->info.num_slots = 12;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.num_slots = 0;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slot_hdr_len = 64;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.bucket_len = good.slot_len;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slot_len = 8;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.num_slots = 32;	/* slots beyond mem_size */
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	img.hdr->info.slots_offset = 64;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), -EINVAL);
	img.hdr->info = good;
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size - 1),
			 -EINVAL);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, 100), -EINVAL);
	ck_assert_int_eq(pfr_ring_attach(&ring, img.mem, img.size), 0);
}
END_TEST

START_TEST(version_message_names_older_side)
{
	struct pfring_ring_info info;
	char msg[200];

	memset(&info, 0, sizeof(info));
	info.version = PFRING_RING_VERSION;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)), 0);

	info.version = PFRING_RING_VERSION + 1;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)),
			 PF_RING_ERROR_INVALID_LIB_VERSION);
	ck_assert_ptr_nonnull(strstr(msg, "library (ring version 1) is older than the pf_ring module (ring version 2)"));
	ck_assert_ptr_nonnull(strstr(msg, "rebuild the library"));

	info.version = PFRING_RING_VERSION - 1;
	ck_assert_int_eq(pfr_ring_check_version(&info, msg, sizeof(msg)),
			 PF_RING_ERROR_INVALID_LIB_VERSION);
	ck_assert_ptr_nonnull(strstr(msg, "pf_ring module (ring version 0) is older than the library (ring version 1)"));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ring_consumer");
	TCase *tc = tcase_create("walk");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, empty_ring);
	tcase_add_test(tc, one_packet);
	tcase_add_test(tc, index_wrap_around);
	tcase_add_test(tc, full_ring);
	tcase_add_test(tc, zero_copy_and_batched_release);
	tcase_add_test(tc, small_ring_releases_sooner);
	tcase_add_test(tc, prod_read_only_when_empty);
	tcase_add_test(tc, corrupt_prod_rejected);
	tcase_add_test(tc, prod_moving_backwards_rejected);
	tcase_add_test(tc, corrupt_prod_at_attach);
	tcase_add_test(tc, caplen_clamped_to_bucket_len);
	tcase_add_test(tc, pending_count);
	tcase_add_test(tc, bad_headers_refused);
	tcase_add_test(tc, version_message_names_older_side);
	suite_add_tcase(s, tc);
	return s;
}
