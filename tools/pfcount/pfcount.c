// SPDX-License-Identifier: GPL-2.0
/*
 * pfcount: counts the packets of a device through libpfring and reports
 * rates once a second; with -m, one thread per receive queue.  See
 * pfcount.8.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#include "cli.h"
#include "pfcount.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pfcount [-i device] [-l caplen] [-w watermark] [-g core[:core...]]\n"
		"               [-e direction] [-c count] [-d seconds] [-b burst] [-m] [-v]\n"
		"               [-a] [-q]\n"
		"  -i device     device to capture from (eth0, eth0@1, eth0@0-3, any);\n"
		"                default: the first device that is up\n"
		"  -l caplen     bytes captured per packet (default %d)\n"
		"  -w watermark  packets queued before a sleeping reader wakes up\n"
		"  -g cores      run the capture on this CPU core (and take its ring\n"
		"                from the core's NUMA node); with -m, the thread\n"
		"                and ring of queue n on the n-th core of the list\n"
		"  -e direction  0: rx and tx, 1: rx only, 2: tx only\n"
		"  -c count      stop after count packets (all queues together)\n"
		"  -d seconds    stop after this many seconds\n"
		"  -b burst      read up to burst packets a call (pfring_recv_burst(),\n"
		"                1-255); not with -v\n"
		"  -m            multi-queue: one ring and one thread per receive\n"
		"                queue (software queues when the device has them)\n"
		"  -v            print every packet\n"
		"  -a            active wait: poll the ring without sleeping\n"
		"  -q            no per-second statistics\n",
		DEFAULT_CAPLEN);
}

/* "3" or "0:2:4" (ntop's separator); each core one this process may use. */
static void parse_cores(const char *arg, struct options *o)
{
	char buf[512], *tok, *save = NULL;
	cpu_set_t allowed;

	if (strlen(arg) >= sizeof(buf) || !*arg || arg[strlen(arg) - 1] == ':')
		cli_bad_usage("-g: invalid core list '%s'", arg);
	snprintf(buf, sizeof(buf), "%s", arg);
	CPU_ZERO(&allowed);
	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		CPU_ZERO(&allowed);
	o->ncores = 0;
	for (tok = strtok_r(buf, ":", &save); tok;
	     tok = strtok_r(NULL, ":", &save)) {
		if (o->ncores == MAX_NUM_RX_CHANNELS)
			cli_bad_usage("-g: more than %d cores", MAX_NUM_RX_CHANNELS);
		o->cores[o->ncores] = (unsigned int)cli_parse_num(tok, "-g", 0,
							      CPU_SETSIZE - 1);
		if (!CPU_ISSET(o->cores[o->ncores], &allowed))
			cli_bad_usage("-g: core %u is not available to this process",
				  o->cores[o->ncores]);
		o->ncores++;
	}
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->caplen = DEFAULT_CAPLEN;
	o->watermark = o->direction = -1;
	opterr = 0;
	while ((c = getopt(argc, argv, ":i:l:w:g:e:c:d:b:mvaqh")) != -1) {
		switch (c) {
		case 'i':
			o->device = optarg;
			break;
		case 'l':
			o->caplen = (u_int32_t)cli_parse_num(optarg, "-l", 1,
						 PFRING_MAX_BUCKET_LEN);
			break;
		case 'w':
			o->watermark = (long)cli_parse_num(optarg, "-w", 1,
						       UINT16_MAX);
			break;
		case 'g':
			parse_cores(optarg, o);
			break;
		case 'e':
			o->direction = (long)cli_parse_num(optarg, "-e", 0, 2);
			break;
		case 'c':
			o->count = cli_parse_num(optarg, "-c", 1, UINT64_MAX);
			break;
		case 'd':
			o->duration = cli_parse_num(optarg, "-d", 1, INT_MAX);
			break;
		case 'b':
			o->burst = (u_int8_t)cli_parse_num(optarg, "-b", 1,
							   UINT8_MAX);
			break;
		case 'm':
			o->multi = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'a':
			o->active_wait = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			cli_bad_usage("option -%c needs a value", optopt);
		default:
			cli_bad_usage("unknown option -%c", optopt);
		}
	}
	if (optind < argc)
		cli_bad_usage("unexpected argument '%s'", argv[optind]);
	if (o->burst && o->verbose)
		cli_bad_usage("-b: bursts carry no parsed headers for -v");
	if (o->ncores > 1 && !o->multi)
		cli_bad_usage("-g: a list of cores needs -m");
	if (o->multi && o->device && strchr(o->device, '@'))
		cli_bad_usage("-m: give the device, not its queues ('%s')",
			  o->device);
}

/* The first device that is up, loopback, queues and "any" aside. */
static char *default_device(void)
{
	pfring_if_t *devs = pfring_findalldevs(), *d;
	char *name = NULL;

	for (d = devs; d; d = d->next) {
		if (d->status == 1 && strcmp(d->name, "lo") &&
		    strcmp(d->name, "any") && !strchr(d->name, '@')) {
			name = strdup(d->name);
			break;
		}
	}
	pfring_freealldevs(devs);
	return name;
}

static void on_signal(int sig)
{
	(void)sig;
	request_stop();
}

/* Captures from device until told to stop; returns the exit status. */
static int run(const struct options *o, const char *device)
{
	struct sigaction sa;
	unsigned int i;
	pthread_t tid;
	int status;

	if (open_workers(o, device))
		return 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (start_stats(o, &tid)) {
		fprintf(stderr, "pfcount: cannot start the statistics thread\n");
		close_workers();
		return 1;
	}
	status = run_workers(o);
	stop_stats(tid);

	fflush(stdout);
	print_totals(o);
	for (i = 0; i < nworkers; i++) {
		if (workers[i].rc >= 0)
			continue;
		fprintf(stderr, "pfcount: %s: capture stopped: %s\n",
			workers[i].name, strerror(workers[i].err));
		status = 1;
	}
	close_workers();
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	char *device;
	int status;

	cli_setup("pfcount", usage);
	parse_options(argc, argv, &o);
	device = o.device ? strdup(o.device) : default_device();
	if (!device) {
		fprintf(stderr, "pfcount: no device is up; choose one with -i\n");
		return 1;
	}
	status = run(&o, device);
	free(device);
	return status;
}
