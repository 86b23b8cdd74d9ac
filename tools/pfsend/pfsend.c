// SPDX-License-Identifier: GPL-2.0
/*
 * pfsend: transmits generated UDP flows or a pcap file through a PF_RING
 * socket (libpfring's pfring_send), at full speed or at a given rate,
 * with a live rate line.  See pfsend.8.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pfring.h>

#include "cli.h"
#include "packets.h"

struct options {
	const char *dev;
	const char *pcap;
	uint32_t len;
	uint32_t flows;
	uint64_t count;		/* 0: until stopped (generated) */
	uint64_t pps;
	double mbps;
	uint64_t seconds;
	int quiet;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pfsend -i device [-f file.pcap | -l len -z flows] [-n count]\n"
		"              [-r pps | -b mbit/s] [-d seconds] [-q]\n"
		"  -i device  device to send on\n"
		"  -f file    send the packets of this pcap file (Ethernet), in order\n"
		"  -l len     generated frames of len bytes, 60..1514 (default 60)\n"
		"  -z flows   generated UDP flows, 1..65536 (default 1)\n"
		"  -n count   stop after count packets (default: the file once, or\n"
		"             until stopped; with -f, the file is sent in a loop)\n"
		"  -r pps     packets per second\n"
		"  -b mbit/s  megabits per second (frame bytes)\n"
		"  -d seconds stop after this many seconds\n"
		"  -q         no per-second rate line\n");
}

static void parse_options(int argc, char **argv, struct options *o)
{
	char *end;
	int c;

	*o = (struct options){ .len = 60, .flows = 1 };
	while ((c = getopt(argc, argv, "i:f:l:z:n:r:b:d:qh")) != -1) {
		switch (c) {
		case 'i': o->dev = optarg; break;
		case 'f': o->pcap = optarg; break;
		case 'l': o->len = (uint32_t)cli_parse_num(optarg, "-l", 60, 1514); break;
		case 'z': o->flows = (uint32_t)cli_parse_num(optarg, "-z", 1, 65536); break;
		case 'n': o->count = cli_parse_num(optarg, "-n", 1, UINT64_MAX); break;
		case 'r': o->pps = cli_parse_num(optarg, "-r", 1, 1000000000); break;
		case 'b':
			errno = 0;
			o->mbps = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o->mbps > 0) ||
			    o->mbps > 1e6)
				cli_bad_usage("-b: invalid value '%s'", optarg);
			break;
		case 'd': o->seconds = cli_parse_num(optarg, "-d", 1, 86400ULL * 365); break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); exit(2);
		}
	}
	if (optind < argc)
		cli_bad_usage("unexpected argument '%s'", argv[optind]);
	if (!o->dev)
		cli_bad_usage("-i device is required");
	if (o->pps && o->mbps)
		cli_bad_usage("-r and -b exclude each other");
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* When the next packet is due, given what went out so far. */
static uint64_t due_ns(const struct options *o, uint64_t t0, uint64_t pkts,
		       uint64_t bytes)
{
	if (o->pps)
		return t0 + (uint64_t)((double)pkts * 1e9 / (double)o->pps);
	if (o->mbps)
		return t0 + (uint64_t)((double)bytes * 8e3 / o->mbps);
	return 0;
}

/* Sleeps long waits, spins the last stretch (sleeps overshoot). */
static void wait_until(uint64_t t)
{
	uint64_t now = now_ns();

	if (t > now + 100000) {
		uint64_t ns = t - now - 50000;
		struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000ULL),
				       .tv_nsec = (long)(ns % 1000000000ULL) };

		nanosleep(&ts, NULL);
	}
	while (now_ns() < t && !stop)
		;
}

static void print_rate(uint64_t pkts, uint64_t bytes, uint64_t ns)
{
	double s = ns / 1e9;

	fprintf(stderr, "pfsend: %llu packets, %.0f pps, %.2f Mbit/s\n",
		(unsigned long long)pkts, s > 0 ? pkts / s : 0,
		s > 0 ? bytes * 8 / s / 1e6 : 0);
}

int main(int argc, char **argv)
{
	struct frames fr = { 0 };
	struct options o;
	uint64_t pkts = 0, bytes = 0, retries = 0, t0, last, lp = 0, lb = 0;
	pfring *ring;
	size_t i = 0;
	int rc = 0;

	cli_setup("pfsend", usage);

	parse_options(argc, argv, &o);
	if (o.pcap ? frames_load_pcap(&fr, o.pcap) :
		     frames_generate(&fr, o.len, o.flows))
		return 1;
	if (!fr.n)	/* both loaders fail rather than return nothing */
		return 1;
	if (o.pcap && !o.count && !o.seconds)
		o.count = fr.n;

	ring = pfring_open(o.dev, 1536, 0);
	if (!ring) {
		fprintf(stderr, "pfsend: cannot open %s: %s\n", o.dev, strerror(errno));
		frames_free(&fr);
		return 1;
	}
	/* Nothing to capture: the kernel skips this socket on receive. */
	pfring_set_socket_mode(ring, send_only_mode);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	t0 = last = now_ns();
	while (!stop && (!o.count || pkts < o.count)) {
		uint64_t now;

		if (o.pps || o.mbps)
			wait_until(due_ns(&o, t0, pkts, bytes));
		if (pfring_send(ring, (char *)fr.data[i], fr.len[i], 1) < 0) {
			/* A full queue is back-pressure: wait and resend. */
			if (errno == ENOBUFS || errno == EAGAIN) {
				retries++;
				usleep(50);
				continue;
			}
			if (errno == EINTR)
				continue;
			fprintf(stderr, "pfsend: sending packet %zu (%u bytes) on %s: %s\n",
				i + 1, fr.len[i], o.dev, strerror(errno));
			rc = 1;
			break;
		}
		pkts++;
		bytes += fr.len[i];
		i = (i + 1) % fr.n;
		if ((pkts & 63) == 0 || o.pps || o.mbps) {
			now = now_ns();
			if (o.seconds && now - t0 >= o.seconds * 1000000000ULL)
				break;
			if (!o.quiet && now - last >= 1000000000ULL) {
				print_rate(pkts - lp, bytes - lb, now - last);
				last = now;
				lp = pkts;
				lb = bytes;
			}
		}
	}
	t0 = now_ns() - t0;
	printf("Sent %llu packets, %llu bytes in %.3f s (%.0f pps, %.2f Mbit/s), %llu retries\n",
	       (unsigned long long)pkts, (unsigned long long)bytes, t0 / 1e9,
	       t0 ? pkts / (t0 / 1e9) : 0, t0 ? bytes * 8 / (t0 / 1e9) / 1e6 : 0,
	       (unsigned long long)retries);
	pfring_close(ring);
	frames_free(&fr);
	return rc;
}
