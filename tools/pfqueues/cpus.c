// SPDX-License-Identifier: GPL-2.0
/* CPU lists and masks; see cpus.h. */
#include "cpus.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

void pfq_cpus_clear(struct pfq_cpus *s)
{
	memset(s, 0, sizeof(*s));
}

void pfq_cpus_add(struct pfq_cpus *s, unsigned int cpu)
{
	if (cpu < PFQ_MAX_CPUS)
		s->bits[cpu / 64] |= 1ULL << (cpu % 64);
}

int pfq_cpus_has(const struct pfq_cpus *s, unsigned int cpu)
{
	return cpu < PFQ_MAX_CPUS && (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}

int pfq_cpus_empty(const struct pfq_cpus *s)
{
	size_t i;

	for (i = 0; i < sizeof(s->bits) / sizeof(s->bits[0]); i++)
		if (s->bits[i])
			return 0;
	return 1;
}

int pfq_cpus_equal(const struct pfq_cpus *a, const struct pfq_cpus *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* A decimal CPU number at *p, which is advanced past it. */
static int parse_cpu(const char **p, unsigned int *cpu)
{
	unsigned long v = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v >= PFQ_MAX_CPUS)	/* also stops long strings wrapping */
			return -ERANGE;
	}
	*p = s;
	*cpu = (unsigned int)v;
	return 0;
}

int pfq_cpus_parse_list_ordered(const char *text, unsigned int *cpus,
				unsigned int max, unsigned int *n)
{
	unsigned int first, last, c;
	struct pfq_cpus seen;
	const char *p = text;
	int rc;

	pfq_cpus_clear(&seen);
	*n = 0;
	for (;;) {
		rc = parse_cpu(&p, &first);
		if (rc)
			return rc;
		last = first;
		if (*p == '-') {
			p++;
			rc = parse_cpu(&p, &last);
			if (rc)
				return rc;
			if (last < first)
				return -EINVAL;
		}
		for (c = first; c <= last; c++) {
			if (pfq_cpus_has(&seen, c))
				return -EINVAL;
			if (*n == max)
				return -ERANGE;
			pfq_cpus_add(&seen, c);
			cpus[(*n)++] = c;
		}
		if (*p == '\n' && p[1] == '\0')
			p++;
		if (*p == '\0')
			return 0;
		if (*p++ != ',')
			return -EINVAL;
	}
}

int pfq_cpus_parse_list(const char *text, struct pfq_cpus *s)
{
	static unsigned int cpus[PFQ_MAX_CPUS];
	unsigned int n, i;
	int rc;

	pfq_cpus_clear(s);
	if (!strcmp(text, "") || !strcmp(text, "\n"))
		return 0;
	rc = pfq_cpus_parse_list_ordered(text, cpus, PFQ_MAX_CPUS, &n);
	for (i = 0; !rc && i < n; i++)
		pfq_cpus_add(s, cpus[i]);
	return rc;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Groups of up to 8 digits separated by commas, the last one holding
 * CPUs 0-31, as bitmap_parse() reads them.
 */
int pfq_cpus_parse_mask(const char *text, struct pfq_cpus *s)
{
	size_t len = strlen(text);
	unsigned int group = 0, digit = 0, bit;
	int v;

	pfq_cpus_clear(s);
	if (len && text[len - 1] == '\n')
		len--;
	if (!len)
		return -EINVAL;
	while (len--) {
		if (text[len] == ',') {
			if (!digit || !len)
				return -EINVAL;
			group++;
			digit = 0;
			continue;
		}
		v = hex_value(text[len]);
		if (v < 0 || digit == 8)
			return -EINVAL;
		for (bit = group * 32 + digit * 4; v; v >>= 1, bit++) {
			if (!(v & 1))
				continue;
			if (bit >= PFQ_MAX_CPUS)
				return -ERANGE;
			pfq_cpus_add(s, bit);
		}
		digit++;
	}
	return digit ? 0 : -EINVAL;
}

/* snprintf() that keeps counting once buf is full. */
static size_t append(char *buf, size_t len, size_t used, const char *fmt,
		     unsigned int a, unsigned int b)
{
	int n = snprintf(used < len ? buf + used : NULL,
			 used < len ? len - used : 0, fmt, a, b);

	return used + (n > 0 ? (size_t)n : 0);
}

size_t pfq_cpus_format_list(const struct pfq_cpus *s, char *buf, size_t len)
{
	unsigned int c = 0, end;
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	while (c < PFQ_MAX_CPUS) {
		if (!pfq_cpus_has(s, c)) {
			c++;
			continue;
		}
		for (end = c; end + 1 < PFQ_MAX_CPUS &&
			      pfq_cpus_has(s, end + 1); end++)
			;
		if (end == c)
			used = append(buf, len, used, used ? ",%u" : "%u", c, 0);
		else
			used = append(buf, len, used, used ? ",%u-%u" : "%u-%u",
				      c, end);
		c = end + 1;
	}
	return used;
}

size_t pfq_cpus_format_mask(const struct pfq_cpus *s, char *buf, size_t len)
{
	int top = PFQ_MAX_CPUS / 32 - 1, g;
	size_t used = 0;
	uint32_t word;

	if (len)
		buf[0] = '\0';
	while (top > 0 && !(uint32_t)(s->bits[top / 2] >> (top % 2 * 32)))
		top--;
	for (g = top; g >= 0; g--) {
		word = (uint32_t)(s->bits[g / 2] >> (g % 2 * 32));
		used = append(buf, len, used, g == top ? "%x" : ",%08x",
			      word, 0);
	}
	return used;
}
