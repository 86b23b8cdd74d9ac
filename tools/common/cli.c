// SPDX-License-Identifier: GPL-2.0
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

static const char *cli_prog = "?";
static void (*cli_usage)(FILE *f);

void cli_setup(const char *prog, void (*usage)(FILE *f))
{
	cli_prog = prog;
	cli_usage = usage;
}

void cli_bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cli_usage) {
		fputc('\n', stderr);
		cli_usage(stderr);
	} else {
		fprintf(stderr, " (%s -h for help)\n", cli_prog);
	}
	exit(2);
}

uint64_t cli_parse_num(const char *arg, const char *opt, uint64_t min,
		       uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*arg >= '0' && *arg <= '9' && !errno && !*end && v >= min &&
	    v <= max)
		return v;
	if (max == UINT64_MAX)
		cli_bad_usage("%s: invalid value '%s' (%llu or more)", opt, arg,
			      (unsigned long long)min);
	cli_bad_usage("%s: invalid value '%s' (%llu-%llu)", opt, arg,
		      (unsigned long long)min, (unsigned long long)max);
}
