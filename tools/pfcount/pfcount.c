// SPDX-License-Identifier: GPL-2.0
/*
 * pfcount: counts the packets of a device through libpfring and reports
 * rates once a second.  See pfcount.8.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>

#include <pfring.h>

#define DEFAULT_CAPLEN	1536

struct options {
	const char *device;
	u_int32_t caplen;
	long watermark;		/* -1: library default */
	long core;		/* -1: not pinned */
	long direction;		/* -1: library default */
	u_int64_t count;	/* 0: unlimited */
	u_int64_t duration;	/* seconds, 0: unlimited */
	int verbose;
	int active_wait;
	int quiet;
};

/* Shared with the signal handler and the statistics thread. */
static pfring *ring;
static u_int64_t num_pkts, num_bytes;	/* atomic */
static int stop;			/* atomic */

/* Async-signal-safe: both are single lock-free stores. */
static void request_stop(void)
{
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	pfring_breakloop(ring);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pfcount [-i device] [-l caplen] [-w watermark] [-g core]\n"
		"               [-e direction] [-c count] [-d seconds] [-v] [-a] [-q]\n"
		"  -i device     device to capture from (eth0, eth0@1, eth0@0-3, any);\n"
		"                default: the first device that is up\n"
		"  -l caplen     bytes captured per packet (default %d)\n"
		"  -w watermark  packets queued before a sleeping reader wakes up\n"
		"  -g core       run the capture on this CPU core\n"
		"  -e direction  0: rx and tx, 1: rx only, 2: tx only\n"
		"  -c count      stop after count packets\n"
		"  -d seconds    stop after this many seconds\n"
		"  -v            print every packet\n"
		"  -a            active wait: poll the ring without sleeping\n"
		"  -q            no per-second statistics\n",
		DEFAULT_CAPLEN);
}

__attribute__((format(printf, 1, 2), noreturn))
static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pfcount: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr);
	exit(2);
}

/* Whole decimal numbers in [min, max] only: "12x" or "" are mistakes. */
static u_int64_t parse_num(const char *arg, char opt, u_int64_t min,
			   u_int64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || errno || *end || v < min || v > max)
		bad_usage("-%c: invalid value '%s'", opt, arg);
	return v;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->caplen = DEFAULT_CAPLEN;
	o->watermark = o->core = o->direction = -1;
	opterr = 0;
	while ((c = getopt(argc, argv, ":i:l:w:g:e:c:d:vaqh")) != -1) {
		switch (c) {
		case 'i':
			o->device = optarg;
			break;
		case 'l':
			o->caplen = (u_int32_t)parse_num(optarg, 'l', 1,
						 PFRING_MAX_BUCKET_LEN);
			break;
		case 'w':
			o->watermark = (long)parse_num(optarg, 'w', 1,
						       UINT16_MAX);
			break;
		case 'g':
			o->core = (long)parse_num(optarg, 'g', 0,
						  CPU_SETSIZE - 1);
			break;
		case 'e':
			o->direction = (long)parse_num(optarg, 'e', 0, 2);
			break;
		case 'c':
			o->count = parse_num(optarg, 'c', 1, UINT64_MAX);
			break;
		case 'd':
			o->duration = parse_num(optarg, 'd', 1, INT_MAX);
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
			bad_usage("option -%c needs a value", optopt);
		default:
			bad_usage("unknown option -%c", optopt);
		}
	}
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
}

/* The first device that is up, loopback and "any" aside. */
static char *default_device(void)
{
	pfring_if_t *devs = pfring_findalldevs(), *d;
	char *name = NULL;

	for (d = devs; d; d = d->next) {
		if (d->status == 1 && strcmp(d->name, "lo") &&
		    strcmp(d->name, "any")) {
			name = strdup(d->name);
			break;
		}
	}
	pfring_freealldevs(devs);
	return name;
}

static const char *open_hint(int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
		return " (needs root or CAP_NET_RAW)";
	case EAFNOSUPPORT:
		return " (is the pf_ring module loaded?)";
	default:
		return "";
	}
}

static void on_signal(int sig)
{
	(void)sig;
	request_stop();
}

static void on_packet(const struct pfring_pkthdr *h, const u_char *p,
		      const struct options *o)
{
	u_int64_t n = __atomic_add_fetch(&num_pkts, 1, __ATOMIC_RELAXED);
	char line[512];
	struct tm tm;
	time_t sec;

	__atomic_add_fetch(&num_bytes, h->len, __ATOMIC_RELAXED);
	if (o->verbose) {
		sec = h->ts.tv_sec;
		localtime_r(&sec, &tm);
		pfring_print_parsed_pkt(line, sizeof(line), p, h);
		printf("%02d:%02d:%02d.%06ld %s", tm.tm_hour, tm.tm_min,
		       tm.tm_sec, (long)h->ts.tv_usec, line);
	}
	if (o->count && n >= o->count)
		request_stop();
}

/*
 * A plain pfring_recv() loop rather than pfring_loop(): pfring_loop()
 * clears a pending break when it starts, and a signal arriving just
 * before it would be lost.
 */
static int capture(const struct options *o)
{
	struct pfring_pkthdr hdr;
	u_char *pkt;
	int rc;

	memset(&hdr, 0, sizeof(hdr));
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		rc = pfring_recv(ring, &pkt, 0, &hdr, !o->active_wait);
		if (rc < 0)
			return rc;
		if (rc > 0)
			on_packet(&hdr, pkt, o);
	}
	return 0;
}

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void print_progress(double elapsed, u_int64_t pkts, u_int64_t bytes,
			   u_int64_t total, u_int64_t dropped)
{
	char pps[64], mbps[64], tot[64], drp[64];

	pfring_format_numbers((double)pkts / elapsed, pps, sizeof(pps), 0);
	pfring_format_numbers((double)bytes * 8 / 1e6 / elapsed, mbps,
			      sizeof(mbps), 1);
	pfring_format_numbers((double)total, tot, sizeof(tot), 0);
	pfring_format_numbers((double)dropped, drp, sizeof(drp), 0);
	fprintf(stderr, "%s pps, %s Mbit/s | %s pkts total | %s dropped\n",
		pps, mbps, tot, drp);
}

struct stats_args {
	u_int64_t duration;
	int quiet;
};

/* Wakes once a second for the progress line and the -d deadline. */
static void *stats_thread(void *arg)
{
	const struct stats_args *a = arg;
	struct timespec start, tick, prev, now;
	u_int64_t last_pkts = 0, last_bytes = 0, pkts, bytes;
	pfring_stat st = { 0, 0, 0 };

	clock_gettime(CLOCK_MONOTONIC, &start);
	tick = prev = start;
	for (;;) {
		tick.tv_sec++;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick,
				       NULL) == EINTR)
			;
		clock_gettime(CLOCK_MONOTONIC, &now);
		pkts = __atomic_load_n(&num_pkts, __ATOMIC_RELAXED);
		bytes = __atomic_load_n(&num_bytes, __ATOMIC_RELAXED);
		if (!a->quiet) {
			pfring_stats(ring, &st);
			print_progress(seconds_between(&prev, &now),
				       pkts - last_pkts, bytes - last_bytes,
				       pkts, st.drop);
		}
		last_pkts = pkts;
		last_bytes = bytes;
		prev = now;
		if (a->duration && now.tv_sec - start.tv_sec >=
				   (time_t)a->duration) {
			request_stop();
			return NULL;
		}
	}
}

static void print_totals(void)
{
	pfring_stat st = { 0, 0, 0 };
	double pct = 0;

	pfring_stats(ring, &st);
	if (st.recv + st.drop)
		pct = 100.0 * (double)st.drop / (double)(st.recv + st.drop);
	printf("Packets received: %" PRIu64 "\n",
	       __atomic_load_n(&num_pkts, __ATOMIC_RELAXED));
	printf("Packets dropped:  %" PRIu64 " (%.2f%%)\n",
	       (u_int64_t)st.drop, pct);
}

static int pin_to_core(long core)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((int)core, &set);
	return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* Applies the options that need an open ring; 0 or an errno value. */
static int configure(const struct options *o, const char **what)
{
	if (o->watermark >= 0 &&
	    pfring_set_poll_watermark(ring, (u_int16_t)o->watermark) < 0) {
		*what = "cannot set the poll watermark";
		return errno;
	}
	if (o->direction >= 0 &&
	    pfring_set_direction(ring, (packet_direction)o->direction) < 0) {
		*what = "cannot set the direction";
		return errno;
	}
	if (o->core >= 0 && (errno = pin_to_core(o->core)) != 0) {
		*what = "cannot pin to the core";
		return errno;
	}
	pfring_set_application_name(ring, "pfcount");
	if (pfring_enable_ring(ring) < 0) {
		*what = "cannot enable the ring";
		return errno;
	}
	return 0;
}

/* Starts the statistics thread with the termination signals blocked. */
static int start_stats(pthread_t *tid, struct stats_args *args)
{
	sigset_t block, old;
	int rc;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(tid, NULL, stats_thread, args);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* Captures from device until told to stop; returns the exit status. */
static int run(const struct options *o, const char *device)
{
	struct stats_args sargs;
	struct sigaction sa;
	const char *what = NULL;
	pthread_t tid;
	int rc, err;

	ring = pfring_open(device, o->caplen, PF_RING_PROMISC |
			   (o->verbose ? PF_RING_LONG_HEADER : 0));
	if (!ring) {
		err = errno;
		fprintf(stderr, "pfcount: %s: %s%s\n", device, strerror(err),
			open_hint(err));
		return 1;
	}
	err = configure(o, &what);
	if (err) {
		fprintf(stderr, "pfcount: %s: %s: %s\n", device, what,
			strerror(err));
		pfring_close(ring);
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	sargs.duration = o->duration;
	sargs.quiet = o->quiet;
	if (start_stats(&tid, &sargs)) {
		fprintf(stderr, "pfcount: cannot start the statistics thread\n");
		pfring_close(ring);
		return 1;
	}

	rc = capture(o);
	err = errno;
	pthread_cancel(tid);
	pthread_join(tid, NULL);

	fflush(stdout);
	print_totals();
	if (rc < 0)
		fprintf(stderr, "pfcount: %s: capture stopped: %s\n", device,
			strerror(err));
	pfring_close(ring);
	return rc < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct options o;
	char *device;
	int status;

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
