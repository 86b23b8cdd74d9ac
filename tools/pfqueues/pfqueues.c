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
#include "cli.h"
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
			o->soft = (long)cli_parse_num(optarg, "--soft", 0,
						  PFQ_MAX_SOFT_QUEUES);
			break;
		case 'f':
			o->flows = (long)cli_parse_num(optarg, "--flows", 0,
						   PFQ_MAX_FLOWS);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			cli_bad_usage("%s needs a value", argv[optind - 1]);
		default:
			cli_bad_usage("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind == argc)
		cli_bad_usage("no device given");
	if (optind + 1 < argc)
		cli_bad_usage("unexpected argument '%s'", argv[optind + 1]);
	o->dev = argv[optind];
	if (o->cpus && !o->spread)
		cli_bad_usage("--cpus goes with --spread");
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
		cli_bad_usage("--cpus: invalid CPU list '%s'", o->cpus);
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

	cli_setup("pfqueues", NULL);

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
