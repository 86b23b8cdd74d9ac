// SPDX-License-Identifier: LGPL-2.1-or-later
/* Parsing of pfring_open() device names; see devname.h. */
#include "devname.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

/* Reads a decimal queue number at *p, advancing *p past it. */
static int pfr_parse_queue(const char **p, unsigned int *queue)
{
	const char *s = *p;
	unsigned int v = 0;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		v = v * 10 + (unsigned int)(*s - '0');
		/* Stop accumulating early so long digit strings cannot wrap. */
		if (v > PFR_MAX_QUEUE)
			v = PFR_MAX_QUEUE + 1;
	}
	if (v > PFR_MAX_QUEUE)
		return -ERANGE;
	*p = s;
	*queue = v;
	return 0;
}

static int pfr_parse_queue_list(const char *s, __u64 *mask)
{
	unsigned int first, last, q;
	int rc;

	*mask = 0;
	for (;;) {
		rc = pfr_parse_queue(&s, &first);
		if (rc)
			return rc;
		last = first;
		if (*s == '-') {
			s++;
			rc = pfr_parse_queue(&s, &last);
			if (rc)
				return rc;
			if (last < first)
				return -EINVAL;
		}
		for (q = first; q <= last; q++)
			*mask |= 1ULL << q;
		if (*s == '\0')
			return 0;
		if (*s != ',')
			return -EINVAL;
		s++;
	}
}

/* The kernel's rules for interface names (dev_valid_name()). */
static int pfr_check_ifname(const char *name)
{
	const char *c;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	for (c = name; *c; c++) {
		/* ntop's "eth0,eth1" opens several devices: not offered here. */
		if (*c == ',')
			return -EOPNOTSUPP;
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return -EINVAL;
	}
	return 0;
}

int pfr_devname_parse(const char *spec, struct pfr_devname *out)
{
	const char *at = strchr(spec, '@');
	size_t len = at ? (size_t)(at - spec) : strlen(spec);
	int rc;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return -EINVAL;
	if (len >= sizeof(out->ifname))
		return -ENAMETOOLONG;
	memcpy(out->ifname, spec, len);
	rc = pfr_check_ifname(out->ifname);
	if (rc)
		return rc;
	out->any = !strcmp(out->ifname, "any");
	if (!at)
		return 0;
	/* Queues belong to one device; "any" has none to choose from. */
	if (out->any)
		return -EINVAL;
	return pfr_parse_queue_list(at + 1, &out->queue_mask);
}
