/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A device's receive queues and where they are handled: the CPUs of each
 * queue's interrupt, its RPS CPUs and flow count, and pf_ring's software
 * queues.  sysfs shows the devices of the network namespace it was
 * mounted in ("ip netns exec" mounts the namespace's own).
 */
#ifndef PFQ_DEV_H
#define PFQ_DEV_H

#include <net/if.h>

#include "cpus.h"

struct pfq_queue {
	int irq;			/* -1: no interrupt of its own */
	char irq_name[64];
	struct pfq_cpus irq_cpus;	/* smp_affinity_list */
	int rps;			/* 0: no rps_cpus (kernel without RPS) */
	struct pfq_cpus rps_cpus;
	long rps_flow_cnt;		/* -1: unknown */
};

struct pfq_dev {
	const char *root;		/* see files.h */
	char name[IF_NAMESIZE];
	unsigned int nqueues;
	struct pfq_queue *q;		/* nqueues entries */
	long soft_queues;		/* -1: pf_ring.ko not loaded */
	long sock_flow_entries;		/* -1: unknown */
};

/* 0, -ENODEV (no such device), -ENAMETOOLONG or -ENOMEM. */
int pfq_dev_load(struct pfq_dev *d, const char *root, const char *name);
void pfq_dev_free(struct pfq_dev *d);

/* Re-reads what a change may have altered. */
void pfq_dev_read_queue(struct pfq_dev *d, unsigned int q);
void pfq_dev_read_globals(struct pfq_dev *d);

/* The CPUs online, from sysfs; 0 or -errno. */
int pfq_online_cpus(const char *root, unsigned int *cpus, unsigned int max,
		    unsigned int *n);

#endif
