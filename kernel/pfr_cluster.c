// SPDX-License-Identifier: GPL-2.0
/*
 * Clusters: sockets of one tap that share its packets, one member per
 * packet.  Changes run under RTNL and publish a new member array; the
 * hook reads the array under RCU, so a packet goes to exactly one member
 * while members come and go.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "pfr_cluster.h"
#include "pfr_flow.h"
#include "pfr_sock.h"

static const enum pfr_flow_fields pfr_cluster_fields[] = {
	[PFRING_CLUSTER_PER_FLOW] = PFR_FLOW_6_TUPLE,
	[PFRING_CLUSTER_PER_FLOW_2_TUPLE] = PFR_FLOW_2_TUPLE,
	[PFRING_CLUSTER_PER_FLOW_4_TUPLE] = PFR_FLOW_4_TUPLE,
	[PFRING_CLUSTER_PER_FLOW_5_TUPLE] = PFR_FLOW_5_TUPLE,
	[PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE] = PFR_FLOW_TCP_5_TUPLE,
};

struct pfr_sock *pfr_cluster_pick(struct pfr_cluster *c,
				  struct pfr_flow_ctx *flow)
{
	struct pfr_members *m = rcu_dereference(c->members);
	u32 i;

	if (!m->n)
		return NULL;
	if (c->type == PFRING_CLUSTER_ROUND_ROBIN)
		i = (u32)atomic_inc_return(&c->next) % m->n;
	else
		i = reciprocal_scale(pfr_flow_hash(pfr_flow_get(flow),
						   pfr_cluster_fields[c->type]),
				     m->n);
	return READ_ONCE(m->sock[i]);
}

unsigned int pfr_cluster_queue_nsocks(struct pfr_cluster *c, unsigned int q)
{
	struct pfr_members *m = rcu_dereference(c->members);
	unsigned int i, n = 0;

	for (i = 0; i < m->n; i++)
		n += pfr_sock_wants_queue(m->sock[i], q);
	return n;
}

static struct pfr_members *pfr_members_alloc(unsigned int n, gfp_t gfp)
{
	struct pfr_members *m = kzalloc(struct_size(m, sock, n), gfp);

	if (m)
		m->n = n;
	return m;
}

/* Members ordered by position; equal positions in the order they came. */
int pfr_cluster_join(struct list_head *clusters, struct pfr_sock *ps)
{
	const struct pfring_cluster_req *req = &ps->cluster_req;
	struct pfr_members *old, *new;
	struct pfr_cluster *c;
	unsigned int i, j;

	ASSERT_RTNL();
	list_for_each_entry(c, clusters, node)
		if (c->id == req->cluster_id)
			goto found;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	old = pfr_members_alloc(0, GFP_KERNEL);
	if (!old) {
		kfree(c);
		return -ENOMEM;
	}
	c->id = req->cluster_id;
	c->type = req->type;
	RCU_INIT_POINTER(c->members, old);
	list_add_tail_rcu(&c->node, clusters);
found:
	if (c->type != req->type)
		return -EINVAL;
	old = rtnl_dereference(c->members);
	new = pfr_members_alloc(old->n + 1, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	for (i = 0, j = 0; i < old->n; i++) {
		if (j == i && old->sock[i]->cluster_req.position > req->position)
			new->sock[j++] = ps;
		new->sock[j++] = old->sock[i];
	}
	if (j == old->n)
		new->sock[j] = ps;
	rcu_assign_pointer(c->members, new);
	kfree_rcu(old, rcu);
	ps->cluster = c;
	return 0;
}

void pfr_cluster_leave(struct list_head *clusters, struct pfr_sock *ps)
{
	struct pfr_cluster *c = ps->cluster;
	struct pfr_members *old, *new;
	unsigned int i, j;

	ASSERT_RTNL();
	ps->cluster = NULL;
	old = rtnl_dereference(c->members);
	if (old->n == 1) {
		list_del_rcu(&c->node);
		kfree_rcu(old, rcu);
		kfree_rcu(c, rcu);
		return;
	}
	/* A leaving socket is freed soon after: this must not fail. */
	new = pfr_members_alloc(old->n - 1, GFP_KERNEL | __GFP_NOFAIL);
	for (i = 0, j = 0; i < old->n; i++)
		if (old->sock[i] != ps)
			new->sock[j++] = old->sock[i];
	rcu_assign_pointer(c->members, new);
	kfree_rcu(old, rcu);
}
