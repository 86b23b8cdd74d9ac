// SPDX-License-Identifier: GPL-2.0
/* pfring_format_numbers(): grouping, decimals, signs, short buffers. */
#include <math.h>
#include <string.h>

#include <pfring.h>

#include "check_main.h"

struct fmt_case {
	double val;
	int decimals;
	const char *want;
};

static const struct fmt_case cases[] = {
	{ 0, 0, "0" },
	{ 7, 0, "7" },
	{ 999, 0, "999" },
	{ 1000, 0, "1'000" },
	{ 12345, 0, "12'345" },
	{ 123456, 0, "123'456" },
	{ 1234567, 0, "1'234'567" },
	{ 1e20, 0, "100'000'000'000'000'000'000" },
	{ 18446744073709551615.0, 0, "18'446'744'073'709'551'616" },
	{ 0, 1, "0.00" },
	{ 0.5, 1, "0.50" },
	{ 1234.5, 1, "1'234.50" },
	{ 999.999, 1, "1'000.00" },
	{ 1234567.891, 1, "1'234'567.89" },
	{ -1, 0, "-1" },
	{ -1234567.891, 1, "-1'234'567.89" },
	{ -999, 0, "-999" },
	{ -1000, 0, "-1'000" },
};

START_TEST(formats)
{
	const struct fmt_case *c = &cases[_i];
	char buf[64];

	ck_assert_ptr_eq(pfring_format_numbers(c->val, buf, sizeof(buf),
					       (u_int8_t)c->decimals), buf);
	ck_assert_str_eq(buf, c->want);
}
END_TEST

START_TEST(short_buffers)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	pfring_format_numbers(1234567, buf, 5, 0);
	ck_assert_str_eq(buf, "1'23");
	ck_assert_int_eq(buf[5], 'x');

	pfring_format_numbers(1234567, buf, 1, 0);
	ck_assert_str_eq(buf, "");

	/* No room at all: nothing written, the buffer still returned. */
	memset(buf, 'x', sizeof(buf));
	ck_assert_ptr_eq(pfring_format_numbers(1, buf, 0, 0), buf);
	ck_assert_int_eq(buf[0], 'x');
	ck_assert_ptr_null(pfring_format_numbers(1, NULL, 10, 0));
}
END_TEST

START_TEST(huge_and_special_values)
{
	char buf[1000];

	pfring_format_numbers(1e308, buf, sizeof(buf), 1);
	ck_assert_uint_eq(strlen(buf), 309 + 102 + 3);
	ck_assert_str_eq(buf + strlen(buf) - 3, ".00");
	pfring_format_numbers(INFINITY, buf, sizeof(buf), 1);
	ck_assert_str_eq(buf, "inf");
	pfring_format_numbers(-INFINITY, buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "-inf");
	pfring_format_numbers(NAN, buf, sizeof(buf), 0);
	ck_assert_ptr_nonnull(strstr(buf, "nan"));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("format_numbers");
	TCase *tc = tcase_create("format");

	tcase_add_loop_test(tc, formats, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, short_buffers);
	tcase_add_test(tc, huge_and_special_values);
	suite_add_tcase(s, tc);
	return s;
}
