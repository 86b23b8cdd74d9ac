// SPDX-License-Identifier: GPL-2.0
/*
 * Transparent modes 1 and 2: received packets are taken before the
 * stack sees them, and in mode 2 kept from it.
 *
 *   NIC driver (PF_RING-aware) -> pfring_driver_rx() -> pfr_driver_rx()
 *   any driver -> __netif_receive_skb_core -> pfr_rx_handler()
 *
 * A tap on a device gets the device's rx_handler when modes 1/2 are on;
 * that handler also lets the driver hook find the tap (rx_handler_data),
 * without a lookup per packet.  A packet the driver hook took is marked
 * by the device (tap->driver_aware), so the rx_handler passes it on
 * untouched, and the packet tap skips received packets altogether: each
 * packet is captured once.  Mode 2 consumes a packet only when an active
 * socket is bound there, so a device without a capture behaves normally.
 * When another module (bridge, bond, macvlan) holds the rx_handler the
 * device stays with the packet tap, as in mode 0, and says so.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pf_ring_driver.h>
#include <linux/rtnetlink.h>

#include "pfr_dev.h"
#include "pfr_hook.h"
#include "pfr_main.h"
#include "pfr_ring.h"
#include "pfr_tap.h"

static int (*pfr_hook_set)(const struct pfring_driver_hook *hook);

/* Captures a received packet; true if mode 2 keeps it from the stack. */
static bool pfr_hook_capture(struct pfr_tap *tap, struct sk_buff *skb,
			     struct pfr_pkt_meta *meta)
{
	meta->ifindex = skb->dev->ifindex;
	meta->direction = PFRING_DIR_RX;
	return pfr_tap_capture(tap, skb, meta) && pfr_transparent_mode == 2;
}

static rx_handler_result_t pfr_rx_handler(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct pfr_tap *tap = rcu_dereference(skb->dev->rx_handler_data);
	struct pfr_pkt_meta meta = {};

	/* Already taken by the driver hook (mode 1: passed on to here). */
	if (READ_ONCE(tap->driver_aware))
		return RX_HANDLER_PASS;
	if (pfr_hook_capture(tap, skb, &meta)) {
		consume_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	return RX_HANDLER_PASS;
}

static bool pfr_driver_rx(struct sk_buff *skb, unsigned int rx_queue)
{
	struct net_device *dev = skb->dev;
	struct pfr_pkt_meta meta = {
		.rx_queue = rx_queue,
		.queue_known = true,
	};
	struct pfr_tap *tap;

	/* No capture on this device (or only the mode 0 fallback). */
	if (rcu_access_pointer(dev->rx_handler) != pfr_rx_handler)
		return true;
	tap = rcu_dereference(dev->rx_handler_data);
	if (unlikely(!tap))
		return true;
	if (unlikely(!READ_ONCE(tap->driver_aware))) {
		WRITE_ONCE(tap->driver_aware, true);
		if (tap->pdev)
			WRITE_ONCE(tap->pdev->driver_aware, true);
	}
	if (pfr_hook_capture(tap, skb, &meta)) {
		consume_skb(skb);
		return false;
	}
	return true;
}

static const struct pfring_driver_hook pfr_driver_hook = {
	.rx = pfr_driver_rx,
};

static void pfr_hook_set_point(struct pfr_tap *tap, u8 point)
{
	if (tap->pdev)
		WRITE_ONCE(tap->pdev->capture_point, point);
}

void pfr_hook_attach(struct pfr_tap *tap)
{
	struct pfr_dev *pd = tap->pdev;
	int err;

	ASSERT_RTNL();
	if (!tap->dev)
		return;		/* "any": the packet tap, whatever the mode */
	if (!pfr_transparent_mode) {
		pfr_hook_set_point(tap, PFR_CAPTURE_TAP);
		return;
	}
	err = netdev_rx_handler_register(tap->dev, pfr_rx_handler, tap);
	if (err) {
		if (pd && !pd->fallback_logged) {
			pr_info("pf_ring: %s: rx_handler held by another module (bridge, bond, macvlan?): capturing with the packet tap as in mode 0\n",
				tap->dev->name);
			pd->fallback_logged = true;
		}
		pfr_hook_set_point(tap, PFR_CAPTURE_TAP_FALLBACK);
		return;
	}
	/* The driver hook may run before the tap learns it is aware. */
	tap->driver_aware = pd && READ_ONCE(pd->driver_aware);
	WRITE_ONCE(tap->rx_hooked, true);
	pfr_hook_set_point(tap, PFR_CAPTURE_HOOK);
}

void pfr_hook_detach(struct pfr_tap *tap)
{
	ASSERT_RTNL();
	if (tap->rx_hooked) {
		/* Waits for the handlers and driver hooks running on it. */
		netdev_rx_handler_unregister(tap->dev);
		WRITE_ONCE(tap->rx_hooked, false);
	}
	pfr_hook_set_point(tap, PFR_CAPTURE_NONE);
}

bool pfr_hook_driver_registered(void)
{
	return pfr_hook_set != NULL;
}

/*
 * Connects to pf_ring_hook.ko if it is loaded (drivers patched for PF_RING
 * load it); without it modes 1 and 2 still work through the rx_handler.
 */
void pfr_hook_init(void)
{
	int (*set)(const struct pfring_driver_hook *hook);

	if (!pfr_transparent_mode)
		return;
	set = symbol_get(pfring_driver_hook_set);
	if (!set) {
		pr_info("pf_ring: pf_ring_hook.ko not loaded: PF_RING-aware drivers are not used, modes 1/2 capture in the rx_handler\n");
		return;
	}
	if (set(&pfr_driver_hook)) {
		pr_warn("pf_ring: another driver hook is registered; not using PF_RING-aware drivers\n");
		symbol_put(pfring_driver_hook_set);
		return;
	}
	pfr_hook_set = set;
}

void pfr_hook_exit(void)
{
	if (!pfr_hook_set)
		return;
	pfr_hook_set(NULL);	/* waits for drivers inside the hook */
	symbol_put(pfring_driver_hook_set);
	pfr_hook_set = NULL;
}
