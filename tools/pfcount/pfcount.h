/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pfcount: what its parts share.  One worker per ring: the whole device,
 * or with -m one per receive queue, each on its own thread.
 */
#ifndef PFCOUNT_H
#define PFCOUNT_H

#include <pfring.h>

#define DEFAULT_CAPLEN	1536

struct options {
	const char *device;
	u_int32_t caplen;
	long watermark;		/* -1: library default */
	unsigned int cores[MAX_NUM_RX_CHANNELS];	/* -g */
	unsigned int ncores;	/* 0: not pinned */
	long direction;		/* -1: library default */
	u_int64_t count;	/* 0: unlimited */
	u_int64_t duration;	/* seconds, 0: unlimited */
	u_int8_t burst;		/* -b: packets a pfring_recv_burst(), 0: none */
	int multi;		/* -m: one thread per receive queue */
	int verbose;
	int active_wait;
	int quiet;
};

struct worker {
	pfring *ring;
	char name[IFNAMSIZ + 4];	/* "eth0" or "eth0@3" */
	long core;			/* -1: not pinned */
	u_int64_t pkts, bytes;		/* atomic: the stats thread reads them */
	u_int64_t last_pkts, last_bytes;	/* stats thread only */
	pthread_t tid;
	int rc, err;			/* how its capture ended */
};

/* Set up before any thread starts and not resized afterwards. */
extern struct worker workers[MAX_NUM_RX_CHANNELS];
extern unsigned int nworkers;

/* Async-signal-safe: makes every capture loop return. */
void request_stop(void);
int stop_requested(void);

/* workers.c: 0, or 1 after printing why not. */
int open_workers(const struct options *o, const char *device);
void close_workers(void);
/* Captures until stopped; the threads' own results are in workers[]. */
int run_workers(const struct options *o);

/* report.c */
int start_stats(const struct options *o, pthread_t *tid);
void stop_stats(pthread_t tid);
void print_totals(const struct options *o);

#endif
