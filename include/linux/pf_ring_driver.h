/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PF_RING driver hook: kernel-internal, not part of the user ABI.
 *
 * A PF_RING-aware driver calls pfring_driver_rx() from its NAPI poll for
 * every packet it receives, once skb->protocol is set (after
 * eth_type_trans()) and before the packet goes to GRO or the stack.  With
 * pf_ring.ko loaded in transparent_mode 1 or 2 and a socket bound to the
 * device, the packet is captured there, once (the module's own tap then
 * skips it).  The return value says what the driver does next:
 *   true   pass the skb on as usual (no capture, mode 0 or 1, or mode 2
 *          with no active socket on the device);
 *   false  mode 2: the packet was captured and freed; the driver must not
 *          touch the skb again.
 *
 * The hook pointer lives in pf_ring_hook.ko, a stub a patched driver
 * depends on, so that pf_ring.ko itself can be loaded and unloaded at
 * any time; without it registered the call costs one load and a branch.
 */
#ifndef _LINUX_PF_RING_DRIVER_H
#define _LINUX_PF_RING_DRIVER_H

#ifndef __KERNEL__
#error "pf_ring_driver.h is for drivers; user space includes <linux/pf_ring.h>"
#endif

#include <linux/rcupdate.h>
#include <linux/skbuff.h>

struct pfring_driver_hook {
	bool (*rx)(struct sk_buff *skb, unsigned int rx_queue);
};

/* Set by pf_ring.ko through pfring_driver_hook_set(); RCU. */
extern const struct pfring_driver_hook __rcu *pfring_driver_hook;

int pfring_driver_hook_set(const struct pfring_driver_hook *hook);

static inline bool pfring_driver_rx(struct sk_buff *skb, unsigned int rx_queue)
{
	const struct pfring_driver_hook *hook;
	bool pass = true;

	rcu_read_lock();
	hook = rcu_dereference(pfring_driver_hook);
	if (hook)
		pass = hook->rx(skb, rx_queue);
	rcu_read_unlock();
	return pass;
}

#endif /* _LINUX_PF_RING_DRIVER_H */
