// SPDX-License-Identifier: GPL-2.0
/*
 * pfring_open_multichannel() over a fake pfring_open(): which names it
 * opens, what it returns, and that a failure leaves nothing open.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <pfring.h>

#include "check_main.h"

#define MAX_OPENS	80

pfring *__wrap_pfring_open(const char *device_name, u_int32_t caplen,
			   u_int32_t flags);
void __wrap_pfring_close(pfring *ring);
u_int8_t __wrap_pfring_get_num_rx_channels(pfring *ring);

static struct {
	unsigned int queues;		/* what the first ring reports */
	int fail_at;			/* this open fails (0: none) */
	char names[MAX_OPENS][32];	/* opened, in order */
	u_int32_t caplen, flags;
	int opens, open_now;
	char handles[MAX_OPENS];	/* a ring is a pointer into this */
} fo;

pfring *__wrap_pfring_open(const char *device_name, u_int32_t caplen,
			   u_int32_t flags)
{
	ck_assert_int_lt(fo.opens, MAX_OPENS);
	snprintf(fo.names[fo.opens], sizeof(fo.names[0]), "%s", device_name);
	fo.caplen = caplen;
	fo.flags = flags;
	if (++fo.opens == fo.fail_at) {
		errno = ENOMEM;
		return NULL;
	}
	fo.open_now++;
	return (pfring *)&fo.handles[fo.opens - 1];
}

void __wrap_pfring_close(pfring *ring)
{
	ck_assert_ptr_nonnull(ring);
	fo.open_now--;
}

u_int8_t __wrap_pfring_get_num_rx_channels(pfring *ring)
{
	ck_assert_ptr_eq(ring, (pfring *)&fo.handles[0]);
	return (u_int8_t)fo.queues;
}

static pfring *rings[MAX_NUM_RX_CHANNELS];

static void setup(void)
{
	memset(&fo, 0, sizeof(fo));
	memset(rings, 0xa5, sizeof(rings));
}

START_TEST(one_ring_per_queue)
{
	unsigned int q;

	fo.queues = 4;
	ck_assert_uint_eq(pfring_open_multichannel("eth0", 128, PF_RING_PROMISC,
						   rings), 4);
	/* The whole device is opened to count its queues, then closed. */
	ck_assert_int_eq(fo.opens, 5);
	ck_assert_str_eq(fo.names[0], "eth0");
	for (q = 0; q < 4; q++) {
		char want[16];

		snprintf(want, sizeof(want), "eth0@%u", q);
		ck_assert_str_eq(fo.names[q + 1], want);
		ck_assert_ptr_eq(rings[q], (pfring *)&fo.handles[q + 1]);
	}
	ck_assert_int_eq(fo.open_now, 4);
	ck_assert_uint_eq(fo.caplen, 128);
	ck_assert_uint_eq(fo.flags, PF_RING_PROMISC);
}
END_TEST

START_TEST(single_queue_and_any_get_the_whole_device)
{
	fo.queues = 1;
	ck_assert_uint_eq(pfring_open_multichannel("eth1", 64, 0, rings), 1);
	ck_assert_int_eq(fo.opens, 1);
	ck_assert_ptr_eq(rings[0], (pfring *)&fo.handles[0]);
	ck_assert_int_eq(fo.open_now, 1);

	setup();
	fo.queues = 8;		/* never asked: "any" has no queues */
	ck_assert_uint_eq(pfring_open_multichannel("any", 64, 0, rings), 1);
	ck_assert_str_eq(fo.names[0], "any");
	ck_assert_int_eq(fo.opens, 1);
}
END_TEST

START_TEST(capped_at_max_channels)
{
	fo.queues = 200;
	ck_assert_uint_eq(pfring_open_multichannel("eth0", 64, 0, rings),
			  MAX_NUM_RX_CHANNELS);
	ck_assert_str_eq(fo.names[MAX_NUM_RX_CHANNELS], "eth0@63");
	ck_assert_int_eq(fo.open_now, MAX_NUM_RX_CHANNELS);
}
END_TEST

START_TEST(failure_closes_everything)
{
	fo.queues = 4;
	fo.fail_at = 4;		/* eth0@2 */
	errno = 0;
	ck_assert_uint_eq(pfring_open_multichannel("eth0", 64, 0, rings), 0);
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_int_eq(fo.open_now, 0);
	ck_assert_ptr_null(rings[0]);

	setup();
	fo.fail_at = 1;		/* the device itself */
	ck_assert_uint_eq(pfring_open_multichannel("eth0", 64, 0, rings), 0);
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_int_eq(fo.open_now, 0);
	ck_assert_ptr_null(rings[0]);
}
END_TEST

START_TEST(bad_names)
{
	errno = 0;
	ck_assert_uint_eq(pfring_open_multichannel("eth0@1", 64, 0, rings), 0);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_null(rings[0]);
	ck_assert_uint_eq(pfring_open_multichannel("", 64, 0, rings), 0);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_uint_eq(pfring_open_multichannel("a-name-that-is-too-long",
						   64, 0, rings), 0);
	ck_assert_int_eq(errno, ENAMETOOLONG);
	ck_assert_uint_eq(pfring_open_multichannel(NULL, 64, 0, rings), 0);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_uint_eq(pfring_open_multichannel("eth0", 64, 0, NULL), 0);
	ck_assert_int_eq(fo.opens, 0);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("multichannel");
	TCase *tc = tcase_create("fake_open");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, one_ring_per_queue);
	tcase_add_test(tc, single_queue_and_any_get_the_whole_device);
	tcase_add_test(tc, capped_at_max_channels);
	tcase_add_test(tc, failure_closes_everything);
	tcase_add_test(tc, bad_names);
	suite_add_tcase(s, tc);
	return s;
}
