/* SPDX-License-Identifier: GPL-2.0 */
/*
 * benchcap: one minimal capture loop per capture API, all doing the same
 * work per packet (read its first and last byte), so that a benchmark
 * compares the APIs and not the programs built on them.
 */
#ifndef BENCHCAP_H
#define BENCHCAP_H

#include <stddef.h>
#include <stdint.h>

struct cap_opts {
	const char *dev;
	unsigned int snaplen;
	size_t ring_bytes;	/* 0: the API's default */
	unsigned int timeout_ms;	/* block/read timeout where the API has one */
};

struct cap_result {
	uint64_t drops;		/* as the API reports them */
	size_t ring_bytes;	/* memory the ring really got */
};

struct capture {
	const char *name;
	/* 0 or -1 after printing one line on stderr. */
	int (*open)(const struct cap_opts *o);
	/* Reads until stop_requested(); 0 or -1 after printing why. */
	int (*run)(void);
	/* Asks a blocked run() to return (async-signal-safe). */
	void (*interrupt)(void);
	/*
	 * Reads what is queued without waiting (benchcap -n); 0 or -1 after
	 * printing why.  NULL: the API has no such reader here.
	 */
	int (*drain)(void);
	void (*close)(struct cap_result *r);
};

extern const struct capture cap_pfring, cap_pfring_burst, cap_tpv3, cap_tpv2,
	cap_pcap;

/* benchcap.c */
int stop_requested(void);
extern uint64_t captured;	/* written by the loop, read by a signal handler */
extern unsigned int sink;	/* keeps the byte reads from being optimised out */

/* Counts one captured packet after reading its first and last byte. */
static inline void count_packet(const unsigned char *pkt, unsigned int caplen)
{
	if (caplen)
		sink += pkt[0] + pkt[caplen - 1];
	__atomic_store_n(&captured, captured + 1, __ATOMIC_RELAXED);
}

#endif
