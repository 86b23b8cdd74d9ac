// SPDX-License-Identifier: GPL-2.0
/*
 * Clusters on one device.  Round robin: members take turns in the order
 * of their positions, counts differ by at most one, a socket that joins
 * before it binds joins at bind.  Per flow (2-, 4-, 5-tuple, TCP
 * 5-tuple, and ntop's per-flow with the VLAN): 1000 flows over 4 members
 * give each member 15-35% of them, both directions of a flow go to the
 * same member, and the fields a type leaves out do not split flows.
 * Members joining and leaving while traffic flows: every frame reaches a
 * member, once (a member that leaves receives everything until it is
 * deactivated, like any ring of the device; those copies are told apart).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kt_flow.h"
#include "ktest.h"

#define SLOTS		16384
#define NFLOWS		1000
#define NMEMBERS	4

static int join(int fd, uint32_t id, uint32_t type, uint32_t pos)
{
	struct pfring_cluster_req req = {
		.cluster_id = id, .type = type, .position = pos,
	};

	return setsockopt(fd, SOL_PF_RING, SO_ADD_TO_CLUSTER, &req, sizeof(req));
}

static void member_open(struct kt_ring *r, uint32_t id, uint32_t type,
			uint32_t pos)
{
	kt_ring_open(r, "vb", 128, SLOTS);
	KT_REQUIRE(!join(r->fd, id, type, pos), "join cluster %u type %u: %s",
		   id, type, strerror(errno));
}

/* ---- round robin ----------------------------------------------------- */

static uint32_t seq_of(const struct pfring_slot *s)
{
	const uint8_t *p = (const uint8_t *)(s + 1);

	return (uint32_t)p[14] << 24 | p[15] << 16 | p[16] << 8 | p[17];
}

/* A ring for a socket that joined a cluster before binding. */
static void ring_map(struct kt_ring *r, int fd)
{
	socklen_t len = sizeof(r->info);

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &r->info, &len),
		   "ring info: %s", strerror(errno));
	r->mem = mmap(NULL, r->info.mem_size, PROT_READ | PROT_WRITE,
		      MAP_SHARED, fd, 0);
	KT_REQUIRE(r->mem != MAP_FAILED, "mmap: %s", strerror(errno));
	r->hdr = (struct pfring_ring_hdr *)r->mem;
	KT_REQUIRE(!setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0),
		   "activate: %s", strerror(errno));
}

static void round_robin(void)
{
	/* Not a rotation of the order they join in (0, 1, 2). */
	static const uint32_t pos[3] = { 1, 0, 2 };
	struct pfring_cluster_req bad = { .cluster_id = 7, .type = 6 };
	struct kt_ring m[3], other;
	const struct pfring_slot *s;
	unsigned int n[3], i, k, total = 0, min = ~0u, max = 0, order = 0;
	int fd, tx, shift = -1;
	uint8_t frame[64];

	member_open(&m[0], 7, PFRING_CLUSTER_ROUND_ROBIN, pos[0]);
	member_open(&m[1], 7, PFRING_CLUSTER_ROUND_ROBIN, pos[1]);
	fd = kt_socket();
	KT_REQUIRE(!kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 128) &&
		   !kt_setopt_u32(fd, SO_SET_RING_SLOTS, SLOTS), "settings");
	KT_REQUIRE(!join(fd, 7, PFRING_CLUSTER_ROUND_ROBIN, pos[2]),
		   "join before bind: %s", strerror(errno));
	KT_REQUIRE(!kt_bind(fd, kt_ifindex("vb"), 0), "bind: %s",
		   strerror(errno));
	ring_map(&m[2], fd);

	/* One cluster id, one type; the request is checked. */
	kt_ring_open(&other, "vb", 128, 64);
	KT_ERRNO(join(other.fd, 7, PFRING_CLUSTER_PER_FLOW, 0), EINVAL);
	KT_ERRNO(setsockopt(other.fd, SOL_PF_RING, SO_ADD_TO_CLUSTER, &bad,
			    sizeof(bad)), EINVAL);
	bad.type = PFRING_CLUSTER_ROUND_ROBIN;
	bad.reserved = 1;
	KT_ERRNO(setsockopt(other.fd, SOL_PF_RING, SO_ADD_TO_CLUSTER, &bad,
			    sizeof(bad)), EINVAL);
	KT_ERRNO(setsockopt(other.fd, SOL_PF_RING, SO_ADD_TO_CLUSTER, &bad, 8),
		 EINVAL);
	kt_ring_close(&other);

	/*
	 * "In turn" holds in the order the hook sees the frames: one CPU's
	 * backlog.  A sender moving between CPUs would have two backlogs
	 * drained at once (seen on slow debug kernels).
	 */
	{
		cpu_set_t one, all;

		sched_getaffinity(0, sizeof(all), &all);
		CPU_ZERO(&one);
		CPU_SET(sched_getcpu(), &one);
		sched_setaffinity(0, sizeof(one), &one);
		tx = kt_tx_open("va");
		for (i = 0; i < 1000; i++)
			kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
		close(tx);
		sched_setaffinity(0, sizeof(all), &all);
	}
	usleep(100 * 1000);

	for (k = 0; k < 3; k++) {
		n[k] = 0;
		while ((s = kt_ring_next(&m[k]))) {
			uint32_t seq = seq_of(s);

			n[k]++;
			/* In turn by position: seq + shift = position (mod 3). */
			if (shift < 0)
				shift = (int)((pos[k] + 3 - seq % 3) % 3);
			order += (seq + (uint32_t)shift) % 3 != pos[k];
		}
		total += n[k];
		min = n[k] < min ? n[k] : min;
		max = n[k] > max ? n[k] : max;
		kt_ring_close(&m[k]);
	}
	printf("round robin: %u %u %u of 1000 (positions 1 0 2)\n", n[0], n[1],
	       n[2]);
	KT_CHECK(total == 1000 && max - min <= 1, "round robin: %u %u %u",
		 n[0], n[1], n[2]);
	KT_CHECK(order == 0, "%u frames out of turn", order);
}

/* ---- per flow -------------------------------------------------------- */

struct flow_test {
	const char *name;
	uint32_t type;
	/* flows[0..NFLOWS) spread; [NFLOWS..NFLOWS+extra) must not. */
	unsigned int extra;
	int extra_one_member;	/* the extra flows all on one member */
	int extra_pairs;	/* extra flow 2i and 2i+1 on one member */
};

static struct kt_flow flows[NFLOWS + 200];
static int member_of[NFLOWS + 200];
static unsigned int dirs[NFLOWS + 200][2];

static uint32_t rnd_state = 4242;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void rnd_addr(uint8_t *a)
{
	unsigned int j;

	for (j = 0; j < 16; j += 4) {
		uint32_t v = rnd();

		memcpy(a + j, &v, 4);
	}
}

static void make_flows(const struct flow_test *t)
{
	static const uint8_t A[16] = { 10, 1, 1, 1 }, B[16] = { 10, 2, 2, 2 };
	unsigned int i;

	for (i = 0; i < NFLOWS + t->extra; i++) {
		struct kt_flow *f = &flows[i];
		int extra = i >= NFLOWS;

		memset(f, 0, sizeof(*f));
		f->proto = i % 2 ? IPPROTO_TCP : IPPROTO_UDP;
		f->sport = (uint16_t)(1024 + rnd() % 60000);
		f->dport = (uint16_t)(1024 + rnd() % 60000);
		memcpy(f->src, A, 16);
		memcpy(f->dst, B, 16);
		switch (t->type) {
		case PFRING_CLUSTER_PER_FLOW_2_TUPLE:
			/* Spread by addresses; the extra ones share A-B. */
			if (!extra) {
				f->v6 = i % 3 == 0;
				rnd_addr(f->src);
				rnd_addr(f->dst);
			}
			break;
		case PFRING_CLUSTER_PER_FLOW_4_TUPLE:
			/* Extra: the same ports as TCP and as UDP. */
			if (extra && (i - NFLOWS) % 2) {
				*f = flows[i - 1];
				f->proto = IPPROTO_TCP;
			} else if (extra) {
				f->proto = IPPROTO_UDP;
			}
			break;
		case PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE:
			/* TCP spreads by ports, the extra UDP flows do not. */
			f->proto = extra ? IPPROTO_UDP : IPPROTO_TCP;
			break;
		case PFRING_CLUSTER_PER_FLOW:
			/* One 5-tuple in 1000 VLANs. */
			f->proto = IPPROTO_UDP;
			f->sport = 4000;
			f->dport = 53;
			f->vlan = (uint16_t)(1 + i);
			break;
		}
		member_of[i] = -1;
		dirs[i][0] = dirs[i][1] = 0;
	}
}

static void per_flow(const struct flow_test *t, uint32_t cluster)
{
	struct kt_ring m[NMEMBERS];
	const struct pfring_slot *s;
	unsigned int i, k, nflows = NFLOWS + t->extra, per[NMEMBERS] = { 0 };
	unsigned int split = 0, lost = 0, extra_members = 0, pairs_split = 0;
	uint8_t frame[256];
	int fwd, rev, first_extra = -1;
	struct kt_tag tag;

	make_flows(t);
	for (k = 0; k < NMEMBERS; k++)
		member_open(&m[k], cluster, t->type, PFRING_CLUSTER_POS_ANY);
	fwd = kt_tx_open("va");
	rev = kt_tx_open("vb");
	for (i = 0; i < nflows; i++) {
		kt_tx(fwd, frame, kt_flow_frame(frame, &flows[i], 0, i, 0, 24));
		kt_tx(rev, frame, kt_flow_frame(frame, &flows[i], 1, i, 1, 24));
	}
	close(fwd);
	close(rev);
	usleep(100 * 1000);

	for (k = 0; k < NMEMBERS; k++) {
		while ((s = kt_ring_next(&m[k]))) {
			if (!kt_slot_tag(s, &tag) || tag.flow >= nflows) {
				KT_FAIL("tag", "%s: member %u: untagged frame",
					t->name, k);
				continue;
			}
			if (member_of[tag.flow] < 0)
				member_of[tag.flow] = (int)k;
			split += member_of[tag.flow] != (int)k;
			dirs[tag.flow][s->direction == PFRING_DIR_TX]++;
		}
		KT_CHECK(kt_ring_stats(&m[k]).drop_full == 0, "%s: drops", t->name);
		kt_ring_close(&m[k]);
	}
	for (i = 0; i < nflows; i++) {
		lost += dirs[i][0] != 1 || dirs[i][1] != 1;
		if (member_of[i] < 0)
			continue;
		if (i < NFLOWS)
			per[member_of[i]]++;
		else if (t->extra_one_member && member_of[i] != first_extra)
			extra_members += first_extra >= 0;
		if (i >= NFLOWS && first_extra < 0)
			first_extra = member_of[i];
		if (i >= NFLOWS && t->extra_pairs && (i - NFLOWS) % 2)
			pairs_split += member_of[i] != member_of[i - 1];
	}
	printf("%-14s", t->name);
	for (k = 0; k < NMEMBERS; k++) {
		printf(" %5.1f%%", 100.0 * per[k] / NFLOWS);
		KT_CHECK(per[k] >= NFLOWS * 15 / 100 && per[k] <= NFLOWS * 35 / 100,
			 "%s: member %u has %u of %d flows", t->name, k, per[k],
			 NFLOWS);
	}
	printf("\n");
	KT_CHECK(!split, "%s: %u frames away from their flow's member", t->name,
		 split);
	KT_CHECK(!lost, "%s: %u flows without exactly one frame each way",
		 t->name, lost);
	KT_CHECK(!extra_members, "%s: flows differing only in fields the type "
		 "ignores went to %u other members", t->name, extra_members);
	KT_CHECK(!pairs_split, "%s: %u TCP/UDP pairs split", t->name,
		 pairs_split);
}

/* ---- joining and leaving under traffic -------------------------------- */

#define STEP	2500

static volatile int stop_sending;
static uint32_t sent;		/* atomic */

static void *sender(void *arg)
{
	struct kt_flow f = { .proto = IPPROTO_UDP, .src = { 10, 0, 0, 1 },
			     .dst = { 10, 0, 0, 2 }, .dport = 53 };
	int fd = kt_tx_open("va");
	uint8_t frame[128];
	cpu_set_t set;
	uint32_t seq;

	(void)arg;
	/* One CPU: the frames reach the rings in the order they are sent. */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	for (seq = 0; !stop_sending; seq++) {
		f.sport = (uint16_t)(1000 + seq % 64);
		kt_tx(fd, frame, kt_flow_frame(frame, &f, 0, 0, seq, 16));
		__atomic_store_n(&sent, seq + 1, __ATOMIC_RELEASE);
	}
	close(fd);
	return NULL;
}

static void wait_sent(uint32_t n)
{
	while (__atomic_load_n(&sent, __ATOMIC_ACQUIRE) < n)
		usleep(1000);
}

/*
 * A member joins with its ring already active and before it binds: bound
 * first it would get every frame until it joined, inactive it would lose
 * the frames the cluster gives it until activated.
 */
static void member_join_live(struct kt_ring *r, uint32_t id, uint32_t type,
			     uint32_t pos)
{
	int fd = kt_socket();

	KT_REQUIRE(!kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 128) &&
		   !kt_setopt_u32(fd, SO_SET_RING_SLOTS, SLOTS), "settings");
	ring_map(r, fd);
	KT_REQUIRE(!join(fd, id, type, pos), "join: %s", strerror(errno));
	KT_REQUIRE(!kt_bind(fd, kt_ifindex("vb"), 0), "bind: %s",
		   strerror(errno));
}

/*
 * A member stops taking the cluster's frames: it leaves, then stops.
 * Between the two it is a plain ring of the device and gets every frame
 * (the other order would lose the frames the cluster still gives it).
 */
static void leave(struct kt_ring *r)
{
	KT_REQUIRE(!setsockopt(r->fd, SOL_PF_RING, SO_REMOVE_FROM_CLUSTER,
			       NULL, 0), "leave: %s", strerror(errno));
	usleep(20 * 1000);	/* long enough to see that in the counts */
	KT_REQUIRE(!setsockopt(r->fd, SOL_PF_RING, SO_DEACTIVATE_RING, NULL, 0),
		   "deactivate: %s", strerror(errno));
}

static void join_leave(const char *name, uint32_t type, uint32_t cluster)
{
	static unsigned char count[16 * STEP];
	static uint32_t seqs[4][16 * STEP];
	enum { A, B, C, D };
	struct kt_ring m[4];
	const struct pfring_slot *s;
	unsigned int n[4], k, i, lost = 0, dups = 0, stray = 0, tail_start[4];
	unsigned long long recv = 0;
	struct pfring_stats st;
	struct kt_tag tag;
	pthread_t tid;
	uint32_t total;

	memset(count, 0, sizeof(count));
	stop_sending = 0;
	sent = 0;
	member_open(&m[A], cluster, type, PFRING_CLUSTER_POS_ANY);
	member_open(&m[B], cluster, type, PFRING_CLUSTER_POS_ANY);
	KT_REQUIRE(!pthread_create(&tid, NULL, sender, NULL), "pthread_create");
	wait_sent(STEP);
	member_join_live(&m[C], cluster, type, PFRING_CLUSTER_POS_ANY);
	wait_sent(2 * STEP);
	leave(&m[A]);
	wait_sent(3 * STEP);
	member_join_live(&m[D], cluster, type, 0);
	wait_sent(4 * STEP);
	leave(&m[B]);
	wait_sent(5 * STEP);
	stop_sending = 1;
	pthread_join(tid, NULL);
	total = sent;
	usleep(200 * 1000);
	KT_REQUIRE(total < 16 * STEP, "sent %u", total);

	for (k = A; k <= D; k++) {
		n[k] = 0;
		while ((s = kt_ring_next(&m[k]))) {
			if (!kt_slot_tag(s, &tag) || tag.seq >= total) {
				stray++;
				continue;
			}
			seqs[k][n[k]++] = tag.seq;
			count[tag.seq]++;
		}
		st = kt_ring_stats(&m[k]);
		KT_CHECK(st.drop_full == 0, "%s: member %u dropped %llu", name,
			 k, (unsigned long long)st.drop_full);
		recv += st.recv + st.drop_full;
		/* Where the run of consecutive frames at its end starts. */
		for (i = n[k]; i > 1 && seqs[k][i - 1] == seqs[k][i - 2] + 1; i--)
			;
		tail_start[k] = i ? i - 1 : 0;
	}
	/*
	 * A frame twice: once in a leaving member's ring after it left (all
	 * of its last frames, consecutive), once in a member's.
	 */
	for (k = A; k <= B; k++)
		for (i = tail_start[k]; i < n[k]; i++)
			if (count[seqs[k][i]] == 2) {
				count[seqs[k][i]] = 1;
				dups++;
			}
	for (i = 0; i < total; i++)
		lost += count[i] == 0;
	for (i = 0; i < total; i++)
		stray += count[i] > 1;
	printf("%s join/leave: %u sent; members A %u B %u C %u D %u; "
	       "%u copies in A's and B's rings after they left\n", name, total,
	       n[A], n[B], n[C], n[D], dups);
	KT_CHECK(!lost, "%s: %u frames reached no member", name, lost);
	KT_CHECK(!stray, "%s: %u frames reached two members (or stray)", name,
		 stray);
	KT_CHECK(recv == total + dups, "%s: members counted %llu = sent %u + %u",
		 name, recv, total, dups);
	KT_CHECK(n[C] > 0 && n[D] > 0, "%s: a new member got nothing", name);
	KT_CHECK(dups > 0, "%s: members that left got no frame of their own",
		 name);
	for (k = A; k <= D; k++)
		kt_ring_close(&m[k]);
}

int main(void)
{
	static const struct flow_test tests[] = {
		{ "2-tuple", PFRING_CLUSTER_PER_FLOW_2_TUPLE, 200, 1, 0 },
		{ "4-tuple", PFRING_CLUSTER_PER_FLOW_4_TUPLE, 200, 0, 1 },
		{ "5-tuple", PFRING_CLUSTER_PER_FLOW_5_TUPLE, 0, 0, 0 },
		{ "tcp-5-tuple", PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE, 200, 1, 0 },
		{ "per-flow+vlan", PFRING_CLUSTER_PER_FLOW, 0, 0, 0 },
	};
	unsigned int i;

	kt_private_netns();
	kt_veth("va", "vb");
	round_robin();
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		per_flow(&tests[i], 100 + i);
	join_leave("round-robin", PFRING_CLUSTER_ROUND_ROBIN, 200);
	join_leave("5-tuple", PFRING_CLUSTER_PER_FLOW_5_TUPLE, 201);
	return kt_done("cluster");
}
