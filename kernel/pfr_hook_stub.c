// SPDX-License-Identifier: GPL-2.0
/*
 * pf_ring_hook.ko: the one symbol PF_RING-aware drivers link against.
 *
 * Drivers call pfring_driver_rx() (<linux/pf_ring_driver.h>), which
 * follows the pointer kept here.  pf_ring.ko sets it when it loads and
 * clears it when it unloads, so neither the drivers nor this stub pin
 * pf_ring.ko in memory.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pf_ring_driver.h>

const struct pfring_driver_hook __rcu *pfring_driver_hook;
EXPORT_SYMBOL_GPL(pfring_driver_hook);

static DEFINE_MUTEX(pfring_hook_lock);

/* Sets (hook) or clears (NULL) the hook; -EBUSY if another one is set. */
int pfring_driver_hook_set(const struct pfring_driver_hook *hook)
{
	const struct pfring_driver_hook *old;
	int err = 0;

	mutex_lock(&pfring_hook_lock);
	old = rcu_dereference_protected(pfring_driver_hook,
					lockdep_is_held(&pfring_hook_lock));
	if (hook && old)
		err = -EBUSY;
	else
		rcu_assign_pointer(pfring_driver_hook, hook);
	mutex_unlock(&pfring_hook_lock);
	/* Drivers in their NAPI poll may still be running the old hook. */
	if (!err && !hook)
		synchronize_net();
	return err;
}
EXPORT_SYMBOL_GPL(pfring_driver_hook_set);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("PF_RING driver hook (the symbol PF_RING-aware drivers use)");
