/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module keeps per network device, from its registration to its
 * removal: its receive queues as captures see them (the driver's, or
 * software queues split by a symmetric flow hash), their packet counts,
 * and /proc/net/pf_ring/dev/<ifname>/.
 */
#ifndef _PFR_DEV_H
#define _PFR_DEV_H

#include <linux/netdevice.h>

#define PFR_MAX_QUEUES		64	/* a bind's queue mask has 64 bits */

struct pfring_parsed;

/* Where the device's received packets are captured (RTNL writes). */
enum pfr_capture_point {
	PFR_CAPTURE_NONE,		/* no socket bound */
	PFR_CAPTURE_TAP,		/* mode 0: the packet tap */
	PFR_CAPTURE_TAP_FALLBACK,	/* modes 1/2, rx_handler taken */
	PFR_CAPTURE_HOOK,		/* modes 1/2: driver hook or rx_handler */
};

struct pfr_dev {
	struct list_head node;		/* pfr_devs: RTNL writers, RCU readers */
	struct net_device *dev;
	struct proc_dir_entry *dir;
	u32 soft_queues;		/* 0: the queues the driver records */
	bool raw_queue_mapping;		/* veth: queue_mapping is the sender's TX queue */
	bool driver_aware;		/* its driver called the PF_RING hook */
	bool fallback_logged;		/* "rx_handler taken" said once */
	u8 capture_point;		/* enum pfr_capture_point */
	u64 __percpu *queue_pkts;	/* PFR_MAX_QUEUES counters */
	struct rcu_head rcu;
};

struct pfr_dev *pfr_dev_find(const struct net_device *dev);	/* RTNL or RCU */
unsigned int pfr_dev_num_queues(const struct pfr_dev *pd);
void pfr_dev_register(struct net_device *dev);			/* RTNL */
void pfr_dev_unregister(struct net_device *dev);		/* RTNL */
void pfr_dev_rename(struct net_device *dev);			/* RTNL */

/* Software queues in use: the hook must parse the flow for them. */
static inline u32 pfr_dev_soft_queues(const struct pfr_dev *pd)
{
	return pd ? READ_ONCE(pd->soft_queues) : 0;
}

static inline void pfr_dev_count(struct pfr_dev *pd, unsigned int queue)
{
	this_cpu_inc(pd->queue_pkts[min(queue, PFR_MAX_QUEUES - 1U)]);
}

#endif /* _PFR_DEV_H */
