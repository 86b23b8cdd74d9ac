/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_TAP_H
#define _PFR_TAP_H

#include <linux/netdevice.h>
#include <linux/pf_ring.h>

struct pfr_dev;
struct pfr_sock;

/*
 * One ETH_P_ALL hook per (network namespace, device) with bound sockets;
 * dev == NULL hooks every device of the namespace.  Taps, their socket
 * lists and their clusters change under RTNL and are walked under RCU.
 */
struct pfr_tap {
	struct packet_type pt;
	struct net *net;
	struct net_device *dev;
	struct pfr_dev *pdev;		/* dev's state; NULL for "any" */
	struct list_head socks;		/* sockets outside clusters */
	struct list_head clusters;	/* struct pfr_cluster */
	struct list_head node;		/* in pfr_taps */
	unsigned int nsocks;		/* all bound sockets */
	bool rx_hooked;			/* modes 1/2: our rx_handler is on dev */
	bool pt_added;			/* pt is registered (not for RX-only hooks) */
	bool driver_aware;		/* dev's driver calls the PF_RING hook */
	struct rcu_head rcu;
};

struct pfr_pkt_meta;

bool pfr_tap_capture(struct pfr_tap *tap, struct sk_buff *skb,
		     struct pfr_pkt_meta *meta);

int pfr_tap_bind(struct pfr_sock *ps, struct net *net, int ifindex,
		 u64 queue_mask);
bool pfr_tap_unbind(struct pfr_sock *ps);
int pfr_tap_set_cluster(struct pfr_sock *ps,
			const struct pfring_cluster_req *req);
unsigned int pfr_tap_nsocks(const struct net_device *dev);
unsigned int pfr_tap_queue_nsocks(const struct net_device *dev, unsigned int q);
int pfr_tap_init(void);
void pfr_tap_exit(void);

#endif /* _PFR_TAP_H */
