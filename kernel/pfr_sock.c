// SPDX-License-Identifier: GPL-2.0
/*
 * The PF_RING socket: creation, binding, mapping and release.
 * Options are in pfr_sockopt.c, poll() in pfr_poll.c.
 */
#include <linux/capability.h>
#include <linux/if_ether.h>
#include <linux/mm.h>
#include <linux/rtnetlink.h>

#include "pfr_bpf.h"
#include "pfr_main.h"
#include "pfr_proc.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

static atomic_t pfr_sock_ids = ATOMIC_INIT(0);
static atomic_t pfr_tstamp_on = ATOMIC_INIT(0);

/*
 * Let the stack stamp packets when they arrive, from the first bind until
 * the module is unloaded: the switch is a static key, and flipping it per
 * socket would patch kernel text and interrupt every CPU on each bind and
 * close (a bind storm then is an IPI storm).
 */
static void pfr_sock_enable_timestamps(void)
{
	if (!atomic_xchg(&pfr_tstamp_on, 1))
		net_enable_timestamp();
}

void pfr_sock_exit(void)
{
	if (atomic_xchg(&pfr_tstamp_on, 0))
		net_disable_timestamp();
}

void pfr_sock_update_dir_mask(struct pfr_sock *ps)
{
	u8 mask = 0;

	if (ps->socket_mode != PFRING_MODE_SEND_ONLY) {
		if (ps->direction != PFRING_DIR_SEL_TX_ONLY)
			mask |= BIT(PFRING_DIR_RX);
		if (ps->direction != PFRING_DIR_SEL_RX_ONLY)
			mask |= BIT(PFRING_DIR_TX);
	}
	WRITE_ONCE(ps->dir_mask, mask);
}

/* The ring is created once, with the settings of the moment. */
int pfr_sock_ensure_ring(struct pfr_sock *ps)
{
	int err;

	lockdep_assert_held(&ps->cfg_lock);
	if (pfr_ring_allocated(&ps->ring))
		return 0;
	err = pfr_ring_alloc(&ps->ring, ps->min_slots, ps->bucket_len);
	if (err)
		return err;
	if (ps->watermark)
		ps->watermark = min(ps->watermark, ps->ring.num_slots);
	pfr_proc_count_ring(sock_net(&ps->sk), 1);
	return 0;
}

static int pfr_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sockaddr_pfring *sa = (struct sockaddr_pfring *)uaddr;
	struct pfr_sock *ps = pfr_sk(sock->sk);
	int err;

	if (len < (int)sizeof(*sa) || sa->spr_family != PF_RING ||
	    sa->spr_reserved || sa->spr_ifindex < 0)
		return -EINVAL;

	/*
	 * A socket whose device went away was unlinked without waiting:
	 * the hook may still be walking the old list through it.
	 */
	if (ps->was_bound)
		synchronize_net();
	rtnl_lock();
	err = pfr_tap_bind(ps, sock_net(sock->sk), sa->spr_ifindex,
			   sa->spr_queue_mask);
	rtnl_unlock();
	if (err)
		return err;

	/* A removed device's ENODEV is news about the old binding only. */
	WRITE_ONCE(sock->sk->sk_err, 0);
	pfr_sock_enable_timestamps();
	pfr_proc_sock_del(ps);
	pfr_proc_sock_add(ps);
	pfr_dbg("pf_ring: socket %u bound to %s\n", ps->id, ps->ifname);
	return 0;
}

static int pfr_mmap(struct file *file, struct socket *sock,
		    struct vm_area_struct *vma)
{
	struct pfr_sock *ps = pfr_sk(sock->sk);
	int err;

	mutex_lock(&ps->cfg_lock);
	err = pfr_sock_ensure_ring(ps);
	if (!err)
		err = pfr_ring_mmap(&ps->ring, vma);
	mutex_unlock(&ps->cfg_lock);
	return err;
}

static int pfr_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct pfr_sock *ps;

	if (!sk)
		return 0;
	ps = pfr_sk(sk);

	pfr_proc_sock_del(ps);
	rtnl_lock();
	pfr_tap_unbind(ps);
	rtnl_unlock();
	/* A socket that ever had a tap may still be seen by the hook. */
	if (ps->was_bound)
		synchronize_net();
	pfr_poll_stop(ps);
	if (pfr_ring_allocated(&ps->ring))
		pfr_proc_count_ring(sock_net(sk), -1);

	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static void pfr_sock_destruct(struct sock *sk)
{
	struct pfr_sock *ps = pfr_sk(sk);

	/* Release waited for the hook: nobody runs the filter any more. */
	kfree(rcu_dereference_protected(ps->filter, 1));
	pfr_ring_free(&ps->ring);
}

static int pfr_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		       int flags)
{
	/* Packets are read from the mapped ring; report a lost device. */
	return READ_ONCE(pfr_sk(sock->sk)->dev_gone) ? -ENODEV : -EOPNOTSUPP;
}

static const struct proto_ops pfr_ops = {
	.family = PF_RING,
	.owner = THIS_MODULE,
	.release = pfr_release,
	.bind = pfr_bind,
	.connect = sock_no_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = sock_no_getname,
	.poll = pfr_poll,
	.ioctl = sock_no_ioctl,
	.listen = sock_no_listen,
	.shutdown = sock_no_shutdown,
	.setsockopt = pfr_setsockopt,
	.getsockopt = pfr_getsockopt,
	.sendmsg = pfr_sendmsg,
	.recvmsg = pfr_recvmsg,
	.mmap = pfr_mmap,
};

struct proto pfr_proto = {
	.name = "PF_RING",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct pfr_sock),
};

static int pfr_create(struct net *net, struct socket *sock, int protocol,
		      int kern)
{
	struct pfr_sock *ps;
	struct sock *sk;

	if (!ns_capable(net->user_ns, CAP_NET_RAW))
		return -EPERM;
	if (sock->type != SOCK_RAW)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol > U16_MAX)
		return -EINVAL;

	sk = sk_alloc(net, PF_RING, GFP_KERNEL, &pfr_proto, kern);
	if (!sk)
		return -ENOMEM;
	sock->ops = &pfr_ops;
	sock_init_data(sock, sk);
	sk->sk_family = PF_RING;
	sk->sk_protocol = protocol;
	sk->sk_destruct = pfr_sock_destruct;

	ps = pfr_sk(sk);
	/* sk_alloc() zeroed everything past struct sock. */
	INIT_LIST_HEAD(&ps->tap_node);
	spin_lock_init(&ps->ring.lock);
	mutex_init(&ps->cfg_lock);
	ps->protocol = protocol ? (__force __be16)(u16)protocol : htons(ETH_P_ALL);
	ps->bucket_len = PFRING_DEFAULT_BUCKET_LEN;
	ps->min_slots = pfr_min_num_slots;
	ps->watermark = 0;		/* a fraction of the ring's bytes */
	ps->wake_at = pfr_wake_after(0, 0, 0);	/* nobody waits yet */
	ps->ring.parse = true;
	ps->watermark_timeout_ms = PFRING_DEFAULT_WATERMARK_TIMEOUT_MS;
	ps->pid = task_tgid_vnr(current);
	ps->id = atomic_inc_return(&pfr_sock_ids);
	strscpy(ps->ifname, "none", sizeof(ps->ifname));
	pfr_sock_update_dir_mask(ps);
	pfr_poll_init(ps);
	return 0;
}

const struct net_proto_family pfr_family_ops = {
	.family = PF_RING,
	.create = pfr_create,
	.owner = THIS_MODULE,
};
