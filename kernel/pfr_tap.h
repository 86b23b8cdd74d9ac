/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_TAP_H
#define _PFR_TAP_H

#include <linux/netdevice.h>

struct pfr_sock;

/*
 * One ETH_P_ALL hook per (network namespace, device) with bound sockets;
 * dev == NULL hooks every device of the namespace.  Taps and their
 * socket lists change under RTNL and are walked under RCU.
 */
struct pfr_tap {
	struct packet_type pt;
	struct net *net;
	struct net_device *dev;
	struct list_head socks;
	struct list_head node;		/* in pfr_taps */
	unsigned int nsocks;
	struct rcu_head rcu;
};

int pfr_tap_bind(struct pfr_sock *ps, struct net *net, int ifindex,
		 u64 queue_mask);
bool pfr_tap_unbind(struct pfr_sock *ps);
unsigned int pfr_tap_nsocks(const struct net_device *dev);
int pfr_tap_init(void);
void pfr_tap_exit(void);

#endif /* _PFR_TAP_H */
