/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Changes to a device's queue layout.  Each prints what it changed, as
 * "DEV: WHAT: OLD -> NEW" with NEW read back from the kernel (which
 * rounds some values), on out, and each failure as one line on err.
 * They return the number of failures.
 */
#ifndef PFQ_CHANGE_H
#define PFQ_CHANGE_H

#include <stdio.h>

#include "dev.h"

/*
 * Receive queue q is handled on cpus[q % n]: a queue with an interrupt
 * of its own gets that CPU as the interrupt's affinity and no RPS (its
 * packets are already there); a queue without one gets the CPU as its
 * RPS mask.
 */
int pfq_spread(struct pfq_dev *d, const unsigned int *cpus, unsigned int n,
	       FILE *out, FILE *err);
/* rps_flow_cnt of every RX queue, and rps_sock_flow_entries raised to
 * flows times the queues if it is lower (it is shared by all devices).
 */
int pfq_set_flows(struct pfq_dev *d, long flows, FILE *out, FILE *err);
/* pf_ring's software queues of the device. */
int pfq_set_soft(struct pfq_dev *d, long n, FILE *out, FILE *err);

/* Counts of what was changed, for "nothing to change". */
extern unsigned int pfq_changes;

#endif
