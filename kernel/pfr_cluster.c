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

/*
 * The member for this packet: by turn or by flow hash, moving on to the
 * next member while the chosen one is not active, so that a member that
 * is joined but not yet enabled loses nothing for the others.
 */
struct pfr_sock *pfr_cluster_pick(struct pfr_cluster *c,
				  struct pfr_flow_ctx *flow)
{
	struct pfr_members *m = rcu_dereference(c->members);
	struct pfr_sock *ps;
	u32 i, tries;

	if (c->type == PFRING_CLUSTER_ROUND_ROBIN)
		i = (u32)atomic_inc_return(&c->next) % m->n;
	else
		i = reciprocal_scale(pfr_flow_hash(pfr_flow_get(flow),
						   pfr_cluster_fields[c->type]),
				     m->n);
	for (tries = 0; tries < m->n; tries++) {
		ps = m->sock[i];
		if (READ_ONCE(ps->active))
			return ps;
		i = i + 1 == m->n ? 0 : i + 1;
	}
	return NULL;
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
			break;
	if (list_entry_is_head(c, clusters, node))
		c = NULL;
	if (c && c->type != req->type)
		return -EINVAL;

	/* A cluster exists only with members: it is published with one. */
	old = c ? rtnl_dereference(c->members) : NULL;
	new = pfr_members_alloc(old ? old->n + 1 : 1, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	if (!c) {
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c) {
			kfree(new);
			return -ENOMEM;
		}
		c->id = req->cluster_id;
		c->type = req->type;
	}
	for (i = 0, j = 0; old && i < old->n; i++) {
		if (j == i && old->sock[i]->cluster_req.position > req->position)
			new->sock[j++] = ps;
		new->sock[j++] = old->sock[i];
	}
	if (j == new->n - 1)
		new->sock[j] = ps;
	rcu_assign_pointer(c->members, new);
	if (old)
		kfree_rcu(old, rcu);
	else
		list_add_tail_rcu(&c->node, clusters);
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
