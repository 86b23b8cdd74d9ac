// SPDX-License-Identifier: GPL-2.0
/*
 * pf_ring.ko: the PF_RING capture socket.
 *
 * Where each step of the data path lives:
 *   pfr_tap.c     NIC -> ETH_P_ALL hook per bound device -> queue -> sockets
 *   pfr_hook.c    modes 1/2: the driver hook and the rx_handler feed the tap
 *   pfr_bpf.c     per-socket filters, run before the copy
 *   pfr_dev.c     per-device state: receive queues, software queues
 *   pfr_flow.c    flow keys and the symmetric flow hash
 *   pfr_cluster.c clusters: one member per packet
 *   pfr_ring.c    ring memory and the producer copying into a slot
 *   pfr_parse.c   L2-L4 header parser (shared with the library)
 *   pfr_poll.c    waking the reader: watermark and timeout
 *   pfr_sock.c    socket family, bind, mmap, release
 *   pfr_sockopt.c socket options
 *   pfr_tx.c      send(): transmit on the bound device
 *   pfr_proc.c    /proc/net/pf_ring
 * The user-space side of the ring protocol is in <linux/pf_ring.h>.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>

#include "pfr_dev.h"
#include "pfr_flow.h"
#include "pfr_hook.h"
#include "pfr_main.h"
#include "pfr_proc.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

unsigned int pfr_min_num_slots = 4096;
unsigned int pfr_transparent_mode;
bool pfr_enable_tx_capture = true;
bool pfr_quick_mode;
bool pfr_enable_debug;
unsigned int pfr_soft_queues;

static int pfr_param_set_slots(const char *val, const struct kernel_param *kp)
{
	int err = param_set_uint_minmax(val, kp, PFRING_MIN_SLOTS,
					PFRING_MAX_SLOTS);

	if (err)
		pr_err("pf_ring: min_num_slots=%s: must be a number from %u to %u\n",
		       val, PFRING_MIN_SLOTS, PFRING_MAX_SLOTS);
	return err;
}

static int pfr_param_set_mode(const char *val, const struct kernel_param *kp)
{
	unsigned int mode;

	if (kstrtouint(val, 0, &mode) || mode > 2) {
		pr_err("pf_ring: transparent_mode=%s: must be 0, 1 or 2\n", val);
		return -EINVAL;
	}
	*(unsigned int *)kp->arg = mode;
	return 0;
}

static int pfr_param_set_queues(const char *val, const struct kernel_param *kp)
{
	int err = param_set_uint_minmax(val, kp, 0, PFR_MAX_QUEUES);

	if (err)
		pr_err("pf_ring: soft_queues=%s: must be a number from 0 to %u\n",
		       val, PFR_MAX_QUEUES);
	return err;
}

static int pfr_param_set_bool(const char *val, const struct kernel_param *kp)
{
	int err = param_set_bool(val, kp);

	if (err)
		pr_err("pf_ring: %s=%s: must be 0 or 1\n", kp->name, val);
	return err;
}

static const struct kernel_param_ops pfr_slots_ops = {
	.set = pfr_param_set_slots,
	.get = param_get_uint,
};

static const struct kernel_param_ops pfr_mode_ops = {
	.set = pfr_param_set_mode,
	.get = param_get_uint,
};

static const struct kernel_param_ops pfr_queues_ops = {
	.set = pfr_param_set_queues,
	.get = param_get_uint,
};

static const struct kernel_param_ops pfr_bool_ops = {
	.set = pfr_param_set_bool,
	.get = param_get_bool,
};

module_param_cb(min_num_slots, &pfr_slots_ops, &pfr_min_num_slots, 0444);
MODULE_PARM_DESC(min_num_slots, "Full-size packets a ring holds at least; its memory is rounded up to a power of two (default 4096)");
module_param_cb(transparent_mode, &pfr_mode_ops, &pfr_transparent_mode, 0444);
MODULE_PARM_DESC(transparent_mode, "0: packet tap; 1: capture in the driver (PF_RING-aware) or rx_handler; 2: as 1, captured packets skip the stack (default 0)");
module_param_cb(enable_tx_capture, &pfr_bool_ops, &pfr_enable_tx_capture, 0444);
MODULE_PARM_DESC(enable_tx_capture, "Capture transmitted packets too (default 1)");
module_param_cb(quick_mode, &pfr_bool_ops, &pfr_quick_mode, 0444);
MODULE_PARM_DESC(quick_mode, "No producer lock: one producer CPU per ring assumed (default 0)");
module_param_cb(soft_queues, &pfr_queues_ops, &pfr_soft_queues, 0444);
MODULE_PARM_DESC(soft_queues, "Software queues per device, by symmetric flow hash (default 0: the driver's queues)");
module_param_cb(enable_debug, &pfr_bool_ops, &pfr_enable_debug, 0444);
MODULE_PARM_DESC(enable_debug, "Log socket events (default 0)");

static void pfr_check_abi(void)
{
	BUILD_BUG_ON(sizeof(struct sockaddr_pfring) != 16);
	BUILD_BUG_ON(sizeof(struct pfring_ring_info) != 64);
	BUILD_BUG_ON(sizeof(struct pfring_ring_hdr) != 192);
	BUILD_BUG_ON(sizeof(struct pfring_parsed) != 64);
	BUILD_BUG_ON(sizeof(struct pfring_slot) != 96);
	BUILD_BUG_ON(sizeof(struct pfring_stats) != 64);
	BUILD_BUG_ON(sizeof(struct pfring_cluster_req) != 16);
}

static int __init pfr_init(void)
{
	int err;

	pfr_check_abi();
	pfr_flow_init();

	err = proto_register(&pfr_proto, 0);
	if (err)
		return err;
	err = pfr_proc_init();
	if (err)
		goto err_proto;
	err = pfr_tap_init();
	if (err)
		goto err_proc;
	pfr_hook_init();
	err = sock_register(&pfr_family_ops);
	if (err)
		goto err_hook;

	pr_info("pf_ring: version %s loaded (min_num_slots=%u transparent_mode=%u enable_tx_capture=%d quick_mode=%d)\n",
		PFRING_MODULE_VERSION, pfr_min_num_slots, pfr_transparent_mode,
		pfr_enable_tx_capture, pfr_quick_mode);
	return 0;

err_hook:
	pfr_hook_exit();
	pfr_tap_exit();
err_proc:
	pfr_proc_exit();
err_proto:
	proto_unregister(&pfr_proto);
	return err;
}

static void __exit pfr_exit(void)
{
	sock_unregister(PF_RING);
	pfr_sock_exit();
	pfr_hook_exit();
	pfr_tap_exit();
	pfr_proc_exit();
	proto_unregister(&pfr_proto);
	pr_info("pf_ring: unloaded\n");
}

module_init(pfr_init);
module_exit(pfr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("PF_RING packet capture socket");
MODULE_VERSION(PFRING_MODULE_VERSION);
MODULE_ALIAS_NETPROTO(PF_RING);
