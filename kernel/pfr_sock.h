/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_SOCK_H
#define _PFR_SOCK_H

#include <linux/hrtimer.h>
#include <linux/if.h>
#include <linux/mutex.h>
#include <net/sock.h>

#include "pfr_ring.h"

struct pfr_bpf;
struct pfr_cluster;
struct pfr_tap;

struct pfr_sock {
	struct sock sk;			/* must be first */

	/* Read by the hook for every packet, written by control paths. */
	struct list_head tap_node;	/* in tap->socks: RCU, RTNL */
	u8 active;			/* release/acquire with the ring */
	u8 dir_mask;			/* BIT(PFRING_DIR_RX) | BIT(PFRING_DIR_TX) */
	__be16 protocol;		/* htons(ETH_P_ALL) or one ethertype */
	u64 wake_at;			/* wake the poller when prod crosses it */
	u64 queue_mask;			/* 0: every RX queue */
	struct pfr_bpf __rcu *filter;	/* cfg_lock writers, RCU readers */
	struct pfr_ring ring;

	/* Control state.  cfg_lock guards the ring's creation and the
	 * settings; RTNL guards the binding (tap, ifindex, promisc).
	 */
	struct mutex cfg_lock;
	struct pfr_tap *tap;
	struct pfr_cluster *cluster;	/* joined, when bound */
	bool in_cluster;		/* wants to be in cluster_req's cluster */
	struct pfring_cluster_req cluster_req;
	int ifindex;
	char ifname[IFNAMSIZ];
	bool promisc;
	bool dev_gone;
	bool was_bound;
	u8 direction;			/* enum pfring_direction_sel */
	u8 socket_mode;			/* enum pfring_socket_mode_sel */
	u32 bucket_len;
	u32 min_slots;
	u32 watermark;
	u32 watermark_timeout_ms;
	char appname[PFRING_APPNAME_LEN];
	pid_t pid;
	u32 id;
	struct proc_dir_entry *proc;

	/* send(), see pfr_tx.c */
	atomic64_t tx_sent;
	atomic64_t tx_failed;

	/* poll() state, see pfr_poll.c */
	struct hrtimer wake_timer;
	ktime_t wait_start;		/* 0: no reader waiting */
	ktime_t idle_period;		/* timer period while the ring is empty */
};

static inline struct pfr_sock *pfr_sk(const struct sock *sk)
{
	return (struct pfr_sock *)sk;
}

/* Whether the socket takes packets of receive queue q. */
static inline bool pfr_sock_wants_queue(const struct pfr_sock *ps,
					unsigned int q)
{
	u64 mask = READ_ONCE(ps->queue_mask);

	return !mask || (q < 64 && (mask & BIT_ULL(q)));
}

/* pfr_sock.c */
extern struct proto pfr_proto;
extern const struct net_proto_family pfr_family_ops;
int pfr_sock_ensure_ring(struct pfr_sock *ps);
void pfr_sock_update_dir_mask(struct pfr_sock *ps);
void pfr_sock_exit(void);

/* pfr_sockopt.c */
int pfr_setsockopt(struct socket *sock, int level, int optname,
		   sockptr_t optval, unsigned int optlen);
int pfr_getsockopt(struct socket *sock, int level, int optname,
		   char __user *optval, int __user *optlen);

/* pfr_tx.c */
int pfr_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);

/* pfr_poll.c */
void pfr_poll_init(struct pfr_sock *ps);
void pfr_poll_stop(struct pfr_sock *ps);
__poll_t pfr_poll(struct file *file, struct socket *sock,
		  struct poll_table_struct *wait);

/*
 * wake_at is a position: the reader is woken when prod reaches its
 * record count or its byte count, whichever comes first.  A half that
 * should never fire is set this far ahead, as far as a crossing test
 * sees.
 */
#define PFR_WAKE_FAR		0x7fffffffU

/* The wake_at records or bytes past pos; 0 for a half that never fires. */
static inline u64 pfr_wake_after(u64 pos, u32 records, u32 bytes)
{
	return PFRING_POS(PFRING_POS_RECORDS(pos) + (records ?: PFR_WAKE_FAR),
			  PFRING_POS_BYTES(pos) + (bytes ?: PFR_WAKE_FAR));
}

/*
 * Called by the producer after publishing prod: one wake-up per arming
 * of wake_at, the first time prod crosses it.  See pfr_poll.c for why
 * no barrier is needed here.
 */
static inline void pfr_poll_kick(struct pfr_sock *ps, u64 prod)
{
	u64 at = READ_ONCE(ps->wake_at);

	if (likely((s32)(PFRING_POS_RECORDS(prod) - PFRING_POS_RECORDS(at)) < 0 &&
		   (s32)(PFRING_POS_BYTES(prod) - PFRING_POS_BYTES(at)) < 0))
		return;
	/* Disarm first: a reader re-arming meanwhile keeps its wake_at. */
	if (cmpxchg(&ps->wake_at, at, pfr_wake_after(prod, 0, 0)) == at)
		ps->sk.sk_data_ready(&ps->sk);
}

#endif /* _PFR_SOCK_H */
