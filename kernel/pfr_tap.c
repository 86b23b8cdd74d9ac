// SPDX-License-Identifier: GPL-2.0
/*
 * The receive hook: NIC -> tap -> socket rings.
 *
 * A tap is an ETH_P_ALL packet_type registered on one device (or on
 * all devices, for sockets bound to "any").  Every packet the device
 * receives or sends passes through pfr_tap_rcv(), which copies it into
 * the ring of each active socket bound there.  Taps exist only while a
 * socket is bound, so devices nobody captures on pay nothing.
 *
 * Binding, unbinding and device removal run under RTNL; the hook runs
 * under RCU and never sleeps, allocates or takes a lock other than the
 * ring's producer lock.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "pfr_main.h"
#include "pfr_proc.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

static LIST_HEAD(pfr_taps);		/* RTNL writers, RCU readers */

static void pfr_deliver(struct pfr_sock *ps, const struct sk_buff *skb,
			const struct pfr_pkt_meta *meta)
{
	struct pfr_ring *r = &ps->ring;
	u32 prod;
	bool ok;

	/* Pairs with the release in activation: the ring is set up. */
	if (!smp_load_acquire(&ps->active))
		return;
	if (!(READ_ONCE(ps->dir_mask) & BIT(meta->direction)))
		return;
	if (ps->protocol != htons(ETH_P_ALL) && ps->protocol != skb->protocol)
		return;
	if (meta->direction == PFRING_DIR_RX && ps->queue_mask &&
	    (meta->rx_queue >= 64 || !(ps->queue_mask & BIT_ULL(meta->rx_queue))))
		return;

	if (pfr_quick_mode) {
		/* The user promised one producer per ring: no lock. */
		ok = __pfr_ring_write(r, skb, meta);
		prod = r->prod;
	} else {
		spin_lock(&r->lock);
		ok = __pfr_ring_write(r, skb, meta);
		prod = r->prod;
		spin_unlock(&r->lock);
	}
	if (ok)
		pfr_poll_kick(ps, prod);
}

static int pfr_tap_rcv(struct sk_buff *skb, struct net_device *dev,
		       struct packet_type *pt, struct net_device *orig_dev)
{
	struct pfr_tap *tap = container_of(pt, struct pfr_tap, pt);
	struct pfr_pkt_meta meta = { .ifindex = dev->ifindex };
	struct pfr_sock *ps;

	if (!tap->dev && !net_eq(dev_net(dev), tap->net))
		goto out;

	if (skb->pkt_type == PACKET_OUTGOING) {
		/* Loopback receives everything it sends: count it once. */
		if (!pfr_enable_tx_capture || (dev->flags & IFF_LOOPBACK))
			goto out;
		meta.direction = PFRING_DIR_TX;
	} else {
		meta.direction = PFRING_DIR_RX;
		if (skb_rx_queue_recorded(skb))
			meta.rx_queue = skb_get_rx_queue(skb);
	}

	list_for_each_entry_rcu(ps, &tap->socks, tap_node)
		pfr_deliver(ps, skb, &meta);
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
	INIT_LIST_HEAD(&tap->socks);
	tap->pt.type = htons(ETH_P_ALL);
	tap->pt.dev = dev;
	tap->pt.func = pfr_tap_rcv;
	if (dev)
		dev_hold(dev);
	list_add_rcu(&tap->node, &pfr_taps);
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
	list_del_rcu(&tap->node);
	__dev_remove_pack(&tap->pt);
	call_rcu(&tap->rcu, pfr_tap_free_rcu);
}

static void pfr_tap_detach(struct pfr_sock *ps)
{
	struct pfr_tap *tap = ps->tap;

	list_del_rcu(&ps->tap_node);
	tap->nsocks--;
	ps->tap = NULL;
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

	ASSERT_RTNL();
	if (ps->tap)
		return -EBUSY;
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
	list_add_tail_rcu(&ps->tap_node, &tap->socks);
	tap->nsocks++;
	ps->tap = tap;
	ps->ifindex = ifindex;
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
		list_for_each_entry_safe(ps, next, &tap->socks, tap_node) {
			pfr_tap_detach(ps);
			WRITE_ONCE(ps->dev_gone, true);
			pfr_ring_set_status(&ps->ring, PFRING_STATUS_DEV_GONE);
			WRITE_ONCE(ps->sk.sk_err, ENODEV);
			sk_error_report(&ps->sk);
			pfr_dbg("pf_ring: %s removed, socket %u unbound\n",
				dev->name, ps->id);
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
		pfr_proc_dev_add(dev);
		break;
	case NETDEV_CHANGENAME:
		pfr_proc_dev_del(dev);
		pfr_proc_dev_add(dev);
		break;
	case NETDEV_UNREGISTER:
		pfr_tap_dev_gone(dev);
		pfr_proc_dev_del(dev);
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
