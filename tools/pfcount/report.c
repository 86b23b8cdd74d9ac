// SPDX-License-Identifier: GPL-2.0
/*
 * What pfcount prints: a progress line per second on stderr (with -m one
 * per queue and a total), and the totals on stdout at the end.
 */
#include <inttypes.h>
#include <signal.h>

#include "pfcount.h"

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void print_progress(const char *prefix, double elapsed, u_int64_t pkts,
			   u_int64_t bytes, u_int64_t total, u_int64_t dropped)
{
	char pps[64], mbps[64], tot[64], drp[64];

	pfring_format_numbers((double)pkts / elapsed, pps, sizeof(pps), 0);
	pfring_format_numbers((double)bytes * 8 / 1e6 / elapsed, mbps,
			      sizeof(mbps), 1);
	pfring_format_numbers((double)total, tot, sizeof(tot), 0);
	pfring_format_numbers((double)dropped, drp, sizeof(drp), 0);
	fprintf(stderr, "%s%s pps, %s Mbit/s | %s pkts total | %s dropped\n",
		prefix, pps, mbps, tot, drp);
}

/* The drops the kernel counted for a ring; 0 if it cannot tell. */
static u_int64_t drops_of(struct worker *w)
{
	pfring_stat st = { 0, 0, 0 };

	pfring_stats(w->ring, &st);
	return st.drop;
}

/* One line per worker (with -m), then the total. */
static void report_second(const struct options *o, double elapsed)
{
	u_int64_t pkts, bytes, sum_new = 0, sum_bytes = 0, sum = 0, drops = 0;
	char prefix[IFNAMSIZ + 8];
	struct worker *w;
	unsigned int i;
	u_int64_t d;

	for (i = 0; i < nworkers; i++) {
		w = &workers[i];
		pkts = __atomic_load_n(&w->pkts, __ATOMIC_RELAXED);
		bytes = __atomic_load_n(&w->bytes, __ATOMIC_RELAXED);
		d = drops_of(w);
		if (o->multi) {
			snprintf(prefix, sizeof(prefix), "%s: ", w->name);
			print_progress(prefix, elapsed, pkts - w->last_pkts,
				       bytes - w->last_bytes, pkts, d);
		}
		sum_new += pkts - w->last_pkts;
		sum_bytes += bytes - w->last_bytes;
		sum += pkts;
		drops += d;
		w->last_pkts = pkts;
		w->last_bytes = bytes;
	}
	print_progress(o->multi ? "Total: " : "", elapsed, sum_new, sum_bytes,
		       sum, drops);
}

struct stats_args {
	const struct options *o;
};

static struct stats_args sargs;

/* Wakes once a second for the progress lines and the -d deadline. */
static void *stats_thread(void *arg)
{
	const struct options *o = ((struct stats_args *)arg)->o;
	struct timespec start, tick, prev, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	tick = prev = start;
	for (;;) {
		tick.tv_sec++;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick,
				       NULL) == EINTR)
			;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!o->quiet)
			report_second(o, seconds_between(&prev, &now));
		prev = now;
		if (o->duration && now.tv_sec - start.tv_sec >=
				   (time_t)o->duration) {
			request_stop();
			return NULL;
		}
	}
}

/* Started with the termination signals blocked: they are main's. */
int start_stats(const struct options *o, pthread_t *tid)
{
	sigset_t block, old;
	int rc;

	sargs.o = o;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(tid, NULL, stats_thread, &sargs);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

void stop_stats(pthread_t tid)
{
	pthread_cancel(tid);
	pthread_join(tid, NULL);
}

static double percent(u_int64_t part, u_int64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Percentages are of what the kernel saw for the rings: kept + dropped. */
void print_totals(const struct options *o)
{
	u_int64_t pkts, sum = 0, drops = 0, seen = 0;
	pfring_stat st;
	struct worker *w;
	unsigned int i;

	for (i = 0; i < nworkers; i++) {
		w = &workers[i];
		memset(&st, 0, sizeof(st));
		pfring_stats(w->ring, &st);
		pkts = __atomic_load_n(&w->pkts, __ATOMIC_RELAXED);
		if (o->multi)
			printf("%s: Packets received: %" PRIu64
			       ", dropped: %" PRIu64 " (%.2f%%)\n", w->name,
			       pkts, (u_int64_t)st.drop,
			       percent(st.drop, st.recv + st.drop));
		sum += pkts;
		drops += st.drop;
		seen += st.recv + st.drop;
	}
	printf("Packets received: %" PRIu64 "\n", sum);
	printf("Packets dropped:  %" PRIu64 " (%.2f%%)\n", drops,
	       percent(drops, seen));
}
