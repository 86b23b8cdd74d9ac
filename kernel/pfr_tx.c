// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: each send() carries one whole frame, from its MAC header,
 * to the bound device's queueing discipline (AF_PACKET's SOCK_RAW path,
 * without its ring).  Which device: the one bound, or the one a
 * sockaddr_pfring names; the errors are listed in <linux/pf_ring.h>.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>

#include "pfr_sock.h"

static int pfr_tx_ifindex(const struct pfr_sock *ps, const struct msghdr *msg)
{
	const struct sockaddr_pfring *sa = msg->msg_name;

	if (sa) {
		if (msg->msg_namelen < (int)sizeof(*sa) ||
		    sa->spr_family != PF_RING || sa->spr_reserved ||
		    sa->spr_queue_mask || sa->spr_ifindex < 0)
			return -EINVAL;
		return sa->spr_ifindex ?: -EDESTADDRREQ;
	}
	/* Bound under RTNL; a racing rebind sends to either device. */
	if (!READ_ONCE(ps->tap))
		return READ_ONCE(ps->dev_gone) ? -ENXIO : -EDESTADDRREQ;
	return READ_ONCE(ps->ifindex) ?: -EDESTADDRREQ;
}

/* One 802.1Q/802.1ad tag may come on top of the MTU, as on AF_PACKET. */
static bool pfr_tx_tagged(const struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);

	return skb->len >= VLAN_ETH_HLEN && eth_type_vlan(eth->h_proto);
}

static int pfr_tx(struct sock *sk, struct msghdr *msg, size_t len,
		  int ifindex)
{
	struct net_device *dev;
	struct sk_buff *skb;
	int err;

	dev = dev_get_by_index(sock_net(sk), ifindex);
	if (!dev)
		return -ENXIO;
	err = -ENETDOWN;
	if (!(dev->flags & IFF_UP))
		goto out;
	err = -EINVAL;
	if (!len || len < dev->hard_header_len)
		goto out;
	err = -EMSGSIZE;
	if (len > dev->mtu + dev->hard_header_len + VLAN_HLEN)
		goto out;

	skb = sock_alloc_send_skb(sk, LL_RESERVED_SPACE(dev) + len +
				  dev->needed_tailroom,
				  msg->msg_flags & MSG_DONTWAIT, &err);
	if (!skb)
		goto out;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, dev->hard_header_len);
	err = memcpy_from_msg(skb_put(skb, len), msg, len);
	if (err)
		goto out_free;
	err = -EMSGSIZE;
	if (len > dev->mtu + dev->hard_header_len && !pfr_tx_tagged(skb))
		goto out_free;

	skb->dev = dev;
	skb->protocol = dev_parse_header_protocol(skb);
	skb->priority = READ_ONCE(sk->sk_priority);
	skb->mark = READ_ONCE(sk->sk_mark);
	skb_probe_transport_header(skb);

	/* Consumes the skb whatever happens; > 0 is a qdisc verdict. */
	err = dev_queue_xmit(skb);
	if (err > 0)
		err = net_xmit_errno(err);
	goto out;

out_free:
	kfree_skb(skb);
out:
	dev_put(dev);
	return err;
}

int pfr_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct pfr_sock *ps = pfr_sk(sock->sk);
	int ifindex, err;

	ifindex = pfr_tx_ifindex(ps, msg);
	err = ifindex < 0 ? ifindex : pfr_tx(&ps->sk, msg, len, ifindex);
	if (err) {
		atomic64_inc(&ps->tx_failed);
		return err;
	}
	atomic64_inc(&ps->tx_sent);
	return len;
}
