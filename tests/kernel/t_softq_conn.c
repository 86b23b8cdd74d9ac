// SPDX-License-Identifier: GPL-2.0
/*
 * Software queues with real traffic: TCP connections and UDP exchanges
 * (some datagrams large enough to be sent as IP fragments) between a
 * client in another network namespace and a server behind vb, over IPv4
 * and IPv6, plain and through a VLAN device on top of vb, captured on vb
 * split into 4 software queues.  Both directions of every connection and
 * exchange, the fragments included, land on one queue; every flow is
 * complete; the queue rings hold the same TCP and UDP packets as a ring
 * on the whole device.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kt_flow.h"
#include "ktest.h"

#define NQ		4
#define NTCP		200
#define NUDP		200
#define NFRAGU		24
#define FRAG_BYTES	3000
#define TCP_PORT	5001
#define UDP_PORT	5002
#define TCP_SPORT	20000	/* client ports: one per flow, so flows are known */
#define UDP_SPORT	30000
#define SLOTS		16384

static const char *const targets[4] = {
	"10.9.0.1", "fd00::1", "10.9.7.1", "fd07::1",	/* .7: the VLAN */
};

static char peer[32];

static void setup_net(void)
{
	KT_REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare: %s", strerror(errno));
	snprintf(peer, sizeof(peer), "pfrpeer%d", (int)getpid());
	/* No router solicitations or DAD: only the test's own traffic. */
	kt_sh("sysctl -qw net.ipv6.conf.all.router_solicitations=0 "
	      "net.ipv6.conf.default.router_solicitations=0 "
	      "net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0");
	kt_sh("ip link set lo up && ip netns add %s", peer);
	kt_sh("ip link add va type veth peer name vb && ip link set va netns %s",
	      peer);
	kt_sh("ip link add link vb name vb.7 type vlan id 7");
	kt_sh("ip addr add 10.9.0.1/24 dev vb && ip addr add fd00::1/64 dev vb nodad"
	      " && ip addr add 10.9.7.1/24 dev vb.7 && ip addr add fd07::1/64 dev vb.7 nodad"
	      " && ip link set vb up && ip link set vb.7 up");
	kt_sh("ip netns exec %s sh -ec '"
	      "sysctl -qw net.ipv6.conf.all.router_solicitations=0 "
	      "net.ipv6.conf.default.router_solicitations=0 "
	      "net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0;"
	      "ip link set lo up; ip link add link va name va.7 type vlan id 7;"
	      "ip addr add 10.9.0.2/24 dev va; ip addr add fd00::2/64 dev va nodad;"
	      "ip addr add 10.9.7.2/24 dev va.7; ip addr add fd07::2/64 dev va.7 nodad;"
	      "ip link set va up; ip link set va.7 up'", peer);
}

/* ---- the two ends ---------------------------------------------------- */

static int dual_stack(int type, int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port) };
	int fd = socket(AF_INET6, type, 0), zero = 0, one = 1;

	if (fd < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)))
		exit(10);
	return fd;
}

/* Echoes each TCP connection's first bytes and every UDP datagram. */
static void server(int ready)
{
	static char buf[65536];
	int lfd = dual_stack(SOCK_STREAM, TCP_PORT);
	int ufd = dual_stack(SOCK_DGRAM, UDP_PORT);
	struct pollfd p[2] = { { lfd, POLLIN, 0 }, { ufd, POLLIN, 0 } };
	struct sockaddr_storage from;
	socklen_t flen;
	ssize_t n;
	int c;

	if (listen(lfd, 128))
		exit(11);
	if (write(ready, "r", 1) != 1)
		exit(12);
	for (;;) {
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[0].revents & POLLIN) {
			c = accept(lfd, NULL, NULL);
			if (c >= 0) {
				n = read(c, buf, 100);
				if (n > 0 && write(c, buf, (size_t)n) != n)
					exit(13);
				close(c);
			}
		}
		if (p[1].revents & POLLIN) {
			flen = sizeof(from);
			n = recvfrom(ufd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &flen);
			if (n > 0)
				sendto(ufd, buf, (size_t)n, 0,
				       (struct sockaddr *)&from, flen);
		}
	}
}

/* A socket of the target's family bound to source port sport. */
static int client_socket(int type, const char *target, int sport,
			 struct sockaddr_storage *dst, socklen_t *dlen,
			 int dport)
{
	struct sockaddr_storage src;
	struct timeval tv = { 2, 0 };
	int v6 = strchr(target, ':') != NULL, fd, one = 1;

	memset(dst, 0, sizeof(*dst));
	memset(&src, 0, sizeof(src));
	if (v6) {
		struct sockaddr_in6 *d = (void *)dst, *s = (void *)&src;

		d->sin6_family = s->sin6_family = AF_INET6;
		d->sin6_port = htons(dport);
		s->sin6_port = htons(sport);
		inet_pton(AF_INET6, target, &d->sin6_addr);
		*dlen = sizeof(*d);
	} else {
		struct sockaddr_in *d = (void *)dst, *s = (void *)&src;

		d->sin_family = s->sin_family = AF_INET;
		d->sin_port = htons(dport);
		s->sin_port = htons(sport);
		inet_pton(AF_INET, target, &d->sin_addr);
		*dlen = sizeof(*d);
	}
	fd = socket(v6 ? AF_INET6 : AF_INET, type, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    bind(fd, (struct sockaddr *)&src, *dlen))
		return -1;
	return fd;
}

static int tcp_echo(int i)
{
	struct sockaddr_storage dst;
	char out[32], in[32];
	socklen_t dlen;
	size_t got = 0;
	ssize_t n;
	int fd = client_socket(SOCK_STREAM, targets[i % 4], TCP_SPORT + i,
			       &dst, &dlen, TCP_PORT);

	memset(out, 'a' + i % 26, sizeof(out));
	if (fd < 0 || connect(fd, (struct sockaddr *)&dst, dlen) ||
	    write(fd, out, sizeof(out)) != sizeof(out)) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	while (got < sizeof(in) && (n = read(fd, in + got, sizeof(in) - got)) > 0)
		got += (size_t)n;
	close(fd);
	return got != sizeof(in) || memcmp(in, out, sizeof(in));
}

static int udp_echo(int i, int sport, size_t len)
{
	static char out[FRAG_BYTES], in[FRAG_BYTES];
	struct sockaddr_storage dst;
	socklen_t dlen;
	ssize_t n;
	int fd = client_socket(SOCK_DGRAM, targets[i % 4], sport, &dst, &dlen,
			       UDP_PORT);

	memset(out, 'A' + i % 26, len);
	n = fd < 0 ? -1 : sendto(fd, out, len, 0, (struct sockaddr *)&dst, dlen);
	if (n == (ssize_t)len)
		n = recv(fd, in, sizeof(in), 0);
	if (fd >= 0)
		close(fd);
	return n != (ssize_t)len || memcmp(in, out, len);
}

static void client(void)
{
	char path[64];
	int fd, i, bad = 0;

	snprintf(path, sizeof(path), "/run/netns/%s", peer);
	fd = open(path, O_RDONLY);
	if (fd < 0 || setns(fd, CLONE_NEWNET))
		exit(20);
	for (i = 0; i < NTCP; i++)
		bad += tcp_echo(i);
	for (i = 0; i < NUDP; i++)
		bad += udp_echo(i, UDP_SPORT + i, 64);
	for (i = 0; i < NFRAGU; i++)
		bad += udp_echo(i, UDP_SPORT + NUDP + i, FRAG_BYTES);
	if (bad)
		fprintf(stderr, "  client: %d exchanges failed\n", bad);
	exit(bad ? 21 : 0);
}

/* ---- what the rings saw ---------------------------------------------- */

struct flow_key {
	uint8_t v6, proto;
	uint8_t a[16], b[16];	/* the lower (address, port) first */
	uint16_t pa, pb;
};

struct flow {
	int used;
	struct flow_key k;
	int queue;
	unsigned int pkts[2];	/* RX, TX */
	unsigned int frags;
};

#define NFLOWTAB 4096
static struct flow flowtab[NFLOWTAB];

/* First fragments: their ports, for the fragments that follow. */
struct frag_key {
	uint8_t v6, proto, src[16], dst[16];
	uint32_t id;
};

struct frag_ent {
	int used;
	struct frag_key k;
	uint16_t sport, dport;
};

#define NFRAGTAB 1024
static struct frag_ent fragtab[NFRAGTAB];

static uint64_t hash_bytes(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ *b++) * 1099511628211ULL;
	return h;
}

static struct frag_ent *frag_find(const struct pfring_parsed *p, int add)
{
	struct frag_key k;
	unsigned int i, h;

	memset(&k, 0, sizeof(k));
	k.v6 = p->ip_version == 6;
	k.proto = p->l4_proto;
	memcpy(k.src, p->ip_src, 16);
	memcpy(k.dst, p->ip_dst, 16);
	k.id = p->frag_id;
	h = (unsigned int)hash_bytes(&k, sizeof(k));
	for (i = 0; i < NFRAGTAB; i++) {
		struct frag_ent *e = &fragtab[(h + i) % NFRAGTAB];

		if (e->used && !memcmp(&e->k, &k, sizeof(k)))
			return e;
		if (!e->used) {
			if (!add)
				return NULL;
			e->used = 1;
			e->k = k;
			return e;
		}
	}
	return NULL;
}

/* The flow of a TCP or UDP packet (fragments via their first), or NULL. */
static struct flow *flow_of(const struct pfring_slot *s, int add)
{
	const struct pfring_parsed *p = &s->parsed;
	uint16_t sp = p->l4_src_port, dp = p->l4_dst_port;
	struct frag_ent *fe;
	struct flow_key k;
	unsigned int i, h, alen = p->ip_version == 6 ? 16 : 4;
	int swap;

	if ((p->ip_version != 4 && p->ip_version != 6) ||
	    (p->l4_proto != IPPROTO_TCP && p->l4_proto != IPPROTO_UDP))
		return NULL;
	if ((p->flags & PFRING_PARSED_FRAGMENT) &&
	    !(p->flags & PFRING_PARSED_FIRST_FRAGMENT)) {
		fe = frag_find(p, 0);
		if (!fe)
			return NULL;
		sp = fe->sport;
		dp = fe->dport;
	} else if (!(p->flags & PFRING_PARSED_L4)) {
		return NULL;
	}
	memset(&k, 0, sizeof(k));
	k.v6 = p->ip_version == 6;
	k.proto = p->l4_proto;
	swap = memcmp(p->ip_src, p->ip_dst, alen) > 0 ||
	       (!memcmp(p->ip_src, p->ip_dst, alen) && sp > dp);
	memcpy(k.a, swap ? p->ip_dst : p->ip_src, alen);
	memcpy(k.b, swap ? p->ip_src : p->ip_dst, alen);
	k.pa = swap ? dp : sp;
	k.pb = swap ? sp : dp;
	h = (unsigned int)hash_bytes(&k, sizeof(k));
	for (i = 0; i < NFLOWTAB; i++) {
		struct flow *f = &flowtab[(h + i) % NFLOWTAB];

		if (f->used && !memcmp(&f->k, &k, sizeof(k)))
			return f;
		if (!f->used) {
			if (!add)
				return NULL;
			f->used = 1;
			f->k = k;
			f->queue = -1;
			return f;
		}
	}
	KT_REQUIRE(0, "flow table full");
	return NULL;
}

static uint64_t dq[SLOTS * 2], da[SLOTS * 2];
static unsigned int ndq, nda;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int is_l4(const struct pfring_slot *s)
{
	return (s->parsed.ip_version == 4 || s->parsed.ip_version == 6) &&
	       (s->parsed.l4_proto == IPPROTO_TCP ||
		s->parsed.l4_proto == IPPROTO_UDP);
}

/* The device ring first: it names the first fragments. */
static void scan_all(struct kt_ring *r)
{
	const struct pfring_slot *s;
	struct frag_ent *fe;

	while ((s = kt_ring_next(r))) {
		const struct pfring_parsed *p = &s->parsed;

		if (!is_l4(s))
			continue;
		da[nda++] = kt_slot_digest(s);
		if ((p->flags & PFRING_PARSED_FIRST_FRAGMENT) &&
		    (p->flags & PFRING_PARSED_L4)) {
			fe = frag_find(p, 1);
			KT_REQUIRE(fe, "fragment table full");
			fe->sport = p->l4_src_port;
			fe->dport = p->l4_dst_port;
		}
	}
}

static unsigned int scan_queue(struct kt_ring *r, int q)
{
	const struct pfring_slot *s;
	unsigned int n = 0, bad = 0;
	struct flow *f;

	while ((s = kt_ring_next(r))) {
		n++;
		if (s->rx_queue != q && bad++ < 5)
			KT_FAIL("rx_queue", "queue %d ring: slot of queue %u", q,
				s->rx_queue);
		if (!is_l4(s))
			continue;
		dq[ndq++] = kt_slot_digest(s);
		f = flow_of(s, 1);
		if (!f) {
			if (bad++ < 5)
				KT_FAIL("flow", "queue %d: a packet of no flow", q);
			continue;
		}
		if (f->queue < 0)
			f->queue = q;
		else if (f->queue != q && bad++ < 5)
			KT_FAIL("one queue per flow",
				"flow port %u-%u on queues %d and %d",
				f->k.pa, f->k.pb, f->queue, q);
		f->pkts[s->direction == PFRING_DIR_TX]++;
		f->frags += !!(s->parsed.flags & PFRING_PARSED_FRAGMENT);
	}
	return n;
}

int main(void)
{
	struct kt_ring qr[NQ], all;
	unsigned int q, i, per_q[NQ] = { 0 }, ntcp = 0, nudp = 0, nfrag = 0;
	unsigned int total = 0, incomplete = 0;
	int ready[2], status;
	pid_t srv, cli;
	char c;

	setup_net();
	kt_sh("echo %d > /proc/net/pf_ring/dev/vb/soft_queues", NQ);
	for (q = 0; q < NQ; q++)
		kt_ring_open_q(&qr[q], "vb", 1ULL << q, 128, SLOTS);
	kt_ring_open(&all, "vb", 128, SLOTS);

	KT_REQUIRE(!pipe(ready), "pipe");
	srv = fork();
	KT_REQUIRE(srv >= 0, "fork");
	if (srv == 0)
		server(ready[1]);
	KT_REQUIRE(read(ready[0], &c, 1) == 1, "server did not start");
	cli = fork();
	KT_REQUIRE(cli >= 0, "fork");
	if (cli == 0)
		client();
	KT_REQUIRE(waitpid(cli, &status, 0) == cli, "waitpid");
	KT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		 "client status %#x", status);
	usleep(300 * 1000);
	kill(srv, SIGKILL);
	waitpid(srv, NULL, 0);

	for (q = 0; q < NQ; q++)
		KT_CHECK(kt_ring_stats(&qr[q]).drop_full == 0, "queue %u dropped", q);
	scan_all(&all);
	for (q = 0; q < NQ; q++)
		total += scan_queue(&qr[q], (int)q);

	for (i = 0; i < NFLOWTAB; i++) {
		struct flow *f = &flowtab[i];
		unsigned int sp;

		if (!f->used)
			continue;
		sp = f->k.pa == TCP_PORT || f->k.pa == UDP_PORT ? f->k.pb : f->k.pa;
		if (f->k.proto == IPPROTO_TCP && sp >= TCP_SPORT &&
		    sp < TCP_SPORT + NTCP) {
			ntcp++;
			/* Handshake, data, teardown: several each way. */
			incomplete += f->pkts[0] < 3 || f->pkts[1] < 3;
		} else if (f->k.proto == IPPROTO_UDP && sp >= UDP_SPORT &&
			   sp < UDP_SPORT + NUDP + NFRAGU) {
			int big = sp >= UDP_SPORT + NUDP;

			nudp++;
			nfrag += big;
			/* One datagram each way, 3 fragments when big. */
			incomplete += f->pkts[0] != (big ? 3u : 1u) ||
				      f->pkts[1] != (big ? 3u : 1u) ||
				      f->frags != (big ? 6u : 0u);
		} else {
			KT_FAIL("flows", "unexpected flow %u-%u proto %u", f->k.pa,
				f->k.pb, f->k.proto);
			continue;
		}
		if (f->queue >= 0)
			per_q[f->queue]++;
	}
	KT_CHECK(ntcp == NTCP && nudp == NUDP + NFRAGU && nfrag == NFRAGU,
		 "%u TCP flows (want %d), %u UDP (want %d), %u fragmented (want %d)",
		 ntcp, NTCP, nudp, NUDP + NFRAGU, nfrag, NFRAGU);
	KT_CHECK(incomplete == 0, "%u flows with packets missing", incomplete);

	KT_CHECK(ndq == nda, "TCP/UDP packets: queue rings %u, device ring %u",
		 ndq, nda);
	qsort(dq, ndq, sizeof(dq[0]), cmp_u64);
	qsort(da, nda, sizeof(da[0]), cmp_u64);
	KT_CHECK(ndq == nda && !memcmp(dq, da, ndq * sizeof(dq[0])),
		 "queue rings and device ring hold different packets");
	for (q = 0; q < NQ; q++) {
		unsigned int nf = ntcp + nudp;

		printf("queue %u: %u flows (%.1f%%)\n", q, per_q[q],
		       100.0 * per_q[q] / (nf ? nf : 1));
		KT_CHECK(per_q[q] >= nf * 15 / 100 && per_q[q] <= nf * 35 / 100,
			 "queue %u has %u of %u flows", q, per_q[q], nf);
	}
	printf("%u packets on the queues, %u TCP/UDP\n", total, ndq);

	for (q = 0; q < NQ; q++)
		kt_ring_close(&qr[q]);
	kt_ring_close(&all);
	kt_sh("ip netns del %s", peer);
	return kt_done("softq_conn");
}
