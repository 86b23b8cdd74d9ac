// SPDX-License-Identifier: GPL-2.0
/*
 * pfqueues: shows and sets where a device's receive queues are handled:
 * interrupt affinity, RPS and flow steering, pf_ring software queues.
 * See pfqueues.8.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "dev.h"
#include "show.h"

/* pf_ring.ko's limit: a bind's queue mask has 64 bits. */
#define PFQ_MAX_SOFT_QUEUES	64
#define PFQ_MAX_FLOWS		(1L << 20)

struct options {
	const char *dev;
	int spread;
	const char *cpus;	/* NULL: the online CPUs */
	long soft;		/* -1: unchanged */
	long flows;		/* -1: unchanged */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pfqueues DEV [--spread [--cpus LIST]] [--soft N] [--flows N]\n"
		"  without options  show where DEV's receive queues are handled\n"
		"  --spread         handle RX queue n on the n-th CPU of the list\n"
		"                   (wrapping): its interrupt there, or RPS when it\n"
		"                   has no interrupt of its own\n"
		"  --cpus LIST      CPUs for --spread, e.g. 0,2-3 (default: all online)\n"
		"  --soft N         pf_ring software queues of DEV, 0-%d (0: none)\n"
		"  --flows N        rps_flow_cnt of each RX queue, 0-%ld\n"
		"  -h, --help       this text\n",
		PFQ_MAX_SOFT_QUEUES, PFQ_MAX_FLOWS);
}

__attribute__((format(printf, 1, 2), noreturn))
static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pfqueues: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (pfqueues -h for help)\n");
	exit(2);
}

static long parse_num(const char *arg, const char *opt, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || errno || *end || v > max)
		bad_usage("%s: invalid value '%s' (0-%ld)", opt, arg, max);
	return v;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "spread", no_argument, NULL, 's' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "soft", required_argument, NULL, 'q' },
		{ "flows", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->soft = o->flows = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o->spread = 1;
			break;
		case 'c':
			o->cpus = optarg;
			break;
		case 'q':
			o->soft = parse_num(optarg, "--soft",
					    PFQ_MAX_SOFT_QUEUES);
			break;
		case 'f':
			o->flows = parse_num(optarg, "--flows", PFQ_MAX_FLOWS);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			bad_usage("%s needs a value", argv[optind - 1]);
		default:
			bad_usage("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind == argc)
		bad_usage("no device given");
	if (optind + 1 < argc)
		bad_usage("unexpected argument '%s'", argv[optind + 1]);
	o->dev = argv[optind];
	if (o->cpus && !o->spread)
		bad_usage("--cpus goes with --spread");
}

/* The --spread CPUs: as listed, each of them online. */
static int spread_cpus(const struct options *o, unsigned int *cpus,
		       unsigned int *n)
{
	static unsigned int online[PFQ_MAX_CPUS];
	unsigned int nonline, i, j;
	int rc;

	rc = pfq_online_cpus("", online, PFQ_MAX_CPUS, &nonline);
	if (rc) {
		fprintf(stderr, "pfqueues: cannot read the online CPUs: %s\n",
			strerror(-rc));
		return 1;
	}
	if (!o->cpus) {
		memcpy(cpus, online, nonline * sizeof(*cpus));
		*n = nonline;
		return 0;
	}
	rc = pfq_cpus_parse_list_ordered(o->cpus, cpus, PFQ_MAX_CPUS, n);
	if (rc)
		bad_usage("--cpus: invalid CPU list '%s'", o->cpus);
	for (i = 0; i < *n; i++) {
		for (j = 0; j < nonline && online[j] != cpus[i]; j++)
			;
		if (j == nonline) {
			fprintf(stderr, "pfqueues: --cpus: CPU %u is not online\n",
				cpus[i]);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static unsigned int cpus[PFQ_MAX_CPUS];
	unsigned int ncpus = 0;
	struct options o;
	struct pfq_dev d;
	int rc, fails = 0;

	parse_options(argc, argv, &o);
	if (o.spread && spread_cpus(&o, cpus, &ncpus))
		return 1;
	rc = pfq_dev_load(&d, "", o.dev);
	if (rc == -ENODEV) {
		fprintf(stderr, "pfqueues: %s: no such device in /sys/class/net "
			"(sysfs shows the network namespace it was mounted in)\n",
			o.dev);
		return 1;
	}
	if (rc) {
		fprintf(stderr, "pfqueues: %s: %s\n", o.dev, strerror(-rc));
		return 1;
	}

	if (!o.spread && o.soft < 0 && o.flows < 0) {
		pfq_show(&d, stdout);
		pfq_dev_free(&d);
		return 0;
	}
	if (o.soft >= 0)
		fails += pfq_set_soft(&d, o.soft, stdout, stderr);
	if (o.spread)
		fails += pfq_spread(&d, cpus, ncpus, stdout, stderr);
	if (o.flows >= 0)
		fails += pfq_set_flows(&d, o.flows, stdout, stderr);
	if (!fails && !pfq_changes)
		printf("%s: nothing to change\n", d.name);
	pfq_dev_free(&d);
	return fails ? 1 : 0;
}
