// SPDX-License-Identifier: GPL-2.0
/* pfring_open() device names: devices, "any" and RX queue selections. */
#include <errno.h>
#include <string.h>

#include "check_main.h"
#include "devname.h"

struct good_case {
	const char *spec;
	const char *ifname;
	int any;
	__u64 mask;
};

static const struct good_case good[] = {
	{ "eth0", "eth0", 0, 0 },
	{ "any", "any", 1, 0 },
	{ "eth0@2", "eth0", 0, 1ULL << 2 },
	{ "eth0@0-3", "eth0", 0, 0xf },
	{ "eth0@1,3", "eth0", 0, 0xa },
	{ "eth0@0-1,4-5", "eth0", 0, 0x33 },
	{ "eth0@3-3", "eth0", 0, 0x8 },
	{ "eth0@5,1,5", "eth0", 0, 0x22 },
	{ "eth0@007", "eth0", 0, 0x80 },
	{ "eth0@63", "eth0", 0, 1ULL << 63 },
	{ "eth0@0-63", "eth0", 0, ~0ULL },
	{ "enp0s31f6.100", "enp0s31f6.100", 0, 0 },
	{ "abcdefghijklmno", "abcdefghijklmno", 0, 0 },	/* 15 characters */
	{ "anyx", "anyx", 0, 0 },
	{ "veth-a_b", "veth-a_b", 0, 0 },
};

START_TEST(good_names)
{
	const struct good_case *c = &good[_i];
	struct pfr_devname d;

	ck_assert_msg(pfr_devname_parse(c->spec, &d) == 0, "%s", c->spec);
	ck_assert_str_eq(d.ifname, c->ifname);
	ck_assert_int_eq(d.any, c->any);
	ck_assert_msg(d.queue_mask == c->mask, "%s: mask %llx", c->spec,
		      (unsigned long long)d.queue_mask);
}
END_TEST

struct bad_case {
	const char *spec;
	int err;
};

static const struct bad_case bad[] = {
	{ "", -EINVAL },
	{ "@1", -EINVAL },
	{ "eth0@", -EINVAL },
	{ "eth0@a", -EINVAL },
	{ "eth0@1-", -EINVAL },
	{ "eth0@-1", -EINVAL },
	{ "eth0@3-1", -EINVAL },
	{ "eth0@1,,2", -EINVAL },
	{ "eth0@1,", -EINVAL },
	{ "eth0@,1", -EINVAL },
	{ "eth0@1x", -EINVAL },
	{ "eth0@1@2", -EINVAL },
	{ "eth0@ 1", -EINVAL },
	{ "eth0@+1", -EINVAL },
	{ "eth0@1-2-3", -EINVAL },
	{ "eth0@64", -ERANGE },
	{ "eth0@1-64", -ERANGE },
	{ "eth0@1,100", -ERANGE },
	{ "eth0@99999999999999999999999999", -ERANGE },
	{ "eth0@4294967297", -ERANGE },
	{ "abcdefghijklmnop", -ENAMETOOLONG },		/* 16 characters */
	{ "abcdefghijklmnopqrstuvwxyz@1", -ENAMETOOLONG },
	{ "eth 0", -EINVAL },
	{ "eth0\t", -EINVAL },
	{ "zc:eth0", -EINVAL },
	{ "a/b", -EINVAL },
	{ ".", -EINVAL },
	{ "..", -EINVAL },
	{ "eth0,eth1", -EOPNOTSUPP },
	{ "eth0,eth1@1", -EOPNOTSUPP },
	{ "any@1", -EINVAL },
};

START_TEST(bad_names)
{
	const struct bad_case *c = &bad[_i];
	struct pfr_devname d;

	ck_assert_msg(pfr_devname_parse(c->spec, &d) == c->err,
		      "\"%s\": got %d, want %d", c->spec,
		      pfr_devname_parse(c->spec, &d), c->err);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("devname");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, good_names, 0,
			    (int)(sizeof(good) / sizeof(good[0])));
	tcase_add_loop_test(tc, bad_names, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	suite_add_tcase(s, tc);
	return s;
}
