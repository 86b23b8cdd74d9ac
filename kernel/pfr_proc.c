// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/pf_ring/ in every network namespace:
 *   info                 version, module parameters, number of rings
 *   dev/<ifname>/        one directory per device (pfr_dev.c)
 *   <pid>-<ifname>.<id>  one file per bound socket
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "pfr_hook.h"
#include "pfr_main.h"
#include "pfr_proc.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

struct pfr_net {
	struct proc_dir_entry *dir;
	struct proc_dir_entry *dev_dir;
	atomic_t nr_rings;
};

static unsigned int pfr_net_id __read_mostly;

static struct pfr_net *pfr_net(struct net *net)
{
	return net_generic(net, pfr_net_id);
}

void pfr_proc_count_ring(struct net *net, int delta)
{
	atomic_add(delta, &pfr_net(net)->nr_rings);
}

static int pfr_proc_info_show(struct seq_file *m, void *v)
{
	struct pfr_net *pn = pfr_net(seq_file_single_net(m));

	seq_printf(m, "PF_RING Version          : %s\n", PFRING_MODULE_VERSION);
	seq_printf(m, "Ring Version             : %d\n", PFRING_RING_VERSION);
	seq_printf(m, "Total rings              : %d\n",
		   atomic_read(&pn->nr_rings));
	seq_printf(m, "Transparent mode         : %u\n", pfr_transparent_mode);
	seq_printf(m, "PF_RING-aware drivers    : %s\n",
		   !pfr_transparent_mode ? "not used (mode 0)" :
		   pfr_hook_driver_registered() ? "used (pf_ring_hook.ko)" :
		   "not used (pf_ring_hook.ko was not loaded first)");
	seq_printf(m, "Min # ring slots         : %u\n", pfr_min_num_slots);
	seq_printf(m, "Slot header length       : %zu\n",
		   sizeof(struct pfring_slot));
	seq_printf(m, "Capture TX               : %s\n",
		   pfr_enable_tx_capture ? "Yes [RX+TX]" : "No [RX only]");
	seq_printf(m, "Quick mode               : %s\n",
		   pfr_quick_mode ? "Yes" : "No");
	seq_printf(m, "Debug                    : %s\n",
		   pfr_enable_debug ? "Yes" : "No");
	return 0;
}

struct proc_dir_entry *pfr_proc_dev_dir(struct net *net)
{
	return pfr_net(net)->dev_dir;
}

static const char *const pfr_dir_names[] = {
	[PFRING_DIR_SEL_RX_AND_TX] = "RX+TX",
	[PFRING_DIR_SEL_RX_ONLY] = "RX only",
	[PFRING_DIR_SEL_TX_ONLY] = "TX only",
};

static const char *const pfr_mode_names[] = {
	[PFRING_MODE_SEND_AND_RECV] = "RX+TX",
	[PFRING_MODE_SEND_ONLY] = "TX only",
	[PFRING_MODE_RECV_ONLY] = "RX only",
};

static int pfr_proc_sock_show(struct seq_file *m, void *v)
{
	struct pfr_sock *ps = m->private;
	struct pfr_ring *r = &ps->ring;
	bool ring = pfr_ring_allocated(r);

	seq_printf(m, "Bound Device(s)          : %s%s\n", ps->ifname,
		   READ_ONCE(ps->dev_gone) ? " (removed)" : "");
	seq_printf(m, "Active                   : %d\n", READ_ONCE(ps->active));
	seq_printf(m, "Appl. Name               : %s\n",
		   ps->appname[0] ? ps->appname : "<unknown>");
	seq_printf(m, "PID                      : %d\n", ps->pid);
	seq_printf(m, "Socket Mode              : %s\n",
		   pfr_mode_names[ps->socket_mode]);
	seq_printf(m, "Capture Direction        : %s\n",
		   pfr_dir_names[ps->direction]);
	seq_printf(m, "Num Slots                : %u\n", ring ? r->num_slots : 0);
	seq_printf(m, "Slot Len                 : %u\n", ring ? r->slot_len : 0);
	seq_printf(m, "Data Bytes               : %u\n", ring ? r->data_size : 0);
	seq_printf(m, "Bucket Len               : %u\n", ps->bucket_len);
	seq_printf(m, "Tot Memory               : %llu\n",
		   ring ? r->mem_size : 0);
	seq_printf(m, "Tot Packets              : %llu\n",
		   READ_ONCE(r->stats.recv));
	seq_printf(m, "Tot Pkt Lost             : %llu\n",
		   READ_ONCE(r->stats.drop_full));
	seq_printf(m, "Bad Consumer Index       : %llu\n",
		   READ_ONCE(r->stats.bad_cons));
	seq_printf(m, "Num Queued Pkts          : %u\n",
		   ring ? pfr_ring_queued(r, NULL, NULL) : 0);
	seq_printf(m, "BPF Filter               : %s\n",
		   rcu_access_pointer(ps->filter) ? "yes" : "no");
	/* SO_ATTACH_FILTER at SOL_SOCKET: AF_PACKET's view of the frame. */
	seq_printf(m, "Socket Filter            : %s\n",
		   rcu_access_pointer(ps->sk.sk_filter) ? "yes" : "no");
	seq_printf(m, "TX: Send Ok              : %lld\n",
		   (long long)atomic64_read(&ps->tx_sent));
	seq_printf(m, "TX: Send Errors          : %lld\n",
		   (long long)atomic64_read(&ps->tx_failed));
	seq_printf(m, "Parse Headers            : %s\n",
		   READ_ONCE(r->parse) ? "yes" : "no");
	if (ps->watermark)
		seq_printf(m, "Poll Pkt Watermark       : %u\n", ps->watermark);
	else
		seq_printf(m, "Poll Pkt Watermark       : 1/%u of the ring\n",
			   PFRING_WAKE_FRACTION);
	seq_printf(m, "Poll Watermark Timeout   : %u ms\n",
		   ps->watermark_timeout_ms);
	return 0;
}

void pfr_proc_sock_add(struct pfr_sock *ps)
{
	struct pfr_net *pn = pfr_net(sock_net(&ps->sk));
	char name[64];

	snprintf(name, sizeof(name), "%d-%s.%u", ps->pid, ps->ifname, ps->id);
	ps->proc = proc_create_single_data(name, 0444, pn->dir,
					   pfr_proc_sock_show, ps);
}

void pfr_proc_sock_del(struct pfr_sock *ps)
{
	/* Waits for readers, which look at the socket. */
	proc_remove(ps->proc);
	ps->proc = NULL;
}

static int __net_init pfr_net_init(struct net *net)
{
	struct pfr_net *pn = pfr_net(net);

	pn->dir = proc_net_mkdir(net, "pf_ring", net->proc_net);
	if (!pn->dir)
		return -ENOMEM;
	pn->dev_dir = proc_mkdir("dev", pn->dir);
	if (!pn->dev_dir ||
	    !proc_create_net_single("info", 0444, pn->dir,
				    pfr_proc_info_show, NULL)) {
		remove_proc_subtree("pf_ring", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

static void __net_exit pfr_net_exit(struct net *net)
{
	remove_proc_subtree("pf_ring", net->proc_net);
}

static struct pernet_operations pfr_net_ops = {
	.init = pfr_net_init,
	.exit = pfr_net_exit,
	.id = &pfr_net_id,
	.size = sizeof(struct pfr_net),
};

int pfr_proc_init(void)
{
	return register_pernet_subsys(&pfr_net_ops);
}

void pfr_proc_exit(void)
{
	unregister_pernet_subsys(&pfr_net_ops);
}
