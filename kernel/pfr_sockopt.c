// SPDX-License-Identifier: GPL-2.0
/*
 * Socket options.  Values are copied in before any lock is taken and
 * out after it is dropped, so no user access happens under cfg_lock
 * (which mmap() takes under mmap_lock).
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/uaccess.h>

#include "pfr_bpf.h"
#include "pfr_dev.h"
#include "pfr_sock.h"
#include "pfr_tap.h"

static int pfr_get_u32(sockptr_t optval, unsigned int optlen, u32 min,
		       u32 max, u32 *val)
{
	if (optlen != sizeof(*val))
		return -EINVAL;
	if (copy_from_sockptr(val, optval, sizeof(*val)))
		return -EFAULT;
	return *val < min || *val > max ? -EINVAL : 0;
}

/* Settings that size the ring are frozen once it exists. */
static int pfr_set_ring_param(struct pfr_sock *ps, u32 *param, u32 val)
{
	int err = 0;

	mutex_lock(&ps->cfg_lock);
	if (pfr_ring_allocated(&ps->ring))
		err = -EBUSY;
	else
		*param = val;
	mutex_unlock(&ps->cfg_lock);
	return err;
}

static int pfr_activate(struct pfr_sock *ps)
{
	int err;

	mutex_lock(&ps->cfg_lock);
	err = pfr_sock_ensure_ring(ps);
	if (!err) /* pairs with pfr_deliver(): the ring is complete */
		smp_store_release(&ps->active, 1);
	mutex_unlock(&ps->cfg_lock);
	return err;
}

static int pfr_set_appname(struct pfr_sock *ps, sockptr_t optval,
			   unsigned int optlen)
{
	char name[PFRING_APPNAME_LEN + 1] = {};

	if (optlen == 0 || optlen > PFRING_APPNAME_LEN)
		return -EINVAL;
	if (copy_from_sockptr(name, optval, optlen))
		return -EFAULT;
	/* The name and its NUL must fit. */
	if (strnlen(name, sizeof(name)) >= PFRING_APPNAME_LEN)
		return -EINVAL;
	mutex_lock(&ps->cfg_lock);
	strscpy(ps->appname, name, sizeof(ps->appname));
	mutex_unlock(&ps->cfg_lock);
	return 0;
}

static int pfr_set_promisc(struct pfr_sock *ps, bool on)
{
	int err = 0;

	rtnl_lock();
	if (!ps->tap || !ps->tap->dev)
		err = -EINVAL;
	else if (ps->promisc != on)
		err = dev_set_promiscuity(ps->tap->dev, on ? 1 : -1);
	if (!err)
		ps->promisc = on;
	rtnl_unlock();
	return err;
}

static int pfr_add_to_cluster(struct pfr_sock *ps, sockptr_t optval,
			      unsigned int optlen)
{
	struct pfring_cluster_req req;

	if (optlen != sizeof(req))
		return -EINVAL;
	if (copy_from_sockptr(&req, optval, sizeof(req)))
		return -EFAULT;
	if (req.type > PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE || req.reserved)
		return -EINVAL;
	return pfr_tap_set_cluster(ps, &req);
}

/* Replaces the filter (NULL: removes it) unless it is locked. */
static int pfr_swap_filter(struct pfr_sock *ps, struct pfr_bpf *new)
{
	struct pfr_bpf *old;
	int err = 0;

	mutex_lock(&ps->cfg_lock);
	old = rcu_dereference_protected(ps->filter,
					lockdep_is_held(&ps->cfg_lock));
	/* The socket-level lock flag: one lock for both kinds of filter. */
	if (sock_flag(&ps->sk, SOCK_FILTER_LOCKED))
		err = -EPERM;
	else if (!new && !old)
		err = -ENOENT;
	else
		rcu_assign_pointer(ps->filter, new);
	mutex_unlock(&ps->cfg_lock);
	if (err) {
		kfree(new);
		return err;
	}
	/* The hook may be running the old program. */
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int pfr_attach_filter(struct pfr_sock *ps, sockptr_t optval,
			     unsigned int optlen)
{
	struct sock_filter *insns;
	struct sock_fprog fprog;
	struct pfr_bpf *prog;
	int err;

	err = copy_bpf_fprog_from_user(&fprog, optval, optlen);
	if (err)
		return err;
	if (!fprog.len || fprog.len > BPF_MAXINSNS)
		return -EINVAL;
	insns = memdup_user(fprog.filter, array_size(fprog.len, sizeof(*insns)));
	if (IS_ERR(insns))
		return PTR_ERR(insns);
	prog = pfr_bpf_create(insns, fprog.len);
	kfree(insns);
	if (IS_ERR(prog))
		return PTR_ERR(prog);
	return pfr_swap_filter(ps, prog);
}

static int pfr_lock_filter(struct pfr_sock *ps, u32 on)
{
	struct sock *sk = &ps->sk;
	int err = 0;

	/* Same rule as SO_LOCK_FILTER at SOL_SOCKET: no unlocking. */
	lock_sock(sk);
	if (sock_flag(sk, SOCK_FILTER_LOCKED) && !on)
		err = -EPERM;
	else
		sock_valbool_flag(sk, SOCK_FILTER_LOCKED, on);
	release_sock(sk);
	return err;
}

int pfr_setsockopt(struct socket *sock, int level, int optname,
		   sockptr_t optval, unsigned int optlen)
{
	struct pfr_sock *ps = pfr_sk(sock->sk);
	u32 val;
	int err;

	if (level != SOL_PF_RING)
		return -ENOPROTOOPT;

	switch (optname) {
	case SO_ACTIVATE_RING:
		return pfr_activate(ps);
	case SO_DEACTIVATE_RING:
		WRITE_ONCE(ps->active, 0);
		return 0;
	case SO_SET_APPL_NAME:
		return pfr_set_appname(ps, optval, optlen);
	case SO_ADD_TO_CLUSTER:
		return pfr_add_to_cluster(ps, optval, optlen);
	case SO_REMOVE_FROM_CLUSTER:
		return pfr_tap_set_cluster(ps, NULL);
	case PFRING_SO_ATTACH_FILTER:
		return pfr_attach_filter(ps, optval, optlen);
	case PFRING_SO_DETACH_FILTER:
		return pfr_swap_filter(ps, NULL);
	}

	switch (optname) {
	case SO_RING_BUCKET_LEN:
		err = pfr_get_u32(optval, optlen, 1, PFRING_MAX_BUCKET_LEN, &val);
		return err ?: pfr_set_ring_param(ps, &ps->bucket_len, val);
	case SO_SET_RING_SLOTS:
		err = pfr_get_u32(optval, optlen, PFRING_MIN_SLOTS,
				  PFRING_MAX_SLOTS, &val);
		return err ?: pfr_set_ring_param(ps, &ps->min_slots, val);
	case SO_SET_PACKET_DIRECTION:
		err = pfr_get_u32(optval, optlen, 0, PFRING_DIR_SEL_TX_ONLY, &val);
		if (err)
			return err;
		mutex_lock(&ps->cfg_lock);
		ps->direction = val;
		pfr_sock_update_dir_mask(ps);
		mutex_unlock(&ps->cfg_lock);
		return 0;
	case SO_SET_SOCKET_MODE:
		err = pfr_get_u32(optval, optlen, 0, PFRING_MODE_RECV_ONLY, &val);
		if (err)
			return err;
		mutex_lock(&ps->cfg_lock);
		ps->socket_mode = val;
		pfr_sock_update_dir_mask(ps);
		mutex_unlock(&ps->cfg_lock);
		return 0;
	case SO_SET_PARSE_HEADERS:
		err = pfr_get_u32(optval, optlen, 0, 1, &val);
		if (!err)
			WRITE_ONCE(ps->ring.parse, val);
		return err;
	case SO_SET_POLL_WATERMARK:
		err = pfr_get_u32(optval, optlen, 1, PFRING_MAX_SLOTS, &val);
		if (err)
			return err;
		mutex_lock(&ps->cfg_lock);
		if (pfr_ring_allocated(&ps->ring))
			val = min(val, ps->ring.num_slots);
		WRITE_ONCE(ps->watermark, val);
		mutex_unlock(&ps->cfg_lock);
		return 0;
	case SO_SET_POLL_WATERMARK_TIMEOUT:
		err = pfr_get_u32(optval, optlen, 0, 60000, &val);
		if (!err)
			WRITE_ONCE(ps->watermark_timeout_ms, val);
		return err;
	case SO_SET_IFF_PROMISC:
		err = pfr_get_u32(optval, optlen, 0, 1, &val);
		return err ?: pfr_set_promisc(ps, val);
	case PFRING_SO_LOCK_FILTER:
		err = pfr_get_u32(optval, optlen, 0, 1, &val);
		return err ?: pfr_lock_filter(ps, val);
	}
	return -ENOPROTOOPT;
}

/* What a getsockopt() returns, built before anything is copied out. */
union pfr_optval {
	u32 u32;
	s32 s32;
	u8 mac[ETH_ALEN];
	struct pfring_ring_info info;
	struct pfring_stats stats;
};

static int pfr_get_device(struct pfr_sock *ps, int optname,
			  union pfr_optval *v, int *size)
{
	struct net_device *dev;
	int err = 0;

	rtnl_lock();
	if (!ps->tap) {
		err = -ENODEV;
		goto out;
	}
	dev = ps->tap->dev;
	switch (optname) {
	case SO_GET_NUM_RX_CHANNELS:
		v->u32 = ps->tap->pdev ? pfr_dev_num_queues(ps->tap->pdev) : 1;
		*size = sizeof(v->u32);
		break;
	case SO_GET_BOUND_DEVICE_ADDRESS:
		if (dev && dev->addr_len == ETH_ALEN)
			memcpy(v->mac, dev->dev_addr, ETH_ALEN);
		*size = sizeof(v->mac);
		break;
	case SO_GET_BOUND_DEVICE_IFINDEX:
		v->s32 = ps->ifindex;
		*size = sizeof(v->s32);
		break;
	}
out:
	rtnl_unlock();
	return err;
}

static int pfr_get_ring(struct pfr_sock *ps, int optname,
			union pfr_optval *v, int *size)
{
	struct pfr_ring *r = &ps->ring;
	int err = 0;

	mutex_lock(&ps->cfg_lock);
	if (optname == SO_GET_RING_INFO)
		err = pfr_sock_ensure_ring(ps);
	if (err || !pfr_ring_allocated(r)) {
		/* No ring yet: nothing queued, nothing counted. */
		*size = optname == SO_GET_STATS ? sizeof(v->stats) : sizeof(v->u32);
		goto out;
	}
	switch (optname) {
	case SO_GET_RING_INFO:
		/* The kernel's own copy, not the page user space can write. */
		pfr_ring_info(r, &v->info);
		*size = sizeof(v->info);
		break;
	case SO_GET_NUM_QUEUED_PKTS:
		v->u32 = pfr_ring_queued(r, NULL, NULL);
		*size = sizeof(v->u32);
		break;
	case SO_GET_STATS:
		/* The producer runs in softirq context. */
		spin_lock_bh(&r->lock);
		v->stats = r->stats;
		spin_unlock_bh(&r->lock);
		*size = sizeof(v->stats);
		break;
	}
out:
	mutex_unlock(&ps->cfg_lock);
	return err;
}

int pfr_getsockopt(struct socket *sock, int level, int optname,
		   char __user *optval, int __user *optlen)
{
	struct pfr_sock *ps = pfr_sk(sock->sk);
	union pfr_optval v = {};
	int len, size = sizeof(v.u32);
	int err = 0;

	if (level != SOL_PF_RING)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case SO_GET_RING_VERSION:
		v.u32 = PFRING_MODULE_VERSION_NUM;
		break;
	case SO_GET_PKT_HEADER_LEN:
		v.u32 = sizeof(struct pfring_slot);
		break;
	case SO_GET_BUCKET_LEN:
		v.u32 = READ_ONCE(ps->bucket_len);
		break;
	case SO_GET_NUM_RX_CHANNELS:
	case SO_GET_BOUND_DEVICE_ADDRESS:
	case SO_GET_BOUND_DEVICE_IFINDEX:
		err = pfr_get_device(ps, optname, &v, &size);
		break;
	case SO_GET_RING_INFO:
	case SO_GET_NUM_QUEUED_PKTS:
		err = pfr_get_ring(ps, optname, &v, &size);
		break;
	case SO_GET_STATS:
		/* A socket that only sends has no ring but counts. */
		err = pfr_get_ring(ps, optname, &v, &size);
		v.stats.tx_sent = atomic64_read(&ps->tx_sent);
		v.stats.tx_failed = atomic64_read(&ps->tx_failed);
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (err)
		return err;
	if (len < size)
		return -EINVAL;
	if (copy_to_user(optval, &v, size) || put_user(size, optlen))
		return -EFAULT;
	return 0;
}
