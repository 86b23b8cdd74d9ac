/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classic BPF filters that see the frame exactly as the ring will hold
 * it (see pfr_bpf.c).
 */
#ifndef _PFR_BPF_H
#define _PFR_BPF_H

#include <linux/filter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

struct sk_buff;
struct pfr_pkt_meta;

struct pfr_bpf {
	struct rcu_head rcu;
	u32 len;
	struct sock_filter insns[];
};

struct pfr_bpf *pfr_bpf_create(const struct sock_filter *insns, u32 len);
u32 pfr_bpf_run(const struct pfr_bpf *prog, const struct sk_buff *skb,
		const struct pfr_pkt_meta *meta);

#endif /* _PFR_BPF_H */
