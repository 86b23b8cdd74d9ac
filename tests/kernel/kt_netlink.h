/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal rtnetlink for the stress tests: veth pairs created, deleted,
 * renamed, moved between namespaces and set up/down without forking
 * ip(8), which costs tens of milliseconds per call in a TCG guest.
 * Header-only (static inline) so that it needs no Makefile change.
 * Every call returns 0 or a negative errno and never blocks longer than
 * the socket's receive timeout.
 */
#ifndef KT_NETLINK_H
#define KT_NETLINK_H

#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

struct kt_nlmsg {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[1024];
};

/* A NETLINK_ROUTE socket in the calling thread's network namespace. */
static inline int kt_nl_open(void)
{
	struct timeval tv = { .tv_sec = 20 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Appends an attribute; returns its offset in the message (for nests). */
static inline size_t kt_nl_put(struct kt_nlmsg *m, int type, const void *data,
			       size_t len)
{
	size_t off = NLMSG_ALIGN(m->nh.nlmsg_len);
	struct rtattr rta = { .rta_type = type, .rta_len = RTA_LENGTH(len) };
	char *base = (char *)m;

	if (off + RTA_SPACE(len) > sizeof(*m))
		return off;	/* cannot happen with the names used here */
	memcpy(base + off, &rta, sizeof(rta));
	if (len)
		memcpy(base + off + RTA_LENGTH(0), data, len);
	m->nh.nlmsg_len = off + RTA_ALIGN(rta.rta_len);
	return off;
}

static inline void kt_nl_put_u32(struct kt_nlmsg *m, int type, uint32_t v)
{
	kt_nl_put(m, type, &v, sizeof(v));
}

static inline void kt_nl_put_str(struct kt_nlmsg *m, int type, const char *s)
{
	kt_nl_put(m, type, s, strlen(s) + 1);
}

static inline void kt_nl_nest_end(struct kt_nlmsg *m, size_t nest)
{
	unsigned short len = (unsigned short)(m->nh.nlmsg_len - nest);

	memcpy((char *)m + nest, &len, sizeof(len));	/* rta_len */
}

/* Sends a request and waits for its ack; 0 or -errno. */
static inline int kt_nl_talk(int fd, struct nlmsghdr *nh)
{
	static __thread uint32_t seq;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[4096];
	ssize_t n;

	nh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nh->nlmsg_seq = ++seq;
	if (sendto(fd, nh, nh->nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *r;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		for (r = (struct nlmsghdr *)buf; NLMSG_OK(r, (size_t)n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != nh->nlmsg_seq)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(r))->error;
		}
	}
}

static inline void kt_nl_init(struct kt_nlmsg *m, int type, int flags)
{
	memset(m, 0, sizeof(*m));
	m->nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	m->nh.nlmsg_type = type;
	m->nh.nlmsg_flags = flags;
	m->ifi.ifi_family = AF_UNSPEC;
}

/*
 * Creates veth a <-> b.  queues > 0 sets the queue count of both ends;
 * mtu_a > 0 the MTU of a; b_netns_fd >= 0 creates b in that namespace.
 */
static inline int kt_nl_veth_add(int fd, const char *a, const char *b,
				 int queues, int mtu_a, int b_netns_fd)
{
	struct kt_nlmsg m;
	size_t linkinfo, data, peer;
	struct ifinfomsg peer_ifi = { .ifi_family = AF_UNSPEC };

	kt_nl_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	kt_nl_put_str(&m, IFLA_IFNAME, a);
	if (queues > 0) {
		kt_nl_put_u32(&m, IFLA_NUM_TX_QUEUES, queues);
		kt_nl_put_u32(&m, IFLA_NUM_RX_QUEUES, queues);
	}
	if (mtu_a > 0)
		kt_nl_put_u32(&m, IFLA_MTU, mtu_a);
	linkinfo = kt_nl_put(&m, IFLA_LINKINFO, NULL, 0);
	kt_nl_put_str(&m, IFLA_INFO_KIND, "veth");
	data = kt_nl_put(&m, IFLA_INFO_DATA, NULL, 0);
	peer = kt_nl_put(&m, VETH_INFO_PEER, &peer_ifi, sizeof(peer_ifi));
	kt_nl_put_str(&m, IFLA_IFNAME, b);
	if (queues > 0) {
		kt_nl_put_u32(&m, IFLA_NUM_TX_QUEUES, queues);
		kt_nl_put_u32(&m, IFLA_NUM_RX_QUEUES, queues);
	}
	if (b_netns_fd >= 0)
		kt_nl_put_u32(&m, IFLA_NET_NS_FD, b_netns_fd);
	kt_nl_nest_end(&m, peer);
	kt_nl_nest_end(&m, data);
	kt_nl_nest_end(&m, linkinfo);
	return kt_nl_talk(fd, &m.nh);
}

static inline int kt_nl_link_del(int fd, const char *name)
{
	struct kt_nlmsg m;

	kt_nl_init(&m, RTM_DELLINK, 0);
	kt_nl_put_str(&m, IFLA_IFNAME, name);
	return kt_nl_talk(fd, &m.nh);
}

/*
 * The index of a device of the calling thread's namespace, 0 if none.
 * Unlike if_nametoindex() (SIOCGIFINDEX), a missing name does not make
 * the kernel run modprobe ("netdev-NAME"), which takes ~0.5 s in a TCG
 * guest: the list comes from a netlink dump.
 */
static inline int kt_nl_ifindex(const char *name)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	int idx = 0;

	for (i = ifs; i && i->if_index; i++)
		if (!strcmp(i->if_name, name)) {
			idx = (int)i->if_index;
			break;
		}
	if (ifs)
		if_freenameindex(ifs);
	return idx;
}

/*
 * The promiscuity count of a device (IFLA_PROMISCUITY: every
 * dev_set_promiscuity() user, unlike IFF_PROMISC from SIOCGIFFLAGS, which
 * shows only what user space set), or a negative errno.
 */
static inline int kt_nl_promiscuity(int fd, const char *name)
{
	struct kt_nlmsg m;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[16384];
	ssize_t n;

	kt_nl_init(&m, RTM_GETLINK, 0);
	kt_nl_put_str(&m, IFLA_IFNAME, name);
	m.nh.nlmsg_flags |= NLM_F_REQUEST;
	m.nh.nlmsg_seq = 0x7fff0000u + (uint32_t)getpid();
	if (sendto(fd, &m, m.nh.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *r;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		for (r = (struct nlmsghdr *)buf; NLMSG_OK(r, (size_t)n);
		     r = NLMSG_NEXT(r, n)) {
			struct rtattr *a;
			int alen;

			if (r->nlmsg_seq != m.nh.nlmsg_seq)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(r))->error ?: -ENOENT;
			if (r->nlmsg_type != RTM_NEWLINK)
				continue;
			a = IFLA_RTA(NLMSG_DATA(r));
			alen = (int)IFLA_PAYLOAD(r);
			for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
				if (a->rta_type == IFLA_PROMISCUITY) {
					uint32_t v;

					memcpy(&v, RTA_DATA(a), sizeof(v));
					return (int)v;
				}
			return -ENOENT;
		}
	}
}

/*
 * Changes a device found by name: up (1), down (0) or unchanged (-1);
 * mtu if > 0; a new name if newname; another namespace if netns_fd >= 0.
 */
static inline int kt_nl_link_set(int fd, const char *name, int up, int mtu,
				 const char *newname, int netns_fd)
{
	struct kt_nlmsg m;
	/* Renames need the index (in the caller's namespace): IFLA_IFNAME is
	 * then the new name.
	 */
	int ifindex = newname ? kt_nl_ifindex(name) : 0;

	if (newname && !ifindex)
		return -ENODEV;
	kt_nl_init(&m, RTM_NEWLINK, 0);
	if (up >= 0) {
		m.ifi.ifi_change = IFF_UP;
		m.ifi.ifi_flags = up ? IFF_UP : 0;
	}
	if (newname) {
		m.ifi.ifi_index = ifindex;
		kt_nl_put_str(&m, IFLA_IFNAME, newname);
	} else {
		kt_nl_put_str(&m, IFLA_IFNAME, name);
	}
	if (mtu > 0)
		kt_nl_put_u32(&m, IFLA_MTU, mtu);
	if (netns_fd >= 0)
		kt_nl_put_u32(&m, IFLA_NET_NS_FD, netns_fd);
	return kt_nl_talk(fd, &m.nh);
}

#endif
