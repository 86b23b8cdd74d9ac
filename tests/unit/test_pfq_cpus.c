// SPDX-License-Identifier: GPL-2.0
/* pfqueues: CPU lists and masks as the kernel writes and reads them. */
#include <errno.h>
#include <string.h>

#include "check_main.h"
#include "cpus.h"

static struct pfq_cpus set_of(const unsigned int *cpus, unsigned int n)
{
	struct pfq_cpus s;
	unsigned int i;

	pfq_cpus_clear(&s);
	for (i = 0; i < n; i++)
		pfq_cpus_add(&s, cpus[i]);
	return s;
}

START_TEST(ordered_lists)
{
	unsigned int cpus[8], n;

	ck_assert_int_eq(pfq_cpus_parse_list_ordered("3,1,4-6", cpus, 8, &n), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(cpus[0], 3);
	ck_assert_uint_eq(cpus[1], 1);
	ck_assert_uint_eq(cpus[4], 6);
	ck_assert_int_eq(pfq_cpus_parse_list_ordered("0-1\n", cpus, 8, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(pfq_cpus_parse_list_ordered("0-8", cpus, 8, &n),
			 -ERANGE);
	ck_assert_int_eq(pfq_cpus_parse_list_ordered("4096", cpus, 8, &n),
			 -ERANGE);
	ck_assert_int_eq(pfq_cpus_parse_list_ordered("99999999999999999999",
						     cpus, 8, &n), -ERANGE);
	ck_assert_int_eq(pfq_cpus_parse_list_ordered("4095", cpus, 8, &n), 0);
}
END_TEST

static const char *const bad_lists[] = {
	"", ",", "1,", ",1", "1,,2", "3-1", "1-", "-1", "a", "1 2", "1,1",
	"0-2,1", "1\n\n", "+1", "0x1",
};

START_TEST(bad_list)
{
	unsigned int cpus[8], n;

	ck_assert_msg(pfq_cpus_parse_list_ordered(bad_lists[_i], cpus, 8, &n)
		      == -EINVAL, "'%s'", bad_lists[_i]);
}
END_TEST

START_TEST(list_round_trip)
{
	static const unsigned int c[] = { 0, 2, 3, 4, 7, 63, 64, 65, 4095 };
	struct pfq_cpus s = set_of(c, 9), t;
	char buf[64];

	ck_assert_uint_eq(pfq_cpus_format_list(&s, buf, sizeof(buf)),
			  strlen("0,2-4,7,63-65,4095"));
	ck_assert_str_eq(buf, "0,2-4,7,63-65,4095");
	ck_assert_int_eq(pfq_cpus_parse_list(buf, &t), 0);
	ck_assert(pfq_cpus_equal(&s, &t));
	/* Too small a buffer: cut, terminated, the length still counted. */
	ck_assert_uint_eq(pfq_cpus_format_list(&s, buf, 5), 18);
	ck_assert_str_eq(buf, "0,2-");
	pfq_cpus_clear(&s);
	ck_assert_uint_eq(pfq_cpus_format_list(&s, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(pfq_cpus_parse_list("\n", &t), 0);
	ck_assert(pfq_cpus_empty(&t));
}
END_TEST

START_TEST(masks)
{
	static const unsigned int c[] = { 0, 1, 3, 35 };
	struct pfq_cpus s, want = set_of(c, 4);
	char buf[1200];

	/* sysfs writes every group of 32 bits, with leading zeros. */
	ck_assert_int_eq(pfq_cpus_parse_mask("00000008,0000000b\n", &s), 0);
	ck_assert(pfq_cpus_equal(&s, &want));
	ck_assert_int_eq(pfq_cpus_parse_mask("8,b", &s), 0);
	ck_assert(pfq_cpus_equal(&s, &want));
	ck_assert_int_eq(pfq_cpus_parse_mask("0", &s), 0);
	ck_assert(pfq_cpus_empty(&s));
	ck_assert_int_eq(pfq_cpus_parse_mask("00000000,00000000", &s), 0);
	ck_assert(pfq_cpus_empty(&s));
	ck_assert_int_eq(pfq_cpus_parse_mask("F", &s), 0);
	ck_assert(pfq_cpus_has(&s, 3) && !pfq_cpus_has(&s, 4));

	ck_assert_uint_eq(pfq_cpus_format_mask(&want, buf, sizeof(buf)), 10);
	ck_assert_str_eq(buf, "8,0000000b");
	pfq_cpus_clear(&s);
	pfq_cpus_format_mask(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0");
	pfq_cpus_add(&s, 4095);
	pfq_cpus_format_mask(&s, buf, sizeof(buf));
	ck_assert_uint_eq(strlen(buf), 8 + 127 * 9);
	ck_assert_int_eq(pfq_cpus_parse_mask(buf, &want), 0);
	ck_assert(pfq_cpus_equal(&s, &want));

	ck_assert_int_eq(pfq_cpus_parse_mask("", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask("x", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask(",1", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask("1,,2", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask("1,", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask("100000000", &s), -EINVAL);
	ck_assert_int_eq(pfq_cpus_parse_mask("1,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000,00000000,00000000,00000000,00000000,"
		"00000000,00000000", &s), -ERANGE);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("pfqueues_cpus");
	TCase *tc = tcase_create("cpus");

	tcase_add_test(tc, ordered_lists);
	tcase_add_loop_test(tc, bad_list, 0,
			    sizeof(bad_lists) / sizeof(bad_lists[0]));
	tcase_add_test(tc, list_round_trip);
	tcase_add_test(tc, masks);
	suite_add_tcase(s, tc);
	return s;
}
