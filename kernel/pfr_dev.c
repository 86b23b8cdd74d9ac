// SPDX-License-Identifier: GPL-2.0
/*
 * Per-device state and /proc/net/pf_ring/dev/<ifname>/:
 *   info         index, address, queues, bound sockets, capture point
 *   queues       per receive queue: packets seen, sockets bound
 *   soft_queues  read/write: split the device's traffic into N software
 *                queues by symmetric flow hash (0: the driver's queues)
 */
#include <linux/if_arp.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/rtnetlink.h>

#include "pfr_dev.h"
#include "pfr_main.h"
#include "pfr_proc.h"
#include "pfr_tap.h"

static LIST_HEAD(pfr_devs);

struct pfr_dev *pfr_dev_find(const struct net_device *dev)
{
	struct pfr_dev *pd;

	list_for_each_entry_rcu(pd, &pfr_devs, node, lockdep_rtnl_is_held())
		if (pd->dev == dev)
			return pd;
	return NULL;
}

unsigned int pfr_dev_num_queues(const struct pfr_dev *pd)
{
	return pfr_dev_soft_queues(pd) ?: pd->dev->real_num_rx_queues;
}

static u64 pfr_dev_queue_pkts(const struct pfr_dev *pd, unsigned int q)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(pd->queue_pkts, cpu)[q];
	return sum;
}

static const char *pfr_dev_capture_point(const struct pfr_dev *pd)
{
	switch (READ_ONCE(pd->capture_point)) {
	case PFR_CAPTURE_TAP:
		return "packet tap (mode 0)";
	case PFR_CAPTURE_TAP_FALLBACK:
		return "packet tap (mode 0 fallback: another module holds the rx_handler)";
	case PFR_CAPTURE_HOOK:
		if (READ_ONCE(pd->driver_aware))
			return pfr_transparent_mode == 2 ?
			       "driver hook in NAPI (mode 2: captured packets skip the stack)" :
			       "driver hook in NAPI (mode 1)";
		return pfr_transparent_mode == 2 ?
		       "rx_handler (mode 2: captured packets skip the stack)" :
		       "rx_handler (mode 1)";
	}
	return "none (no socket bound)";
}

static int pfr_dev_info_show(struct seq_file *m, void *v)
{
	struct pfr_dev *pd = m->private;
	struct net_device *dev = pd->dev;

	seq_printf(m, "Name                     : %s\n", dev->name);
	seq_printf(m, "Index                    : %d\n", dev->ifindex);
	seq_printf(m, "Address                  : %pM\n", dev->dev_addr);
	seq_printf(m, "Type                     : %s\n",
		   dev->type == ARPHRD_ETHER ? "Ethernet" :
		   dev->type == ARPHRD_LOOPBACK ? "Loopback" : "Other");
	seq_printf(m, "Status                   : %s\n",
		   (dev->flags & IFF_UP) ? "Up" : "Down");
	seq_printf(m, "# RX queues              : %u\n",
		   dev->real_num_rx_queues);
	seq_printf(m, "# TX queues              : %u\n",
		   dev->real_num_tx_queues);
	seq_printf(m, "# software queues        : %u\n", pfr_dev_soft_queues(pd));
	seq_printf(m, "Bound sockets            : %u\n", pfr_tap_nsocks(dev));
	seq_printf(m, "PF_RING-aware driver     : %s\n",
		   READ_ONCE(pd->driver_aware) ? "yes (its NAPI hook ran)" :
		   "not seen (no packet through a driver hook yet)");
	seq_printf(m, "Capture point            : %s\n",
		   pfr_dev_capture_point(pd));
	seq_printf(m, "TX capture               : %s\n",
		   pfr_enable_tx_capture ? "yes" : "no (enable_tx_capture=0)");
	return 0;
}

static int pfr_dev_queues_show(struct seq_file *m, void *v)
{
	struct pfr_dev *pd = m->private;
	unsigned int q, n = min(pfr_dev_num_queues(pd), PFR_MAX_QUEUES);

	seq_printf(m, "%-6s %-20s %s\n", "Queue", "Packets", "Sockets");
	for (q = 0; q < n; q++)
		seq_printf(m, "%-6u %-20llu %u\n", q, pfr_dev_queue_pkts(pd, q),
			   pfr_tap_queue_nsocks(pd->dev, q));
	return 0;
}

static int pfr_dev_soft_queues_show(struct seq_file *m, void *v)
{
	struct pfr_dev *pd = m->private;

	seq_printf(m, "%u\n", pfr_dev_soft_queues(pd));
	return 0;
}

static int pfr_dev_soft_queues_open(struct inode *inode, struct file *file)
{
	return single_open(file, pfr_dev_soft_queues_show, pde_data(inode));
}

static ssize_t pfr_dev_soft_queues_write(struct file *file,
					 const char __user *buf, size_t len,
					 loff_t *ppos)
{
	struct pfr_dev *pd = ((struct seq_file *)file->private_data)->private;
	unsigned int n;
	int err;

	err = kstrtouint_from_user(buf, len, 0, &n);
	if (err)
		return err;
	if (n > PFR_MAX_QUEUES)
		return -EINVAL;
	WRITE_ONCE(pd->soft_queues, n);
	return len;
}

static const struct proc_ops pfr_dev_soft_queues_ops = {
	.proc_open = pfr_dev_soft_queues_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
	.proc_write = pfr_dev_soft_queues_write,
};

static int pfr_dev_proc_add(struct pfr_dev *pd)
{
	struct proc_dir_entry *parent = pfr_proc_dev_dir(dev_net(pd->dev));

	pd->dir = proc_mkdir(pd->dev->name, parent);
	if (!pd->dir ||
	    !proc_create_single_data("info", 0444, pd->dir,
				     pfr_dev_info_show, pd) ||
	    !proc_create_single_data("queues", 0444, pd->dir,
				     pfr_dev_queues_show, pd) ||
	    !proc_create_data("soft_queues", 0644, pd->dir,
			      &pfr_dev_soft_queues_ops, pd)) {
		proc_remove(pd->dir);
		pd->dir = NULL;
		return -ENOMEM;
	}
	return 0;
}

static bool pfr_dev_is_veth(const struct net_device *dev)
{
	return dev->rtnl_link_ops && !strcmp(dev->rtnl_link_ops->kind, "veth");
}

void pfr_dev_register(struct net_device *dev)
{
	struct pfr_dev *pd;

	ASSERT_RTNL();
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		goto err;
	pd->queue_pkts = __alloc_percpu(PFR_MAX_QUEUES * sizeof(u64),
					sizeof(u64));
	if (!pd->queue_pkts)
		goto err;
	pd->dev = dev;
	pd->soft_queues = pfr_soft_queues;
	pd->raw_queue_mapping = pfr_dev_is_veth(dev);
	if (pfr_dev_proc_add(pd))
		goto err;
	list_add_rcu(&pd->node, &pfr_devs);
	return;
err:
	if (pd)
		free_percpu(pd->queue_pkts);
	kfree(pd);
	pr_warn("pf_ring: no memory for the state of %s: its queues are not shown\n",
		dev->name);
}

static void pfr_dev_free_rcu(struct rcu_head *head)
{
	struct pfr_dev *pd = container_of(head, struct pfr_dev, rcu);

	free_percpu(pd->queue_pkts);
	kfree(pd);
}

void pfr_dev_unregister(struct net_device *dev)
{
	struct pfr_dev *pd = pfr_dev_find(dev);

	ASSERT_RTNL();
	if (!pd)
		return;
	/* Waits for readers of the files, which look at pd and dev. */
	proc_remove(pd->dir);
	list_del_rcu(&pd->node);
	call_rcu(&pd->rcu, pfr_dev_free_rcu);
}

void pfr_dev_rename(struct net_device *dev)
{
	struct pfr_dev *pd = pfr_dev_find(dev);

	ASSERT_RTNL();
	if (!pd)
		return;
	proc_remove(pd->dir);
	if (pfr_dev_proc_add(pd))
		pr_warn("pf_ring: no memory for /proc of %s\n", dev->name);
}
