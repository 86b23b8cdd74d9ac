// SPDX-License-Identifier: GPL-2.0
/*
 * Software queues: with /proc/net/pf_ring/dev/vb/soft_queues = 4, crafted
 * UDP and TCP flows over IPv4 and IPv6, some 802.1Q or QinQ tagged, some
 * sent as IP fragments, travel both ways over vb (received from va, sent
 * by vb).  Each queue ring gets whole flows: every packet of both
 * directions of a flow, fragments included, on one queue (slot rx_queue
 * says which), the flows spread over all queues, the queue rings
 * together equal the device ring exactly, and /proc counts the same.
 * Back to 0 software queues, the queue rings see the hardware queues.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kt_flow.h"
#include "ktest.h"

#define NQ		4
#define NFLOWS		480	/* plain flows */
#define NFRAG		40	/* flows that also send fragmented datagrams */
#define ALLFLOWS	(NFLOWS + NFRAG)
#define PER_DIR		2	/* plain packets each way */
#define FRAG_PAYLOAD	3000	/* 3 fragments */
#define SLOTS		16384
/* Fits the 16 bits of an IPv4 id. */
#define FRAG_ID(f, rev)	(0x8000u + (f) * 2u + (rev))

static struct kt_flow flows[ALLFLOWS];
static int flow_queue[ALLFLOWS];		/* -1: not seen yet */
static unsigned int flow_pkts[ALLFLOWS][2];	/* [RX, TX] in queue rings */
static unsigned int flow_frags[ALLFLOWS];
static uint64_t digests_q[8 * SLOTS], digests_all[8 * SLOTS];
static unsigned int ndq, nda;

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void make_flows(void)
{
	unsigned int i, j;

	for (i = 0; i < ALLFLOWS; i++) {
		struct kt_flow *f = &flows[i];

		memset(f, 0, sizeof(*f));
		f->v6 = i & 1;
		f->proto = i < NFLOWS && i % 3 == 0 ? IPPROTO_TCP : IPPROTO_UDP;
		for (j = 0; j < 16; j += 4) {
			uint32_t a = rnd(), b = rnd();

			memcpy(f->src + j, &a, 4);
			memcpy(f->dst + j, &b, 4);
		}
		f->sport = (uint16_t)(1024 + rnd() % 64000);
		f->dport = (uint16_t)(1024 + rnd() % 64000);
		if (i % 5 == 0)
			f->vlan = (uint16_t)(100 + i % 7);
		if (i % 11 == 0) {
			f->outer_vlan = 10;
			f->vlan = (uint16_t)(20 + i % 3);
		}
		flow_queue[i] = -1;
	}
}

/* Forward frames enter vb from va; reverse frames leave through vb. */
static void send_all(int fwd, int rev)
{
	static uint8_t frags[4][1600];
	uint8_t frame[256];
	size_t lens[4];
	unsigned int i, k, r, n;

	for (k = 0; k < PER_DIR; k++)
		for (i = 0; i < ALLFLOWS; i++)
			for (r = 0; r < 2; r++)
				kt_tx(r ? rev : fwd, frame,
				      kt_flow_frame(frame, &flows[i], (int)r, i,
						    k, 40));
	for (i = NFLOWS; i < ALLFLOWS; i++) {
		for (r = 0; r < 2; r++) {
			n = kt_flow_fragments(frags, lens, 4, &flows[i], (int)r,
					      i, FRAG_ID(i, r), FRAG_PAYLOAD);
			KT_REQUIRE(n == 3, "%u fragments", n);
			for (k = 0; k < n; k++)
				kt_tx(r ? rev : fwd, frags[k], lens[k]);
		}
	}
}

/* The flow a captured packet belongs to, or -1. */
static int flow_of(const struct pfring_slot *s)
{
	const struct pfring_parsed *p = &s->parsed;
	struct kt_tag t;
	uint32_t id;

	if (kt_slot_tag(s, &t))
		return t.flow < ALLFLOWS ? (int)t.flow : -1;
	/* Fragments after the first carry no tag: their id says. */
	if (!(p->flags & PFRING_PARSED_FRAGMENT))
		return -1;
	id = p->frag_id;
	if (id < FRAG_ID(NFLOWS, 0) || id > FRAG_ID(ALLFLOWS - 1, 1))
		return -1;
	return (int)((id - FRAG_ID(0, 0)) / 2);
}

static unsigned int drain_queue(struct kt_ring *r, int q)
{
	const struct pfring_slot *s;
	unsigned int n = 0, bad = 0;
	int f;

	while ((s = kt_ring_next(r))) {
		n++;
		digests_q[ndq++] = kt_slot_digest(s);
		f = flow_of(s);
		if (s->rx_queue != q || f < 0) {
			if (bad++ < 5)
				KT_FAIL("queue ring", "queue %d: slot rx_queue %u flow %d",
					q, s->rx_queue, f);
			continue;
		}
		if (flow_queue[f] < 0)
			flow_queue[f] = q;
		else if (flow_queue[f] != q && bad++ < 5)
			KT_FAIL("one queue per flow", "flow %d on queues %d and %d",
				f, flow_queue[f], q);
		flow_pkts[f][s->direction == PFRING_DIR_TX]++;
		flow_frags[f] += !!(s->parsed.flags & PFRING_PARSED_FRAGMENT);
	}
	return n;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Column "Packets" of /proc/net/pf_ring/dev/vb/queues; rows counted. */
static unsigned int proc_queues(unsigned long long *pkts, unsigned int *socks)
{
	unsigned int q, n = 0, s;
	unsigned long long p;
	char line[256];
	FILE *f = fopen("/proc/net/pf_ring/dev/vb/queues", "r");

	KT_REQUIRE(f, "/proc/net/pf_ring/dev/vb/queues: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %llu %u", &q, &p, &s) == 3 && q == n && n < 64) {
			pkts[n] = p;
			socks[n++] = s;
		}
	fclose(f);
	return n;
}

static int write_soft(const char *v)
{
	int fd = open("/proc/net/pf_ring/dev/vb/soft_queues", O_WRONLY);
	ssize_t n;
	int err;

	KT_REQUIRE(fd >= 0, "soft_queues: %s", strerror(errno));
	n = write(fd, v, strlen(v));
	err = errno;
	close(fd);
	errno = err;
	return n < 0 ? -1 : 0;
}

static uint32_t num_channels(int fd)
{
	uint32_t v = 0;
	socklen_t len = sizeof(v);

	KT_CHECK(!getsockopt(fd, SOL_PF_RING, SO_GET_NUM_RX_CHANNELS, &v, &len),
		 "SO_GET_NUM_RX_CHANNELS: %s", strerror(errno));
	return v;
}

int main(void)
{
	unsigned long long pkts[64];
	unsigned int socks[64], got[NQ], per_q_flows[NQ] = { 0 };
	struct kt_ring qr[NQ], all;
	const struct pfring_slot *s;
	struct pfring_stats st;
	unsigned int q, i, n, want_total;
	int fwd, rev, f;
	uint8_t frame[64];

	kt_private_netns();
	kt_veth("va", "vb");
	KT_ERRNO(write_soft("65"), EINVAL);
	KT_ERRNO(write_soft("four"), EINVAL);
	kt_sh("echo %d > /proc/net/pf_ring/dev/vb/soft_queues", NQ);
	kt_sh("grep -qx %d /proc/net/pf_ring/dev/vb/soft_queues", NQ);
	kt_sh("grep -q '^# software queues *: %d$' /proc/net/pf_ring/dev/vb/info", NQ);

	for (q = 0; q < NQ; q++)
		kt_ring_open_q(&qr[q], "vb", 1ULL << q, 128, SLOTS);
	kt_ring_open(&all, "vb", 128, SLOTS);
	KT_CHECK(num_channels(all.fd) == NQ, "channels %u, want %d",
		 num_channels(all.fd), NQ);
	n = proc_queues(pkts, socks);
	KT_CHECK(n == NQ, "/proc lists %u queues, want %d", n, NQ);
	for (q = 0; q < n; q++)
		KT_CHECK(pkts[q] == 0 && socks[q] == 2,
			 "/proc queue %u before: %llu packets, %u sockets", q,
			 pkts[q], socks[q]);

	make_flows();
	fwd = kt_tx_open("va");
	rev = kt_tx_open("vb");
	send_all(fwd, rev);
	want_total = ALLFLOWS * PER_DIR * 2 + NFRAG * 3 * 2;
	for (i = 0; i < 100 && kt_ring_queued(&all) < want_total; i++)
		usleep(20 * 1000);
	usleep(50 * 1000);

	for (q = 0; q < NQ; q++) {
		got[q] = drain_queue(&qr[q], (int)q);
		st = kt_ring_stats(&qr[q]);
		KT_CHECK(st.drop_full == 0, "queue %u dropped %llu", q,
			 (unsigned long long)st.drop_full);
	}
	while ((s = kt_ring_next(&all)))
		digests_all[nda++] = kt_slot_digest(s);
	KT_CHECK(nda == want_total, "device ring: %u packets, want %u", nda,
		 want_total);

	/* The queues together are the device: the same packets, once. */
	KT_CHECK(ndq == nda, "queue rings %u packets, device ring %u", ndq, nda);
	qsort(digests_q, ndq, sizeof(digests_q[0]), cmp_u64);
	qsort(digests_all, nda, sizeof(digests_all[0]), cmp_u64);
	KT_CHECK(ndq == nda && !memcmp(digests_q, digests_all,
				       ndq * sizeof(digests_q[0])),
		 "queue rings and device ring hold different packets");

	for (f = 0; f < ALLFLOWS; f++) {
		unsigned int want = PER_DIR + (f >= NFLOWS ? 3 : 0);

		KT_CHECK(flow_queue[f] >= 0, "flow %d never seen", f);
		if (flow_queue[f] >= 0)
			per_q_flows[flow_queue[f]]++;
		KT_CHECK(flow_pkts[f][0] == want && flow_pkts[f][1] == want,
			 "flow %d: %u received, %u sent, want %u each", f,
			 flow_pkts[f][0], flow_pkts[f][1], want);
		KT_CHECK(flow_frags[f] == (f >= NFLOWS ? 6u : 0u),
			 "flow %d: %u fragments with it", f, flow_frags[f]);
	}
	n = proc_queues(pkts, socks);
	for (q = 0; q < NQ; q++) {
		printf("queue %u: %u packets, %u flows (%.1f%%)\n", q, got[q],
		       per_q_flows[q], 100.0 * per_q_flows[q] / ALLFLOWS);
		KT_CHECK(per_q_flows[q] >= ALLFLOWS * 15 / 100 &&
			 per_q_flows[q] <= ALLFLOWS * 35 / 100,
			 "queue %u has %u of %d flows", q, per_q_flows[q],
			 ALLFLOWS);
		KT_CHECK(q < n && pkts[q] == got[q],
			 "/proc queue %u: %llu packets, ring %u", q,
			 q < n ? pkts[q] : 0ULL, got[q]);
	}

	/* No software queues: the driver's single queue, received only. */
	kt_sh("echo 0 > /proc/net/pf_ring/dev/vb/soft_queues");
	KT_CHECK(num_channels(all.fd) == 1, "channels %u, want 1",
		 num_channels(all.fd));
	KT_CHECK(proc_queues(pkts, socks) == 1, "/proc lists %u queues",
		 proc_queues(pkts, socks));
	for (i = 0; i < 10; i++) {
		kt_tx(fwd, frame, kt_frame(frame, i, sizeof(frame)));
		kt_tx(rev, frame, kt_frame(frame, i, sizeof(frame)));
	}
	usleep(100 * 1000);
	KT_CHECK(kt_ring_queued(&qr[0]) == 10, "queue 0: %u packets, want 10",
		 kt_ring_queued(&qr[0]));
	while ((s = kt_ring_next(&qr[0])))
		KT_CHECK(s->direction == PFRING_DIR_RX && s->rx_queue == 0,
			 "queue 0: direction %u queue %u", s->direction,
			 s->rx_queue);
	for (q = 1; q < NQ; q++)
		KT_CHECK(kt_ring_queued(&qr[q]) == 0, "queue %u: %u packets", q,
			 kt_ring_queued(&qr[q]));
	KT_CHECK(kt_ring_queued(&all) == 20, "device: %u packets, want 20",
		 kt_ring_queued(&all));

	close(fwd);
	close(rev);
	for (q = 0; q < NQ; q++)
		kt_ring_close(&qr[q]);
	kt_ring_close(&all);
	return kt_done("softq");
}
