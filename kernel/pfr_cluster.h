/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_CLUSTER_H
#define _PFR_CLUSTER_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

struct pfr_flow_ctx;
struct pfr_sock;

/* The members of a cluster, replaced as a whole when one joins or leaves,
 * so that every packet sees one consistent set.
 */
struct pfr_members {
	unsigned int n;
	struct rcu_head rcu;
	struct pfr_sock *sock[];
};

struct pfr_cluster {
	struct list_head node;		/* in tap->clusters: RCU, RTNL */
	u32 id;
	u32 type;			/* enum pfring_cluster_type_sel */
	atomic_t next;			/* round robin */
	struct pfr_members __rcu *members;
	struct rcu_head rcu;
};

int pfr_cluster_join(struct list_head *clusters, struct pfr_sock *ps);
void pfr_cluster_leave(struct list_head *clusters, struct pfr_sock *ps);
struct pfr_sock *pfr_cluster_pick(struct pfr_cluster *c,
				  struct pfr_flow_ctx *flow);
unsigned int pfr_cluster_queue_nsocks(struct pfr_cluster *c, unsigned int q);

#endif /* _PFR_CLUSTER_H */
