/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The PF_RING backend's private state, shared by live*.c. */
#ifndef PFPCAP_LIVE_H
#define PFPCAP_LIVE_H

#include "pfpcap.h"
#include "cooked.h"
#include "kfilter.h"
#include "ring.h"
#include "user_filter.h"

struct pfpcap_live {
	pfring *ring;
	int fd;				/* the ring's socket */
	struct pfpcap_ring_geom geom;
	int any;			/* bound to "any" */
	struct pfpcap_cooked cooked;	/* "any" with a cooked link type */
	struct pfpcap_user_filter filter;	/* the installed one */
	int kernel_filter;		/* it also runs in the kernel */
	/*
	 * Packets that were queued before the kernel filter was attached:
	 * they went through no filter (or an older one), so the filter runs
	 * on them here.
	 */
	u_int32_t refilter;
	u_int64_t rejected;		/* by the filter here: not "received" */
	int poll_err;			/* poll() said POLLERR: device gone */
	/*
	 * The last program compiled for the ring's view, because libpcap's
	 * Linux code generator was out of reach (linux_compile.c): when it
	 * is installed, it runs on that view.
	 */
	struct bpf_program frame_prog;
};

/* live_read.c */
int pfpcap_live_read(struct pfpcap *p, int cnt, pcap_handler cb, u_char *user);

/* live_filter.c */
int pfpcap_live_compile(struct pfpcap *p, struct bpf_program *fp,
			const char *str, int optimize, bpf_u_int32 netmask);
int pfpcap_live_setfilter(struct pfpcap *p, const struct bpf_program *fp);
void pfpcap_live_free_filter(struct pfpcap_live *l);

#endif /* PFPCAP_LIVE_H */
