// SPDX-License-Identifier: GPL-2.0
/* pfring_findalldevs() on the devices of the machine running the tests. */
#include <net/if.h>

#include <pfring.h>

#include "check_main.h"

START_TEST(lists_devices_then_any)
{
	pfring_if_t *list = pfring_findalldevs(), *d, *last = NULL;
	int seen_lo = 0;

	ck_assert_ptr_nonnull(list);
	for (d = list; d; d = d->next) {
		ck_assert_ptr_nonnull(d->name);
		ck_assert_str_eq(d->module, "pf_ring");
		ck_assert(d->status >= -1 && d->status <= 1);
		/* A device's queues follow it: "eth0@0", "eth0@1", ... */
		if (strchr(d->name, '@')) {
			ck_assert_ptr_nonnull(last);
			ck_assert_int_eq(strncmp(d->name, d->system_name,
						 strlen(d->system_name)), 0);
			ck_assert_int_eq(d->name[strlen(d->system_name)], '@');
			ck_assert_int_eq(d->ifindex, last->ifindex);
		} else {
			ck_assert_str_eq(d->system_name, d->name);
		}
		if (d->next) {
			ck_assert_int_eq(d->ifindex,
					 (int)if_nametoindex(d->system_name));
			ck_assert_int_gt(d->ifindex, 0);
		}
		if (!strcmp(d->name, "lo"))
			seen_lo = 1;
		last = d;
	}
	/* Every network namespace has a loopback device. */
	ck_assert(seen_lo);
	ck_assert_str_eq(last->name, "any");
	ck_assert_int_eq(last->ifindex, 0);
	ck_assert_int_eq(last->status, 1);
	pfring_freealldevs(list);
	pfring_freealldevs(NULL);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("findalldevs");
	TCase *tc = tcase_create("list");

	tcase_add_test(tc, lists_devices_then_any);
	suite_add_tcase(s, tc);
	return s;
}
