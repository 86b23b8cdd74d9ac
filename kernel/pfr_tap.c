// SPDX-License-Identifier: GPL-2.0
/*
 * The receive hook: NIC -> tap -> socket rings.
 *
 * A tap is an ETH_P_ALL packet_type registered on one device (or on
 * all devices, for sockets bound to "any").  Every packet the device
 * receives or sends passes through pfr_tap_rcv(), which finds its
 * receive queue (the driver's, or a software queue by flow hash), then
 * copies it into the ring of each active socket bound there that wants
 * that queue, and of one member of each cluster.  Taps exist only while
 * a socket is bound, so devices nobody captures on pay nothing.
 *
 * Binding, unbinding and device removal run under RTNL; the hook runs
 * under RCU and never sleeps, allocates or takes a lock other than the
 * ring's producer lock.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "pfr_bpf.h"
#include "pfr_cluster.h"
#include "pfr_dev.h"
#include "pfr_flow.h"
#include "pfr_hook.h"
#include "pfr_main.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

static LIST_HEAD(pfr_taps);		/* RTNL writers, RCU readers */

/*
 * The socket-level filter (SO_ATTACH_FILTER at SOL_SOCKET, SO_ATTACH_BPF)
 * sees what it sees on AF_PACKET: the skb from its MAC header on, a
 * stripped VLAN tag in metadata.  The skb is shared with the other
 * taps, so it is put back as it was.  Out of line: the control block
 * it saves on the stack would give every packet a stack frame.
 */
static noinline u32 pfr_run_sk_filter(struct sk_filter *f, struct sk_buff *skb)
{
	int mac_off = pfr_skb_mac_off(skb);
	u32 res;

	__skb_push(skb, -mac_off);
	res = bpf_prog_run_save_cb(f->prog, skb);
	__skb_pull(skb, -mac_off);
	return res;
}

/*
 * Returns whether the socket is active (mode 2 keeps the packet then).
 * Inline in its two callers: a call level per packet.
 */
static __always_inline bool pfr_deliver(struct pfr_sock *ps, struct sk_buff *skb,
			const struct pfr_pkt_meta *meta)
{
	struct pfr_ring *r = &ps->ring;
	struct pfr_bpf *prog;
	struct sk_filter *skf;
	u32 snap = U32_MAX;
	u64 prod;
	bool ok;

	/* Pairs with the release in activation: the ring is set up. */
	if (!smp_load_acquire(&ps->active))
		return false;
	if (!(READ_ONCE(ps->dir_mask) & BIT(meta->direction)))
		return true;
	if (ps->protocol != htons(ETH_P_ALL) && ps->protocol != skb->protocol)
		return true;
	if (READ_ONCE(ps->queue_mask) &&
	    (!meta->queue_known || !pfr_sock_wants_queue(ps, meta->rx_queue)))
		return true;
	/* Filters run before the copy: a rejected packet costs no slot. */
	prog = rcu_dereference(ps->filter);
	if (prog) {
		snap = pfr_bpf_run(prog, skb, meta);
		if (!snap)
			return true;
	}
	skf = rcu_dereference(ps->sk.sk_filter);
	if (unlikely(skf)) {
		snap = min(snap, pfr_run_sk_filter(skf, skb));
		if (!snap)
			return true;
	}

	if (pfr_quick_mode) {
		/* The user promised one producer per ring: no lock. */
		ok = __pfr_ring_write(r, skb, meta, snap);
		prod = r->prod;
	} else {
		spin_lock(&r->lock);
		ok = __pfr_ring_write(r, skb, meta, snap);
		prod = r->prod;
		spin_unlock(&r->lock);
	}
	if (ok)
		pfr_poll_kick(ps, prod);
	return true;
}

/* The receive queue of a packet as captures see it. */
static __always_inline void pfr_tap_queue(struct pfr_dev *pd,
					  const struct sk_buff *skb,
					  struct pfr_flow_ctx *flow,
					  struct pfr_pkt_meta *meta)
{
	u32 soft = pfr_dev_soft_queues(pd);

	if (soft) {
		/* Both directions of a flow: one queue, sent or received. */
		u32 h = pfr_flow_hash(pfr_flow_get(flow), PFR_FLOW_5_TUPLE);

		meta->rx_queue = reciprocal_scale(h, soft);
	} else if (meta->direction == PFRING_DIR_TX) {
		return;
	} else if (pd && pd->raw_queue_mapping) {
		/* The sender may have more TX queues than we have RX queues. */
		meta->rx_queue = skb_get_queue_mapping(skb) %
				 pd->dev->real_num_rx_queues;
	} else if (!meta->queue_known && skb_rx_queue_recorded(skb)) {
		/* (The driver hook passes its queue in meta.) */
		meta->rx_queue = skb_get_rx_queue(skb);
	}
	meta->queue_known = true;
	if (pd)
		pfr_dev_count(pd, meta->rx_queue);
}

/*
 * Copies one packet into the rings of the tap's sockets and of one member
 * of each cluster; meta->direction and, when the caller knows it, the
 * hardware receive queue are filled in.  Returns whether an active socket
 * was there to take it.
 */
static __always_inline bool __pfr_tap_capture(struct pfr_tap *tap,
					      struct sk_buff *skb,
					      struct pfr_pkt_meta *meta)
{
	/*
	 * Distribution kernels zero every stack variable (INIT_STACK_ALL_ZERO):
	 * 80 bytes per packet here, though the parser writes the parsed
	 * block whole before anything reads it.
	 */
	struct pfr_flow_ctx flow __uninitialized;
	struct pfr_cluster *c;
	struct pfr_sock *ps;
	bool active = false;

	flow.skb = skb;
	flow.parsed = false;
	pfr_tap_queue(tap->pdev, skb, &flow, meta);
	list_for_each_entry_rcu(ps, &tap->socks, tap_node)
		active |= pfr_deliver(ps, skb, meta);
	list_for_each_entry_rcu(c, &tap->clusters, node) {
		ps = pfr_cluster_pick(c, &flow);
		if (ps)
			active |= pfr_deliver(ps, skb, meta);
	}
	return active;
}

/* For the driver hook; the tap's own receive path has it inline. */
bool pfr_tap_capture(struct pfr_tap *tap, struct sk_buff *skb,
		     struct pfr_pkt_meta *meta)
{
	return __pfr_tap_capture(tap, skb, meta);
}

static int pfr_tap_rcv(struct sk_buff *skb, struct net_device *dev,
		       struct packet_type *pt, struct net_device *orig_dev)
{
	struct pfr_tap *tap = container_of(pt, struct pfr_tap, pt);
	struct pfr_pkt_meta meta = { .ifindex = dev->ifindex };

	if (!tap->dev && !net_eq(dev_net(dev), tap->net))
		goto out;

	if (skb->pkt_type == PACKET_OUTGOING) {
		/* Loopback receives everything it sends: count it once. */
		if (!pfr_enable_tx_capture || (dev->flags & IFF_LOOPBACK))
			goto out;
		meta.direction = PFRING_DIR_TX;
	} else if (READ_ONCE(tap->rx_hooked)) {
		/* Modes 1 and 2: received packets are taken in pfr_hook.c. */
		goto out;
	} else {
		meta.direction = PFRING_DIR_RX;
	}
	__pfr_tap_capture(tap, skb, &meta);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct pfr_tap *pfr_tap_find(struct net *net, struct net_device *dev)
{
	struct pfr_tap *tap;

	list_for_each_entry(tap, &pfr_taps, node)
		if (tap->net == net && tap->dev == dev)
			return tap;
	return NULL;
}

static struct pfr_tap *pfr_tap_get(struct net *net, struct net_device *dev)
{
	struct pfr_tap *tap = pfr_tap_find(net, dev);

	if (tap)
		return tap;
	tap = kzalloc(sizeof(*tap), GFP_KERNEL);
	if (!tap)
		return NULL;
	tap->net = net;
	tap->dev = dev;
	tap->pdev = dev ? pfr_dev_find(dev) : NULL;
	INIT_LIST_HEAD(&tap->socks);
	INIT_LIST_HEAD(&tap->clusters);
	tap->pt.type = htons(ETH_P_ALL);
	tap->pt.dev = dev;
	tap->pt.func = pfr_tap_rcv;
	if (dev)
		dev_hold(dev);
	list_add_rcu(&tap->node, &pfr_taps);
	pfr_hook_attach(tap);
	/*
	 * The rx_handler takes what the device receives: without TX
	 * capture the packet tap would only cost every received packet a
	 * reference and a call, so it is left out.
	 */
	tap->pt_added = !tap->rx_hooked || pfr_enable_tx_capture;
	if (tap->pt_added)
		dev_add_pack(&tap->pt);
	return tap;
}

static void pfr_tap_free_rcu(struct rcu_head *head)
{
	struct pfr_tap *tap = container_of(head, struct pfr_tap, rcu);

	if (tap->dev)
		dev_put(tap->dev);
	kfree(tap);
}

/* The hook may still run on a removed tap until a grace period ends. */
static void pfr_tap_put_if_unused(struct pfr_tap *tap)
{
	if (tap->nsocks)
		return;
	pfr_hook_detach(tap);
	list_del_rcu(&tap->node);
	if (tap->pt_added)
		__dev_remove_pack(&tap->pt);
	call_rcu(&tap->rcu, pfr_tap_free_rcu);
}

static void pfr_tap_detach(struct pfr_sock *ps)
{
	struct pfr_tap *tap = ps->tap;

	if (ps->cluster)
		pfr_cluster_leave(&tap->clusters, ps);
	else
		list_del_rcu(&ps->tap_node);
	tap->nsocks--;
	WRITE_ONCE(ps->tap, NULL);
	if (ps->promisc) {
		dev_set_promiscuity(tap->dev, -1);
		ps->promisc = false;
	}
}

int pfr_tap_bind(struct pfr_sock *ps, struct net *net, int ifindex,
		 u64 queue_mask)
{
	struct net_device *dev = NULL;
	struct pfr_tap *tap;
	int err;

	ASSERT_RTNL();
	if (ps->tap)
		return -EBUSY;
	if (ifindex == PFRING_IFINDEX_ANY && queue_mask)
		return -EINVAL;
	if (ifindex != PFRING_IFINDEX_ANY) {
		dev = __dev_get_by_index(net, ifindex);
		if (!dev)
			return -ENODEV;
		if (!(dev->flags & IFF_UP))
			return -ENETDOWN;
	}
	tap = pfr_tap_get(net, dev);
	if (!tap)
		return -ENOMEM;

	WRITE_ONCE(ps->queue_mask, queue_mask);
	if (ps->in_cluster) {
		err = pfr_cluster_join(&tap->clusters, ps);
		if (err) {
			pfr_tap_put_if_unused(tap);
			return err;
		}
	} else {
		list_add_tail_rcu(&ps->tap_node, &tap->socks);
	}
	tap->nsocks++;
	WRITE_ONCE(ps->tap, tap);	/* pfr_tx.c reads them unlocked */
	WRITE_ONCE(ps->ifindex, ifindex);
	strscpy(ps->ifname, dev ? dev->name : "any", sizeof(ps->ifname));
	WRITE_ONCE(ps->dev_gone, false);
	pfr_ring_set_status(&ps->ring, 0);
	ps->was_bound = true;
	return 0;
}

/* Returns true if the socket was bound; the hook may then still be
 * using it until the caller's synchronize_net().
 */
bool pfr_tap_unbind(struct pfr_sock *ps)
{
	struct pfr_tap *tap = ps->tap;

	ASSERT_RTNL();
	if (!tap)
		return false;
	pfr_tap_detach(ps);
	pfr_tap_put_if_unused(tap);
	return true;
}

/*
 * Joins, leaves (req NULL) or changes cluster.  A bound socket moving
 * between the tap's socket list and a cluster waits for the hook to let
 * go of it first, so that no packet reaches it twice.
 */
int pfr_tap_set_cluster(struct pfr_sock *ps,
			const struct pfring_cluster_req *req)
{
	struct pfr_tap *tap;
	int err = 0;

	rtnl_lock();
	tap = ps->tap;
	if (tap) {
		if (ps->cluster)
			pfr_cluster_leave(&tap->clusters, ps);
		else
			list_del_rcu(&ps->tap_node);
		synchronize_net();
	}
	ps->in_cluster = req != NULL;
	if (req)
		ps->cluster_req = *req;
	if (tap && req)
		err = pfr_cluster_join(&tap->clusters, ps);
	if (err)
		ps->in_cluster = false;
	if (tap && !ps->cluster)
		list_add_tail_rcu(&ps->tap_node, &tap->socks);
	rtnl_unlock();
	return err;
}

unsigned int pfr_tap_queue_nsocks(const struct net_device *dev, unsigned int q)
{
	struct pfr_cluster *c;
	struct pfr_sock *ps;
	struct pfr_tap *tap;
	unsigned int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(tap, &pfr_taps, node) {
		if (tap->dev != dev)
			continue;
		list_for_each_entry_rcu(ps, &tap->socks, tap_node)
			n += pfr_sock_wants_queue(ps, q);
		list_for_each_entry_rcu(c, &tap->clusters, node)
			n += pfr_cluster_queue_nsocks(c, q);
	}
	rcu_read_unlock();
	return n;
}

unsigned int pfr_tap_nsocks(const struct net_device *dev)
{
	unsigned int n = 0;
	struct pfr_tap *tap;

	rcu_read_lock();
	list_for_each_entry_rcu(tap, &pfr_taps, node)
		if (tap->dev == dev)
			n += READ_ONCE(tap->nsocks);
	rcu_read_unlock();
	return n;
}

static void pfr_tap_sock_gone(struct pfr_sock *ps)
{
	pfr_dbg("pf_ring: %s removed, socket %u unbound\n", ps->ifname, ps->id);
	pfr_tap_detach(ps);
	WRITE_ONCE(ps->dev_gone, true);
	pfr_ring_set_status(&ps->ring, PFRING_STATUS_DEV_GONE);
	WRITE_ONCE(ps->sk.sk_err, ENODEV);
	sk_error_report(&ps->sk);
}

/* The device is going away: its sockets stop receiving and see POLLERR
 * and ENODEV; they may bind again, to this device once re-added.
 */
static void pfr_tap_dev_gone(struct net_device *dev)
{
	struct pfr_tap *tap, *next_tap;
	struct pfr_sock *ps, *next;

	list_for_each_entry_safe(tap, next_tap, &pfr_taps, node) {
		if (tap->dev != dev)
			continue;
		list_for_each_entry_safe(ps, next, &tap->socks, tap_node)
			pfr_tap_sock_gone(ps);
		while (!list_empty(&tap->clusters)) {
			struct pfr_cluster *c = list_first_entry(&tap->clusters,
								 struct pfr_cluster,
								 node);

			pfr_tap_sock_gone(rtnl_dereference(c->members)->sock[0]);
		}
		pfr_tap_put_if_unused(tap);
	}
}

static int pfr_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_REGISTER:
		pfr_dev_register(dev);
		break;
	case NETDEV_CHANGENAME:
		pfr_dev_rename(dev);
		break;
	case NETDEV_UNREGISTER:
		pfr_tap_dev_gone(dev);
		pfr_dev_unregister(dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block pfr_netdev_nb = {
	.notifier_call = pfr_netdev_event,
};

int pfr_tap_init(void)
{
	return register_netdevice_notifier(&pfr_netdev_nb);
}

void pfr_tap_exit(void)
{
	unregister_netdevice_notifier(&pfr_netdev_nb);
	/* Taps freed by call_rcu() must be gone before the module is. */
	rcu_barrier();
}
