// SPDX-License-Identifier: GPL-2.0
/*
 * The capture: the rings, their settings, and the loops that count what
 * they receive.  Without -m one ring on the calling thread; with -m one
 * ring per receive queue, each read by its own thread.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#include "pfcount.h"

struct worker workers[MAX_NUM_RX_CHANNELS];
unsigned int nworkers;

static int stop;			/* atomic */
static u_int64_t total_pkts;		/* atomic, for -c across workers */

/* Async-signal-safe: lock-free stores only. */
void request_stop(void)
{
	unsigned int i;

	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < nworkers; i++)
		pfring_breakloop(workers[i].ring);
}

int stop_requested(void)
{
	return __atomic_load_n(&stop, __ATOMIC_RELAXED);
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

/* Applies the options that need an open ring; 0 or an errno value. */
static int configure(const struct options *o, pfring *ring, const char **what)
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
	pfring_set_application_name(ring, "pfcount");
	if (pfring_enable_ring(ring) < 0) {
		*what = "cannot enable the ring";
		return errno;
	}
	return 0;
}

/* Prints why name could not be opened (errno); returns 1. */
static int open_failed(const char *name)
{
	int err = errno;

	fprintf(stderr, "pfcount: %s: %s%s\n", name, strerror(err),
		open_hint(err));
	return 1;
}

static int pin_to_core(pthread_t t, long core)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((int)core, &set);
	return pthread_setaffinity_np(t, sizeof(set), &set);
}

/*
 * Opens ring i on core i of -g (modulo the list), pinned there first:
 * the kernel allocates a ring on the NUMA node of the CPU that creates
 * it, so each reader gets node-local ring memory.  n rings named as
 * pfring_open_multichannel() names them: "dev@i", or the device alone
 * when n is 1.  The calling thread stays on the last core.  Returns 0,
 * or 1 after printing why not.
 */
static int open_on_cores(const struct options *o, const char *device,
			 u_int32_t flags, unsigned int n,
			 pfring *rings[MAX_NUM_RX_CHANNELS])
{
	char name[IFNAMSIZ + sizeof("@63")];
	unsigned int i, core;
	int err;

	for (i = 0; i < n; i++) {
		core = o->cores[i % o->ncores];
		snprintf(name, sizeof(name), n > 1 ? "%s@%u" : "%s", device, i);
		err = pin_to_core(pthread_self(), core);
		if (err) {
			fprintf(stderr, "pfcount: %s: cannot pin to core %u: %s\n",
				name, core, strerror(err));
			break;
		}
		rings[i] = pfring_open(name, o->caplen, flags);
		if (!rings[i]) {
			open_failed(name);
			break;
		}
	}
	if (i == n)
		return 0;
	while (i-- > 0)
		pfring_close(rings[i]);
	return 1;
}

/*
 * -m -g: pfring_open_multichannel() tells how many queues there are;
 * their rings are then opened again, each on its reader's core.  The
 * calling thread gets its cores back, since it does not capture.
 */
static int open_queues_on_cores(const struct options *o, const char *device,
				u_int32_t flags, unsigned int *n,
				pfring *rings[MAX_NUM_RX_CHANNELS])
{
	cpu_set_t saved;
	unsigned int i;
	int rc;

	*n = pfring_open_multichannel(device, o->caplen, flags, rings);
	if (!*n)
		return open_failed(device);
	for (i = 0; i < *n; i++)
		pfring_close(rings[i]);
	if (pthread_getaffinity_np(pthread_self(), sizeof(saved), &saved))
		CPU_ZERO(&saved);
	rc = open_on_cores(o, device, flags, *n, rings);
	if (CPU_COUNT(&saved))
		pthread_setaffinity_np(pthread_self(), sizeof(saved), &saved);
	return rc;
}

int open_workers(const struct options *o, const char *device)
{
	u_int32_t flags = PF_RING_PROMISC |
			  (o->verbose ? PF_RING_LONG_HEADER : 0);
	pfring *rings[MAX_NUM_RX_CHANNELS];
	const char *what = NULL;
	unsigned int i, n = 1;
	int err, rc;

	if (o->multi && o->ncores) {
		rc = open_queues_on_cores(o, device, flags, &n, rings);
	} else if (o->ncores) {
		/* The classic mode captures on the calling thread. */
		rc = open_on_cores(o, device, flags, 1, rings);
	} else if (o->multi) {
		n = pfring_open_multichannel(device, o->caplen, flags, rings);
		rc = n ? 0 : open_failed(device);
	} else {
		rings[0] = pfring_open(device, o->caplen, flags);
		rc = rings[0] ? 0 : open_failed(device);
	}
	if (rc)
		return 1;
	nworkers = n;
	for (i = 0; i < n; i++) {
		struct worker *w = &workers[i];

		w->ring = rings[i];
		/* pfring_open_multichannel() opens queue i as "device@i". */
		snprintf(w->name, sizeof(w->name), n > 1 ? "%s@%u" : "%s",
			 device, i);
		w->core = o->ncores ? (long)o->cores[i % o->ncores] : -1;
		err = configure(o, w->ring, &what);
		if (err) {
			fprintf(stderr, "pfcount: %s: %s: %s\n", w->name, what,
				strerror(err));
			close_workers();
			return 1;
		}
	}
	return 0;
}

void close_workers(void)
{
	unsigned int i;

	for (i = 0; i < nworkers; i++)
		pfring_close(workers[i].ring);
	nworkers = 0;
}

/*
 * How many of n packets just read -c lets count (all of them without
 * -c); the one that reaches the count asks every loop to stop.
 */
static u_int64_t within_count(const struct options *o, u_int64_t n)
{
	u_int64_t before;

	if (!o->count)
		return n;
	before = __atomic_fetch_add(&total_pkts, n, __ATOMIC_RELAXED);
	if (before >= o->count)
		return 0;
	if (before + n < o->count)
		return n;
	request_stop();
	return o->count - before;
}

static void on_packet(const struct options *o, struct worker *w,
		      const struct pfring_pkthdr *h, const u_char *p)
{
	char line[512];
	struct tm tm;
	time_t sec;

	if (!within_count(o, 1))
		return;
	__atomic_add_fetch(&w->pkts, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&w->bytes, h->len, __ATOMIC_RELAXED);
	if (o->verbose) {
		sec = h->ts.tv_sec;
		localtime_r(&sec, &tm);
		pfring_print_parsed_pkt(line, sizeof(line), p, h);
		/* One printf() per packet: lines of threads do not mix. */
		printf("%s%s%s%02d:%02d:%02d.%06ld %s", nworkers > 1 ? "[" : "",
		       nworkers > 1 ? w->name : "", nworkers > 1 ? "] " : "",
		       tm.tm_hour, tm.tm_min, tm.tm_sec, (long)h->ts.tv_usec,
		       line);
	}
}

/* -b: the same counting, a burst at a time. */
static int capture_bursts(const struct options *o, struct worker *w)
{
	pfring_packet_info pk[UINT8_MAX];
	u_int64_t bytes;
	int i, n;

	while (!stop_requested()) {
		n = pfring_recv_burst(w->ring, pk, o->burst, !o->active_wait);
		if (n < 0)
			return n;
		n = (int)within_count(o, (u_int64_t)n);
		for (i = 0, bytes = 0; i < n; i++)
			bytes += pk[i].len;
		__atomic_add_fetch(&w->pkts, (u_int64_t)n, __ATOMIC_RELAXED);
		__atomic_add_fetch(&w->bytes, bytes, __ATOMIC_RELAXED);
	}
	return 0;
}

/*
 * A plain pfring_recv() loop rather than pfring_loop(): pfring_loop()
 * clears a pending break when it starts, and a signal arriving just
 * before it would be lost.
 */
static int capture(const struct options *o, struct worker *w)
{
	struct pfring_pkthdr hdr;
	u_char *pkt;
	int rc;

	if (o->burst)
		return capture_bursts(o, w);
	memset(&hdr, 0, sizeof(hdr));
	while (!stop_requested()) {
		rc = pfring_recv(w->ring, &pkt, 0, &hdr, !o->active_wait);
		if (rc < 0)
			return rc;
		if (rc > 0)
			on_packet(o, w, &hdr, pkt);
	}
	return 0;
}

struct thread_args {
	const struct options *o;
	struct worker *w;
};

static struct thread_args args[MAX_NUM_RX_CHANNELS];

static void *capture_thread(void *arg)
{
	struct thread_args *a = arg;
	char name[16];

	/* Named after its queue, so top -H and /proc tell them apart. */
	snprintf(name, sizeof(name), "%.15s", a->w->name);
	pthread_setname_np(pthread_self(), name);

	a->w->rc = capture(a->o, a->w);
	a->w->err = errno;
	/* One queue failing (its device went away) ends them all. */
	if (a->w->rc < 0)
		request_stop();
	return NULL;
}

/*
 * Starts a thread per worker, on its core, with the termination signals
 * blocked so that the main thread gets them.  Returns how many started;
 * *failed is set when not all did.
 */
static unsigned int start_threads(const struct options *o, int *failed)
{
	pthread_attr_t attr;
	sigset_t block, old;
	cpu_set_t set;
	unsigned int i;
	int err = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < nworkers && !err; i++) {
		args[i].o = o;
		args[i].w = &workers[i];
		pthread_attr_init(&attr);
		if (workers[i].core >= 0) {
			CPU_ZERO(&set);
			CPU_SET((int)workers[i].core, &set);
			pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
		}
		err = pthread_create(&workers[i].tid, &attr, capture_thread,
				     &args[i]);
		pthread_attr_destroy(&attr);
		if (err)
			fprintf(stderr, "pfcount: %s: cannot start a thread: %s\n",
				workers[i].name, strerror(err));
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	*failed = err != 0;
	return err ? i - 1 : i;
}

int run_workers(const struct options *o)
{
	unsigned int i, started;
	int failed;

	if (!o->multi) {
		/* The classic mode: on the calling thread, pinned already. */
		workers[0].rc = capture(o, &workers[0]);
		workers[0].err = errno;
		return 0;
	}
	started = start_threads(o, &failed);
	if (failed)
		request_stop();
	for (i = 0; i < started; i++)
		pthread_join(workers[i].tid, NULL);
	return failed;
}
