// SPDX-License-Identifier: LGPL-2.1-or-later
/* pfring_format_numbers(): 1234567.8 -> "1'234'567.80", as ntop's tools. */
#include "pfring_priv.h"

#include <ctype.h>

#define PFR_NUM_MAX	400	/* DBL_MAX has 309 integer digits */

char *pfring_format_numbers(double val, char *buf, u_int buf_len,
			    u_int8_t add_decimals)
{
	char plain[PFR_NUM_MAX], out[PFR_NUM_MAX * 2];
	const char *digits = plain;
	size_t ndigits, i, o = 0;

	if (!buf || buf_len == 0)
		return buf;
	snprintf(plain, sizeof(plain), add_decimals ? "%.2f" : "%.0f", val);
	if (*digits == '-')
		out[o++] = *digits++;
	/* "inf" and "nan" have no digits to group. */
	for (ndigits = 0; isdigit((unsigned char)digits[ndigits]); ndigits++)
		;
	for (i = 0; i < ndigits; i++) {
		if (i > 0 && (ndigits - i) % 3 == 0)
			out[o++] = '\'';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, "%s", digits + ndigits);
	snprintf(buf, buf_len, "%s", out);
	return buf;
}
