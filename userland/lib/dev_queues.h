/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* How many receive queues a capture on a device can choose from. */
#ifndef PFR_DEV_QUEUES_H
#define PFR_DEV_QUEUES_H

#define PFR_PROC_DEV_DIR	"/proc/net/pf_ring/dev"
#define PFR_SYS_NET_DIR		"/sys/class/net"

/*
 * The queues of ifname as pf_ring.ko splits them: its software queues
 * when set, else its RX queues; 0 when unknown.  proc_dir stands for
 * PFR_PROC_DEV_DIR and sys_dir for PFR_SYS_NET_DIR (tests use others).
 */
unsigned int pfr_dev_queues(const char *proc_dir, const char *sys_dir,
			    const char *ifname);

#endif
