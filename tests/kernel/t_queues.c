// SPDX-License-Identifier: GPL-2.0
/*
 * Per-queue delivery on real receive queues: a veth pair with two queues
 * on each end, the receiving end in NAPI mode (GRO on, and the sender's
 * TSO off so that its frames qualify), frames sent from each CPU so they
 * take TX queue = CPU on the sender and arrive on that RX queue.  A ring
 * per queue gets exactly its queue's frames (slot rx_queue says so), the
 * union of the queue rings is the capture of the whole device with no
 * loss and no duplicate, /proc and the driver's per-queue NAPI counters
 * agree, and queue rings get no transmitted frames.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_packet.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

#define NQ		2
#define PER_QUEUE	3000
#define SENDER(seq)	((seq) >> 24)
#define SLOTS		8192

struct sender {
	int cpu;
	int err;
};

/*
 * Frames from CPU k go out on TX queue k: with PACKET_QDISC_BYPASS and
 * no XPS map, AF_PACKET picks the queue from the sending CPU.
 */
static void *send_from_cpu(void *arg)
{
	struct sender *s = arg;
	int fd = kt_tx_open("va"), one = 1;
	uint8_t frame[64];
	cpu_set_t set;
	uint32_t i;

	CPU_ZERO(&set);
	CPU_SET(s->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) ||
	    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one))) {
		s->err = errno;
		return NULL;
	}
	for (i = 0; i < PER_QUEUE; i++)
		kt_tx(fd, frame, kt_frame(frame, (uint32_t)s->cpu << 24 | i,
					  sizeof(frame)));
	close(fd);
	return NULL;
}

static uint32_t seq_of(const struct pfring_slot *s)
{
	const uint8_t *p = (const uint8_t *)(s + 1);

	return (uint32_t)p[14] << 24 | p[15] << 16 | p[16] << 8 | p[17];
}

/* How many times each frame was seen: [sender][index]. */
static unsigned char seen_q[NQ][NQ][PER_QUEUE], seen_all[NQ][PER_QUEUE];

static unsigned int drain_queue(struct kt_ring *r, unsigned int q)
{
	const struct pfring_slot *s;
	unsigned int n = 0, bad = 0;
	uint32_t seq;

	while ((s = kt_ring_next(r))) {
		seq = seq_of(s);
		n++;
		if (s->rx_queue != q || SENDER(seq) != q ||
		    (seq & 0xffffff) >= PER_QUEUE || s->direction != PFRING_DIR_RX) {
			if (bad++ < 5)
				KT_FAIL("queue ring", "ring %u got seq %#x rx_queue %u dir %u",
					q, seq, s->rx_queue, s->direction);
			continue;
		}
		seen_q[q][SENDER(seq)][seq & 0xffffff]++;
	}
	return n;
}

static unsigned long long proc_queue_pkts(unsigned int q, unsigned int *socks)
{
	unsigned long long pkts = ~0ULL;
	unsigned int queue, s = ~0u;
	char line[256];
	FILE *f = fopen("/proc/net/pf_ring/dev/vb/queues", "r");

	KT_REQUIRE(f, "/proc/net/pf_ring/dev/vb/queues: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %llu %u", &queue, &pkts, &s) == 3 &&
		    queue == q)
			break;
	fclose(f);
	*socks = s;
	return pkts;
}

/* The driver's count of frames its NAPI poll handled on queue q. */
static long napi_packets(unsigned int q)
{
	char cmd[128], line[256];
	long v = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "ethtool -S vb | sed -n 's/^ *rx_queue_%u_xdp_packets: //p'", q);
	f = popen(cmd, "r");
	if (f && fgets(line, sizeof(line), f))
		v = atol(line);
	if (f)
		pclose(f);
	return v;
}

int main(void)
{
	struct kt_ring qr[NQ], all;
	struct sender senders[NQ];
	pthread_t tid[NQ];
	const struct pfring_slot *s;
	unsigned int q, k, i, n, socks, tx = 0, missing = 0, dup = 0;
	uint32_t chans;
	socklen_t len = sizeof(chans);
	uint8_t frame[64];
	struct pfring_stats st;
	int fd;

	kt_private_netns();
	kt_sh("ip link add va numtxqueues %d numrxqueues %d type veth peer name vb "
	      "numtxqueues %d numrxqueues %d", NQ, NQ, NQ, NQ);
	kt_sh("ethtool -K vb gro on && ethtool -K va tso off");
	kt_sh("ip link set va up && ip link set vb up");

	for (q = 0; q < NQ; q++)
		kt_ring_open_q(&qr[q], "vb", 1ULL << q, 64, SLOTS);
	kt_ring_open(&all, "vb", 64, SLOTS);

	KT_CHECK(!getsockopt(all.fd, SOL_PF_RING, SO_GET_NUM_RX_CHANNELS,
			     &chans, &len) && chans == NQ,
		 "SO_GET_NUM_RX_CHANNELS: %u (%s)", chans, strerror(errno));
	for (q = 0; q < NQ; q++) {
		proc_queue_pkts(q, &socks);
		KT_CHECK(socks == 2, "/proc queue %u: %u sockets, want 2", q, socks);
	}

	for (q = 0; q < NQ; q++) {
		senders[q].cpu = (int)q;
		senders[q].err = 0;
		KT_REQUIRE(!pthread_create(&tid[q], NULL, send_from_cpu,
					   &senders[q]), "pthread_create");
	}
	for (q = 0; q < NQ; q++) {
		pthread_join(tid[q], NULL);
		KT_REQUIRE(!senders[q].err, "sender %u: %s", q,
			   strerror(senders[q].err));
	}
	for (i = 0; i < 100 && kt_ring_queued(&all) < NQ * PER_QUEUE; i++)
		usleep(20 * 1000);
	usleep(50 * 1000);

	for (q = 0; q < NQ; q++) {
		n = drain_queue(&qr[q], q);
		KT_CHECK(n == PER_QUEUE, "queue %u ring: %u frames, want %d", q,
			 n, PER_QUEUE);
		st = kt_ring_stats(&qr[q]);
		KT_CHECK(st.drop_full == 0, "queue %u dropped %llu", q,
			 (unsigned long long)st.drop_full);
		KT_CHECK(proc_queue_pkts(q, &socks) == PER_QUEUE,
			 "/proc queue %u: %llu packets, want %d", q,
			 proc_queue_pkts(q, &socks), PER_QUEUE);
		KT_CHECK(napi_packets(q) == PER_QUEUE,
			 "veth NAPI queue %u: %ld packets, want %d (not in NAPI mode?)",
			 q, napi_packets(q), PER_QUEUE);
		printf("queue %u: %u frames\n", q, n);
	}
	n = 0;
	while ((s = kt_ring_next(&all))) {
		uint32_t seq = seq_of(s);

		n++;
		if (SENDER(seq) < NQ && (seq & 0xffffff) < PER_QUEUE &&
		    s->rx_queue == SENDER(seq))
			seen_all[SENDER(seq)][seq & 0xffffff]++;
	}
	KT_CHECK(n == NQ * PER_QUEUE, "device ring: %u frames, want %d", n,
		 NQ * PER_QUEUE);
	/* The queues together are the device: each frame once. */
	for (k = 0; k < NQ; k++) {
		for (i = 0; i < PER_QUEUE; i++) {
			unsigned int inq = 0;

			for (q = 0; q < NQ; q++)
				inq += seen_q[q][k][i];
			missing += inq == 0 || seen_all[k][i] == 0;
			dup += inq > 1 || seen_all[k][i] > 1;
		}
	}
	KT_CHECK(!missing && !dup, "%u frames missing, %u duplicated", missing,
		 dup);

	/* Frames vb sends have no RX queue: only the device ring sees them. */
	fd = kt_tx_open("vb");
	for (i = 0; i < 100; i++)
		kt_tx(fd, frame, kt_frame(frame, 0xff000000 | i, sizeof(frame)));
	close(fd);
	usleep(100 * 1000);
	for (q = 0; q < NQ; q++)
		KT_CHECK(kt_ring_queued(&qr[q]) == 0,
			 "queue %u ring got %u sent frames", q,
			 kt_ring_queued(&qr[q]));
	while ((s = kt_ring_next(&all)))
		tx += s->direction == PFRING_DIR_TX;
	KT_CHECK(tx == 100, "device ring: %u sent frames, want 100", tx);

	for (q = 0; q < NQ; q++)
		kt_ring_close(&qr[q]);
	kt_ring_close(&all);
	return kt_done("queues");
}
