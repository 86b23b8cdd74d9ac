// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: many sockets, many binds, devices that keep going away.
 *
 * usage: t_stress [fanout] [storm] [devices] [rmmod]   (default: all four,
 * a few tens of seconds in a TCG guest; a debug kernel may need them in
 * separate runs, e.g. suite.sh t_stress:fanout,storm t_stress:devices,rmmod)
 *
 *  1. 64 sockets bound to one device under load.  With rings big enough,
 *     every socket receives every frame, byte-exact, nothing dropped.
 *     With small rings and readers of different speeds (one never
 *     reads), for every socket sent = captured + dropped exactly
 *     (SO_GET_STATS), and what was captured is byte-exact, each frame
 *     once (frames out of sending order are counted, not failed: the two
 *     CPUs' receive backlogs may reorder them before the tap).
 *     Clusters and software queues under the same load: a round-robin
 *     cluster of 6 gives each frame to exactly one member, 200 each; a
 *     5-tuple cluster keeps each flow on one member; with soft_queues=4,
 *     4 sockets selecting one queue each see every frame exactly once
 *     between them, each flow on one queue.
 *  2. A storm of socket/bind/mmap/activate/close from 2 threads while
 *     traffic flows (thousands of sockets: bound to the device, to "any",
 *     or not at all; some mapped, some unmapped after close).  Nothing is
 *     left behind: no ring, no /proc file, no module reference.
 *  3. The bound device is deleted and re-created >= 50 times (either end
 *     of the veth deleted, or moved to another namespace) while sockets
 *     stay open, with traffic.  Each time every socket sees POLLERR,
 *     ENODEV from recv() and SO_ERROR, DEV_GONE in the ring's status word
 *     and ENODEV for its bound ifindex; then it binds again, to the new
 *     device, and captures again (two of them as members of a cluster,
 *     which they rejoin at each bind).  No deletion may hang (an unreleased
 *     device reference makes "ip link del" wait for ever).
 *  4. rmmod fails while sockets are open (unbound, bound and capturing,
 *     closed but still mapped), and the module keeps working.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktest.h"
#include "kt_netlink.h"

#define NSOCKS		64

/*
 * Debug kernels (KASAN, lockdep, ...) in TCG are 5-50x slower: when the
 * calibration at the start says so, the parts are scaled down (1000
 * overload frames instead of 3000, a 10 s storm instead of 20 s, 51 device
 * cycles instead of 60).
 */
static bool slow;
#define CALIBRATE_SLOW_MS	300	/* stock 6.1 in TCG: ~30 ms; debug: ~1400 ms */

static uint32_t seq_of(const struct pfring_slot *s)
{
	const uint8_t *p = (const uint8_t *)(s + 1);

	return (uint32_t)p[14] << 24 | p[15] << 16 | p[16] << 8 | p[17];
}

/* Frame i's length: 60..128, so that any bucket of 128 holds it whole. */
static size_t len_of(uint32_t seq)
{
	return 60 + (seq * 7) % 69;
}

/* Checks one captured test frame; returns its sequence number. */
static uint32_t check_frame(const struct pfring_slot *s, const char *who)
{
	uint8_t want[2048];
	uint32_t seq = seq_of(s);
	size_t len = len_of(seq);

	kt_frame(want, seq, len);
	if (s->caplen != len || s->len != len || memcmp(s + 1, want, len)) {
		KT_FAIL("frame", "%s: frame seq %u: caplen %u len %u, want %zu, bytes %s",
			who, seq, s->caplen, s->len, len,
			memcmp(s + 1, want, s->caplen < len ? s->caplen : len) ?
			"differ" : "equal");
	}
	return seq;
}

static long proc_total_rings(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/net/pf_ring/info", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Total rings", 11))
			sscanf(strchr(line, ':') + 1, "%ld", &v);
	fclose(f);
	return v;
}

static int proc_sock_files(void)
{
	FILE *f = popen("ls /proc/self/net/pf_ring/ | grep -cvxE 'info|dev'", "r");
	int n = -1;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		pclose(f);
	}
	return n;
}

static long module_refcnt(void)
{
	FILE *f = fopen("/sys/module/pf_ring/refcnt", "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* Nothing of the module's may be left once every socket is closed. */
static void check_nothing_left(const char *when)
{
	long rings = proc_total_rings(), ref = module_refcnt();
	int files = proc_sock_files();

	KT_CHECK(rings == 0 && files == 0 && ref == 0,
		 "%s: %ld rings, %d socket files in /proc, module refcount %ld",
		 when, rings, files, ref);
	printf("%s: %ld rings, %d /proc socket files, module refcount %ld\n",
	       when, rings, files, ref);
}

/* ------------------------------------------------------------------ */
/* 1. 64 sockets on one device                                          */

struct fan {
	struct kt_ring r[NSOCKS];
	uint32_t got[NSOCKS];		/* frames read */
	int64_t last[NSOCKS];		/* last seq read */
	uint32_t out_of_order[NSOCKS];
	uint8_t *seen[NSOCKS];		/* per seq: read already */
	uint32_t nseq;
	atomic_bool stop;
};

static void fan_read(struct fan *f, int i)
{
	const struct pfring_slot *s;
	char who[32];

	snprintf(who, sizeof(who), "socket %d", i);
	while ((s = kt_ring_next(&f->r[i]))) {
		uint32_t seq = check_frame(s, who);

		if (seq >= f->nseq) {
			KT_FAIL("seq", "%s: seq %u never sent", who, seq);
			continue;
		}
		if (f->seen[i][seq])
			KT_FAIL("dup", "%s: frame %u captured twice", who, seq);
		f->seen[i][seq] = 1;
		if ((int64_t)seq <= f->last[i])
			f->out_of_order[i]++;
		f->last[i] = seq;
		f->got[i]++;
	}
}

static void fan_open(struct fan *f, uint32_t slots, uint32_t nseq)
{
	memset(f, 0, sizeof(*f));
	f->nseq = nseq;
	for (int i = 0; i < NSOCKS; i++) {
		kt_ring_open(&f->r[i], "vb", 128, slots);
		f->last[i] = -1;
		f->seen[i] = calloc(nseq, 1);
		KT_REQUIRE(f->seen[i], "calloc");
	}
}

static void fan_close(struct fan *f)
{
	for (int i = 0; i < NSOCKS; i++) {
		kt_ring_close(&f->r[i]);
		free(f->seen[i]);
	}
}

struct fan_reader {
	struct fan *f;
	int first, n;
	int delay_us;	/* < 0: never reads */
};

static void *fan_reader(void *p)
{
	struct fan_reader *a = p;

	while (!atomic_load(&a->f->stop)) {
		if (a->delay_us < 0) {
			usleep(10000);
			continue;
		}
		for (int i = a->first; i < a->first + a->n; i++)
			fan_read(a->f, i);
		if (a->delay_us)
			usleep(a->delay_us);
		else
			sched_yield();
	}
	return NULL;
}

/* rx packets of a device, from the namespace's /proc/net/dev */
static unsigned long long dev_counter(const char *dev, int field)
{
	char line[512], name[64];
	unsigned long long v[16] = { 0 };
	FILE *f = fopen("/proc/self/net/dev", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':');

		if (!c)
			continue;
		*c = 0;
		if (sscanf(line, " %63s", name) != 1 || strcmp(name, dev))
			continue;
		sscanf(c + 1, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		       &v[8], &v[9], &v[10], &v[11]);
	}
	fclose(f);
	return v[field];
}

static void part_fanout(void)
{
	static struct fan f;
	uint8_t frame[256];
	struct pfring_stats st;
	uint64_t t0 = kt_mono_ms();
	unsigned long long rx0, rx1;
	uint32_t i, n = 1000, total_ooo = 0;
	int tx = kt_tx_open("va");
	pthread_t rt[4];
	struct fan_reader ra[4];
	uint64_t sum_recv = 0, sum_drop = 0;

	/* A: rings that hold everything. */
	fan_open(&f, 2048, n);
	rx0 = dev_counter("vb", 1);
	for (i = 0; i < n; i++)
		kt_tx(tx, frame, kt_frame(frame, i, len_of(i)));
	usleep(300 * 1000);
	rx1 = dev_counter("vb", 1);
	for (int k = 0; k < NSOCKS; k++) {
		fan_read(&f, k);
		st = kt_ring_stats(&f.r[k]);
		KT_CHECK(f.got[k] == n && st.recv == n && st.drop_full == 0 &&
			 st.bad_cons == 0,
			 "big rings, socket %d: read %u, recv %llu, drop %llu, bad_cons %llu of %u sent",
			 k, f.got[k], (unsigned long long)st.recv,
			 (unsigned long long)st.drop_full,
			 (unsigned long long)st.bad_cons, n);
		total_ooo += f.out_of_order[k];
	}
	printf("fan-out: %d sockets x %u frames, every socket got every frame byte-exact (vb rx %llu, %u out of sending order) in %llu ms\n",
	       NSOCKS, n, rx1 - rx0, total_ooo, (unsigned long long)(kt_mono_ms() - t0));

	fan_close(&f);

	/* B: small rings, readers of different speeds, one never reads. */
	t0 = kt_mono_ms();
	n = slow ? 1000 : 3000;
	fan_open(&f, 64, n);
	for (int k = 0; k < 4; k++) {
		static const int delays[4] = { 0, 2000, 20000, -1 };

		ra[k] = (struct fan_reader){ .f = &f, .first = k * 16, .n = 16,
					     .delay_us = delays[k] };
		KT_REQUIRE(!pthread_create(&rt[k], NULL, fan_reader, &ra[k]), "thread");
	}
	for (i = 0; i < n; i++) {
		kt_tx(tx, frame, kt_frame(frame, i, len_of(i)));
		if (i % 100 == 99)
			usleep(1000);	/* let the readers run */
	}
	usleep(300 * 1000);
	atomic_store(&f.stop, true);
	for (int k = 0; k < 4; k++)
		pthread_join(rt[k], NULL);
	total_ooo = 0;
	for (int k = 0; k < NSOCKS; k++) {
		const struct pfring_ring_info *in = &f.r[k].info;
		uint64_t prod;

		fan_read(&f, k);
		/* the last record read is released now */
		__atomic_store_n(&f.r[k].hdr->cons, f.r[k].cons, __ATOMIC_RELEASE);
		st = kt_ring_stats(&f.r[k]);
		KT_CHECK(st.recv + st.drop_full == n && st.recv == f.got[k] &&
			 st.bad_cons == 0,
			 "small rings, socket %d: recv %llu + drop %llu != %u sent, or read %u != recv, bad_cons %llu",
			 k, (unsigned long long)st.recv, (unsigned long long)st.drop_full,
			 n, f.got[k], (unsigned long long)st.bad_cons);
		/*
		 * A ring never read until now (sockets 48..63, the fourth
		 * reader's) took frames until the next record would have
		 * had to skip the end of the data area (cons stayed at 0,
		 * so nothing fits after that): it ends less than slot_len
		 * before data_size, and holds at least the num_slots
		 * full-size records that always fit.
		 */
		prod = __atomic_load_n(&f.r[k].hdr->prod, __ATOMIC_ACQUIRE);
		if (k >= 48)
			KT_CHECK(PFRING_POS_RECORDS(prod) == st.recv &&
				 PFRING_POS_BYTES(prod) <= in->data_size &&
				 in->data_size - PFRING_POS_BYTES(prod) < in->slot_len &&
				 st.recv >= in->num_slots && st.drop_full,
				 "never-read socket %d: prod %#llx (data %u slot_len %u), recv %llu, %u always fit, drop %llu",
				 k, (unsigned long long)prod, in->data_size,
				 in->slot_len, (unsigned long long)st.recv,
				 in->num_slots, (unsigned long long)st.drop_full);
		sum_recv += st.recv;
		sum_drop += st.drop_full;
		total_ooo += f.out_of_order[k];
	}
	printf("fan-out under overload: %d sockets x %u frames: captured %llu + dropped %llu = %llu exactly (never-reading sockets: %u each; %u out of sending order) in %llu ms\n",
	       NSOCKS, n, (unsigned long long)sum_recv, (unsigned long long)sum_drop,
	       (unsigned long long)(sum_recv + sum_drop), f.got[NSOCKS - 1], total_ooo,
	       (unsigned long long)(kt_mono_ms() - t0));
	fan_close(&f);
	close(tx);
}

/* UDP/IPv4 frame seq of flow (seq % 7, seq % 13); seq in the payload. */
static size_t udp_frame(uint8_t *b, uint32_t seq)
{
	size_t len = 60 + seq % 40, i;
	uint16_t sport = 1000 + seq % 13;

	memset(b, 0, len);
	memset(b, 0xff, 6);
	b[6] = 0x02;
	b[11] = 1;
	b[12] = 0x08;
	b[14] = 0x45;
	b[16] = (uint8_t)((len - 14) >> 8);
	b[17] = (uint8_t)(len - 14);
	b[18] = (uint8_t)(seq >> 8);
	b[19] = (uint8_t)seq;
	b[22] = 64;
	b[23] = 17;
	b[26] = 10;
	b[28] = (uint8_t)(seq % 7);
	b[29] = 1;
	b[30] = 10;
	b[31] = 1;
	b[33] = 2;
	b[34] = (uint8_t)(sport >> 8);
	b[35] = (uint8_t)sport;
	b[37] = 53;
	b[38] = (uint8_t)((len - 34) >> 8);
	b[39] = (uint8_t)(len - 34);
	b[42] = (uint8_t)(seq >> 24);
	b[43] = (uint8_t)(seq >> 16);
	b[44] = (uint8_t)(seq >> 8);
	b[45] = (uint8_t)seq;
	for (i = 46; i < len; i++)
		b[i] = (uint8_t)(seq * 3 + i);
	return len;
}

/* A ring on vb with a queue mask and/or in a cluster (kt_ring_open()
 * binds with neither).
 */
static void ring_open_ext(struct kt_ring *r, uint64_t mask, uint32_t cluster,
			  uint32_t type)
{
	struct pfring_cluster_req req = { .cluster_id = cluster, .type = type,
					  .position = PFRING_CLUSTER_POS_ANY };
	socklen_t len = sizeof(r->info);

	memset(r, 0, sizeof(*r));
	r->fd = kt_socket();
	KT_REQUIRE(!kt_setopt_u32(r->fd, SO_RING_BUCKET_LEN, 128) &&
		   !kt_setopt_u32(r->fd, SO_SET_RING_SLOTS, 2048), "ring options");
	if (cluster)
		KT_REQUIRE(!setsockopt(r->fd, SOL_PF_RING, SO_ADD_TO_CLUSTER, &req,
				       sizeof(req)), "cluster: %s", strerror(errno));
	KT_REQUIRE(!kt_bind(r->fd, kt_ifindex("vb"), mask), "bind: %s", strerror(errno));
	KT_REQUIRE(!getsockopt(r->fd, SOL_PF_RING, SO_GET_RING_INFO, &r->info, &len),
		   "info");
	r->mem = mmap(NULL, r->info.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      r->fd, 0);
	KT_REQUIRE(r->mem != MAP_FAILED, "mmap");
	r->hdr = (struct pfring_ring_hdr *)r->mem;
	KT_REQUIRE(!setsockopt(r->fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0), "activate");
}

static void write_file(const char *path, const char *v)
{
	FILE *f = fopen(path, "w");

	KT_REQUIRE(f && fputs(v, f) >= 0 && !fclose(f), "write %s", path);
}

#define NSPLIT		1200
#define NFLOWS		91	/* (seq % 7, seq % 13) */

/*
 * Reads a group of rings that share the traffic: every frame must be in
 * exactly one of them, byte-exact; returns per ring counts in got[] and
 * which ring saw each flow in flow_owner[] (-2: several).
 */
static void split_check(const char *what, struct kt_ring *r, int n, uint32_t *got,
			int *flow_owner)
{
	static uint8_t seen[NSPLIT];
	uint8_t want[256];
	const struct pfring_slot *s;
	uint32_t total = 0;

	memset(seen, 0, sizeof(seen));
	for (int f = 0; f < NFLOWS; f++)
		flow_owner[f] = -1;
	for (int i = 0; i < n; i++) {
		struct pfring_stats st;

		got[i] = 0;
		while ((s = kt_ring_next(&r[i]))) {
			const uint8_t *p = (const uint8_t *)(s + 1);
			uint32_t seq = (uint32_t)p[42] << 24 | p[43] << 16 | p[44] << 8 | p[45];
			size_t len;
			int flow;

			if (s->caplen < 46 || seq >= NSPLIT) {
				KT_FAIL("frame", "%s: ring %d: caplen %u seq %u", what, i,
					s->caplen, seq);
				continue;
			}
			len = udp_frame(want, seq);
			KT_CHECK(s->caplen == len && !memcmp(p, want, len),
				 "%s: ring %d: frame %u differs", what, i, seq);
			KT_CHECK(!seen[seq], "%s: frame %u captured twice", what, seq);
			seen[seq] = 1;
			flow = (int)(seq % 7 * 13 + seq % 13) % NFLOWS;
			if (flow_owner[flow] == -1)
				flow_owner[flow] = i;
			else if (flow_owner[flow] != i)
				flow_owner[flow] = -2;
			got[i]++;
		}
		st = kt_ring_stats(&r[i]);
		KT_CHECK(st.recv == got[i] && st.drop_full == 0,
			 "%s: ring %d: read %u, recv %llu, drop %llu", what, i, got[i],
			 (unsigned long long)st.recv, (unsigned long long)st.drop_full);
		total += got[i];
	}
	KT_CHECK(total == NSPLIT, "%s: %u of %d frames captured", what, total, NSPLIT);
}

static void part_split(void)
{
	struct kt_ring q[4], rr[6], ft[2];
	uint32_t got_q[4], got_rr[6], got_ft[2];
	int owner_q[NFLOWS], owner_rr[NFLOWS], owner_ft[NFLOWS], tx = kt_tx_open("va");
	uint8_t frame[256];
	uint64_t t0 = kt_mono_ms();
	int split_flows = 0;

	write_file("/proc/self/net/pf_ring/dev/vb/soft_queues", "4");
	for (int i = 0; i < 4; i++)
		ring_open_ext(&q[i], 1ULL << i, 0, 0);
	for (int i = 0; i < 6; i++)
		ring_open_ext(&rr[i], 0, 11, PFRING_CLUSTER_ROUND_ROBIN);
	for (int i = 0; i < 2; i++)
		ring_open_ext(&ft[i], 0, 12, PFRING_CLUSTER_PER_FLOW_5_TUPLE);
	for (uint32_t i = 0; i < NSPLIT; i++)
		kt_tx(tx, frame, udp_frame(frame, i));
	usleep(300 * 1000);

	split_check("soft queues", q, 4, got_q, owner_q);
	split_check("round-robin cluster", rr, 6, got_rr, owner_rr);
	split_check("5-tuple cluster", ft, 2, got_ft, owner_ft);
	for (int i = 0; i < 6; i++)
		KT_CHECK(got_rr[i] == NSPLIT / 6, "round robin: member %d got %u, want %d",
			 i, got_rr[i], NSPLIT / 6);
	for (int f = 0; f < NFLOWS; f++) {
		KT_CHECK(owner_q[f] != -2, "flow %d on several soft queues", f);
		KT_CHECK(owner_ft[f] != -2, "flow %d on several 5-tuple cluster members", f);
		split_flows += owner_rr[f] == -2;
	}
	printf("split: %d UDP frames of %d flows: soft queues %u+%u+%u+%u, round robin %u x 6, 5-tuple cluster %u+%u; every frame exactly once per group, flows kept together (round robin spreads %d flows) in %llu ms\n",
	       NSPLIT, NFLOWS, got_q[0], got_q[1], got_q[2], got_q[3], got_rr[0],
	       got_ft[0], got_ft[1], split_flows,
	       (unsigned long long)(kt_mono_ms() - t0));
	for (int i = 0; i < 4; i++)
		kt_ring_close(&q[i]);
	for (int i = 0; i < 6; i++)
		kt_ring_close(&rr[i]);
	for (int i = 0; i < 2; i++)
		kt_ring_close(&ft[i]);
	write_file("/proc/self/net/pf_ring/dev/vb/soft_queues", "0");
	close(tx);
}

/* ------------------------------------------------------------------ */
/* 2. socket storm                                                      */

static atomic_bool storm_stop;
static atomic_uint storm_iters, storm_bound, storm_mapped;

static void *storm_sender(void *unused)
{
	uint8_t frame[256];
	int tx = kt_tx_open("va");
	uint32_t i = 0;

	(void)unused;
	while (!atomic_load(&storm_stop)) {
		send(tx, frame, kt_frame(frame, i, len_of(i)), MSG_DONTWAIT);
		if (++i % 32 == 0)
			usleep(500);
	}
	close(tx);
	return NULL;
}

static void *storm(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	int vb = kt_ifindex("vb");
	uint64_t end = kt_mono_ms() + (slow ? 10000 : 20000);
	unsigned int n;

	for (n = 0; n < 1500 && kt_mono_ms() < end; n++) {
		int fd = socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL)), r = rand_r(&seed) % 10;
		struct pfring_ring_info info;
		socklen_t il = sizeof(info);
		void *m = MAP_FAILED;

		KT_REQUIRE(fd >= 0, "storm socket: %s", strerror(errno));
		kt_setopt_u32(fd, SO_SET_RING_SLOTS, 16);
		kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 64);
		if (r < 4)
			KT_CHECK(!kt_bind(fd, vb, 0), "storm bind vb: %s", strerror(errno));
		else if (r < 7)
			KT_CHECK(!kt_bind(fd, 0, 0), "storm bind any: %s", strerror(errno));
		if (r < 7)
			atomic_fetch_add(&storm_bound, 1);
		if (rand_r(&seed) % 10 < 3) {
			KT_CHECK(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &il),
				 "storm ring info: %s", strerror(errno));
			m = mmap(NULL, info.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED,
				 fd, 0);
			KT_CHECK(m != MAP_FAILED, "storm mmap: %s", strerror(errno));
			KT_CHECK(!setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0),
				 "storm activate: %s", strerror(errno));
			atomic_fetch_add(&storm_mapped, 1);
			if (rand_r(&seed) % 2)
				usleep(rand_r(&seed) % 2000);	/* capture a little */
		}
		if (m != MAP_FAILED && rand_r(&seed) % 2) {
			close(fd);		/* the mapping outlives the socket */
			KT_CHECK(((struct pfring_ring_hdr *)m)->info.magic == PFRING_RING_MAGIC,
				 "ring header after close");
			munmap(m, info.mem_size);
		} else {
			if (m != MAP_FAILED)
				munmap(m, info.mem_size);
			close(fd);
		}
		atomic_fetch_add(&storm_iters, 1);
	}
	return NULL;
}

static void part_storm(void)
{
	pthread_t t[2], s;
	uint64_t t0 = kt_mono_ms();

	KT_REQUIRE(!pthread_create(&s, NULL, storm_sender, NULL), "thread");
	for (int i = 0; i < 2; i++)
		KT_REQUIRE(!pthread_create(&t[i], NULL, storm, (void *)(uintptr_t)(i + 1)),
			   "thread");
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	atomic_store(&storm_stop, true);
	pthread_join(s, NULL);
	printf("storm: %u sockets opened and closed by 2 threads (%u bound, %u mapped and activated) in %llu ms\n",
	       atomic_load(&storm_iters), atomic_load(&storm_bound),
	       atomic_load(&storm_mapped), (unsigned long long)(kt_mono_ms() - t0));
	KT_CHECK(atomic_load(&storm_iters) >= (slow ? 100u : 1000u),
		 "only %u storm iterations", atomic_load(&storm_iters));
	check_nothing_left("after the storm");
}

/* ------------------------------------------------------------------ */
/* 3. the bound device goes away, again and again                      */

#define NDEV_SOCKS 6

struct devsock {
	struct kt_ring r;
	bool mapped;		/* r.mem valid, activated */
	bool promisc;
	uint64_t captured;	/* frames read, all rounds */
};

static atomic_bool dev_stop;
static atomic_ulong dev_sent;

/* Sends on "da" whenever it exists; re-opens after every removal. */
static void *dev_sender(void *unused)
{
	uint8_t frame[256];
	int tx = -1, ifindex = 0;
	uint32_t i = 0;

	(void)unused;
	while (!atomic_load(&dev_stop)) {
		int idx = kt_nl_ifindex("da");

		if (idx != ifindex || tx < 0) {
			struct sockaddr_ll sll = { .sll_family = AF_PACKET,
						   .sll_protocol = htons(ETH_P_ALL),
						   .sll_ifindex = idx };

			if (tx >= 0)
				close(tx);
			tx = -1;
			ifindex = idx;
			if (!idx) {
				usleep(2000);
				continue;
			}
			tx = socket(AF_PACKET, SOCK_RAW, 0);
			if (tx >= 0 && bind(tx, (struct sockaddr *)&sll, sizeof(sll))) {
				close(tx);
				tx = -1;
			}
			continue;
		}
		for (int b = 0; b < 8; b++, i++)
			if (send(tx, frame, kt_frame(frame, i, len_of(i)), MSG_DONTWAIT) > 0)
				atomic_fetch_add(&dev_sent, 1);
		usleep(2000);
	}
	if (tx >= 0)
		close(tx);
	return NULL;
}

static int make_pair(int nl)
{
	int err = kt_nl_veth_add(nl, "da", "db", 0, 0, -1);

	if (!err)
		err = kt_nl_link_set(nl, "da", 1, 0, NULL, -1);
	if (!err)
		err = kt_nl_link_set(nl, "db", 1, 0, NULL, -1);
	return err;
}

static void part_devices(void)
{
	struct devsock ds[NDEV_SOCKS];
	pthread_t st;
	int nl = kt_nl_open(), other = -1, err, cycle, prev_idx = 0, promisc;
	uint64_t t0 = kt_mono_ms(), worst_del = 0, sum_del = 0;
	char buf[16];

	KT_REQUIRE(nl >= 0, "netlink: %s", strerror(-nl));
	KT_REQUIRE(!make_pair(nl), "veth da/db");
	/* A namespace to move db into instead of deleting it. */
	{
		int self = open("/proc/self/ns/net", O_RDONLY);

		KT_REQUIRE(self >= 0 && !unshare(CLONE_NEWNET), "unshare");
		other = open("/proc/thread-self/ns/net", O_RDONLY);
		KT_REQUIRE(other >= 0 && !setns(self, CLONE_NEWNET), "setns");
		close(self);
	}

	for (int i = 0; i < NDEV_SOCKS; i++) {
		ds[i] = (struct devsock){ .mapped = i < 4, .promisc = i >= 4 };
		if (i == 2 || i == 3) {
			/* members of one round-robin cluster */
			struct pfring_cluster_req req = { .cluster_id = 5,
				.type = PFRING_CLUSTER_ROUND_ROBIN,
				.position = PFRING_CLUSTER_POS_ANY };

			ds[i].r.fd = kt_socket();
			KT_REQUIRE(!kt_setopt_u32(ds[i].r.fd, SO_RING_BUCKET_LEN, 128) &&
				   !kt_setopt_u32(ds[i].r.fd, SO_SET_RING_SLOTS, 256) &&
				   !setsockopt(ds[i].r.fd, SOL_PF_RING, SO_ADD_TO_CLUSTER,
					       &req, sizeof(req)), "cluster member");
			KT_REQUIRE(!kt_bind(ds[i].r.fd, kt_ifindex("db"), 0), "bind");
			{
				socklen_t l = sizeof(ds[i].r.info);

				KT_REQUIRE(!getsockopt(ds[i].r.fd, SOL_PF_RING, SO_GET_RING_INFO,
						       &ds[i].r.info, &l), "info");
			}
			ds[i].r.mem = mmap(NULL, ds[i].r.info.mem_size,
					   PROT_READ | PROT_WRITE, MAP_SHARED, ds[i].r.fd, 0);
			KT_REQUIRE(ds[i].r.mem != MAP_FAILED, "mmap");
			ds[i].r.hdr = (struct pfring_ring_hdr *)ds[i].r.mem;
			KT_REQUIRE(!setsockopt(ds[i].r.fd, SOL_PF_RING, SO_ACTIVATE_RING,
					       NULL, 0), "activate");
		} else if (ds[i].mapped) {
			kt_ring_open(&ds[i].r, "db", 128, 256);
		} else {
			ds[i].r.fd = kt_socket();
			KT_REQUIRE(!kt_bind(ds[i].r.fd, kt_ifindex("db"), 0), "bind");
		}
		if (ds[i].promisc)
			KT_REQUIRE(!kt_setopt_u32(ds[i].r.fd, SO_SET_IFF_PROMISC, 1),
				   "promisc: %s", strerror(errno));
	}
	KT_REQUIRE(!pthread_create(&st, NULL, dev_sender, NULL), "thread");

	for (cycle = 0; cycle < (slow ? 51 : 60); cycle++) {
		const char *how;
		uint64_t t;
		int idx = kt_ifindex("db"), promisc;

		/*
		 * Capturing on this incarnation of the device?  Frames queued
		 * before the last removal are still there, from the old one.
		 */
		for (int i = 0; i < 4; i++) {
			const struct pfring_slot *s;
			uint64_t until = kt_mono_ms() + 3000, now = 0;

			while (!now && kt_mono_ms() < until) {
				while ((s = kt_ring_next(&ds[i].r))) {
					check_frame(s, "device cycle");
					KT_CHECK(s->ifindex == idx || s->ifindex == prev_idx,
						 "cycle %d: frame from ifindex %d, bound to %d (before: %d)",
						 cycle, s->ifindex, idx, prev_idx);
					now += s->ifindex == idx;
					ds[i].captured++;
				}
				if (!now)
					usleep(5000);
			}
			KT_CHECK(now, "cycle %d: socket %d captures nothing after the re-bind",
				 cycle, i);
		}
		prev_idx = idx;
		/* two sockets asked for promiscuous mode */
		promisc = kt_nl_promiscuity(nl, "db");
		KT_CHECK(promisc == 2, "cycle %d: db promiscuity %d, want 2", cycle, promisc);

		/* Away it goes. */
		t = kt_mono_ms();
		switch (cycle % 3) {
		case 0:
			how = "del da";
			err = kt_nl_link_del(nl, "da");
			break;
		case 1:
			how = "del db";
			err = kt_nl_link_del(nl, "db");
			break;
		default:
			how = "move db to another namespace";
			err = kt_nl_link_set(nl, "db", -1, 0, NULL, other);
			break;
		}
		t = kt_mono_ms() - t;
		sum_del += t;
		if (t > worst_del)
			worst_del = t;
		KT_REQUIRE(!err, "cycle %d: %s: %s", cycle, how, strerror(-err));
		KT_CHECK(t < 5000, "cycle %d: %s took %llu ms", cycle, how,
			 (unsigned long long)t);

		for (int i = 0; i < NDEV_SOCKS; i++) {
			struct pollfd p = { .fd = ds[i].r.fd, .events = POLLIN };
			int so_err = 0, idx2;
			socklen_t l = sizeof(so_err);

			KT_CHECK(poll(&p, 1, 2000) == 1 && (p.revents & POLLERR),
				 "cycle %d (%s): socket %d: revents %#x, want POLLERR",
				 cycle, how, i, p.revents);
			KT_ERRNO(recv(ds[i].r.fd, buf, sizeof(buf), MSG_DONTWAIT), ENODEV);
			KT_CHECK(!getsockopt(ds[i].r.fd, SOL_SOCKET, SO_ERROR, &so_err, &l) &&
				 so_err == ENODEV, "cycle %d: socket %d: SO_ERROR %d", cycle,
				 i, so_err);
			l = sizeof(idx2);
			KT_ERRNO(getsockopt(ds[i].r.fd, SOL_PF_RING,
					    SO_GET_BOUND_DEVICE_IFINDEX, &idx2, &l), ENODEV);
			if (ds[i].mapped)
				KT_CHECK(__atomic_load_n(&ds[i].r.hdr->status, __ATOMIC_ACQUIRE) &
					 PFRING_STATUS_DEV_GONE,
					 "cycle %d: socket %d: status %#x, want DEV_GONE", cycle, i,
					 ds[i].r.hdr->status);
		}
		/* Whatever is left of the pair goes; the moved end dies there. */
		kt_nl_link_del(nl, "da");
		kt_nl_link_del(nl, "db");
		KT_REQUIRE(!make_pair(nl), "cycle %d: veth da/db again", cycle);
		idx = kt_ifindex("db");
		for (int i = 0; i < NDEV_SOCKS; i++) {
			int idx2 = 0;
			socklen_t l = sizeof(idx2);
			struct pollfd p = { .fd = ds[i].r.fd, .events = 0 };

			KT_REQUIRE(!kt_bind(ds[i].r.fd, idx, 0), "cycle %d: re-bind %d: %s",
				   cycle, i, strerror(errno));
			KT_CHECK(!getsockopt(ds[i].r.fd, SOL_PF_RING, SO_GET_BOUND_DEVICE_IFINDEX,
					     &idx2, &l) && idx2 == idx,
				 "cycle %d: bound ifindex %d, want %d", cycle, idx2, idx);
			KT_CHECK(poll(&p, 1, 0) == 0, "cycle %d: socket %d: revents %#x after re-bind",
				 cycle, i, p.revents);
			if (ds[i].mapped)
				KT_CHECK(!(ds[i].r.hdr->status & PFRING_STATUS_DEV_GONE),
					 "cycle %d: DEV_GONE after re-bind", cycle);
			if (ds[i].promisc)
				KT_CHECK(!kt_setopt_u32(ds[i].r.fd, SO_SET_IFF_PROMISC, 1),
					 "promisc again: %s", strerror(errno));
		}
	}
	atomic_store(&dev_stop, true);
	pthread_join(st, NULL);
	/* closing the sockets undoes their promiscuity */
	close(ds[4].r.fd);
	close(ds[5].r.fd);
	promisc = kt_nl_promiscuity(nl, "db");
	KT_CHECK(promisc == 0, "db promiscuity %d after closing the sockets", promisc);
	printf("device removal: %d cycles (del either end, move to another namespace), %d sockets re-bound each time; removal took %llu ms on average, %llu ms at worst; %lu frames sent, captured per mapped socket: %llu %llu %llu %llu; in %llu ms\n",
	       cycle, NDEV_SOCKS, (unsigned long long)(sum_del / cycle),
	       (unsigned long long)worst_del, atomic_load(&dev_sent),
	       (unsigned long long)ds[0].captured, (unsigned long long)ds[1].captured,
	       (unsigned long long)ds[2].captured, (unsigned long long)ds[3].captured,
	       (unsigned long long)(kt_mono_ms() - t0));
	for (int i = 0; i < 4; i++)
		kt_ring_close(&ds[i].r);
	kt_nl_link_del(nl, "da");
	close(other);
	close(nl);
	check_nothing_left("after the device cycles");
}

/* ------------------------------------------------------------------ */
/* 4. rmmod while in use                                                */

static int try_unload(void)
{
	/* O_NONBLOCK: fail at once if in use (what rmmod does). */
	return (int)syscall(SYS_delete_module, "pf_ring", O_NONBLOCK);
}

static bool module_loaded(void)
{
	return !access("/sys/module/pf_ring/refcnt", F_OK);
}

/* delete_module(2) must refuse; with_cmd: rmmod(8) too (slow: a fork). */
static void check_refused(const char *what, bool with_cmd)
{
	int r1, r2 = 1, e;

	errno = 0;
	r1 = try_unload();
	e = errno;
	if (with_cmd)
		r2 = system("rmmod pf_ring 2>/dev/null");
	KT_CHECK(r1 < 0 && (e == EWOULDBLOCK || e == EBUSY) && r2 != 0 && module_loaded(),
		 "%s: delete_module %d (%s), rmmod %d, loaded %d", what, r1,
		 strerror(e), r2, module_loaded());
	KT_REQUIRE(module_loaded(), "the module was unloaded with a socket open (%s)", what);
}

static atomic_bool rm_stop;

static void *rm_churn(void *unused)
{
	(void)unused;
	while (!atomic_load(&rm_stop)) {
		int fd = socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL));

		if (fd >= 0) {
			kt_bind(fd, 0, 0);
			close(fd);
		}
	}
	return NULL;
}

static void part_rmmod(void)
{
	struct kt_ring r;
	uint8_t frame[256];
	struct pfring_ring_info info;
	socklen_t il = sizeof(info);
	const struct pfring_slot *s;
	pthread_t t;
	int tx = kt_tx_open("va"), fd, n = 0;
	void *m;

	/* An unbound socket. */
	fd = kt_socket();
	check_refused("unbound socket", true);
	close(fd);

	/* A capturing socket, with frames flowing around the attempts. */
	kt_ring_open(&r, "vb", 256, 256);
	for (uint32_t i = 0; i < 50; i++) {
		kt_tx(tx, frame, kt_frame(frame, i, len_of(i)));
		if (i % 10 == 0)
			check_refused("capturing socket", i == 0);
	}
	usleep(100 * 1000);
	while ((s = kt_ring_next(&r))) {
		KT_CHECK(check_frame(s, "rmmod") == (uint32_t)n, "frame %d out of order", n);
		n++;
	}
	KT_CHECK(n == 50, "captured %d of 50 frames around the rmmod attempts", n);

	/* Sockets coming and going while rmmod is tried (r stays open). */
	KT_REQUIRE(!pthread_create(&t, NULL, rm_churn, NULL), "thread");
	for (int i = 0; i < 20; i++)
		check_refused("sockets coming and going", i == 0);
	atomic_store(&rm_stop, true);
	pthread_join(t, NULL);
	kt_ring_close(&r);

	/* Closed, but the ring is still mapped: the mapping holds the socket. */
	fd = kt_socket();
	KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &il), "info");
	m = mmap(NULL, info.mem_size, PROT_READ, MAP_SHARED, fd, 0);
	KT_REQUIRE(m != MAP_FAILED, "mmap");
	close(fd);
	check_refused("closed socket, ring still mapped", true);
	KT_CHECK(module_refcnt() > 0, "refcount 0 with a mapped ring");
	munmap(m, info.mem_size);
	close(tx);
	printf("rmmod: refused with an unbound socket, a capturing socket (50/50 frames byte-exact around the attempts), sockets coming and going, and a closed but mapped ring\n");
	check_nothing_left("after the rmmod attempts");
}

/* How fast is this kernel?  ms for 100 sockets with a small ring. */
static uint64_t calibrate(void)
{
	uint64_t t = kt_mono_ms();

	for (int i = 0; i < 100; i++) {
		int fd = kt_socket();

		kt_setopt_u32(fd, SO_SET_RING_SLOTS, 64);
		KT_REQUIRE(!setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0),
			   "activate: %s", strerror(errno));
		close(fd);
	}
	return kt_mono_ms() - t;
}

static bool want(int argc, char **argv, const char *part)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], part))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const char *const parts[] = { "fanout", "storm", "devices", "rmmod" };
	static void (*const fns[])(void) = { part_fanout, part_storm, part_devices,
					    part_rmmod };
	uint64_t t0 = kt_mono_ms(), t;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* a pipe: keep lines if killed */
	for (int i = 1; i < argc; i++) {
		bool known = false;

		for (int k = 0; k < 4; k++)
			known |= !strcmp(argv[i], parts[k]);
		KT_REQUIRE(known, "unknown part '%s' (fanout, storm, devices, rmmod)",
			   argv[i]);
	}
	kt_private_netns();
	kt_veth("va", "vb");
	t = calibrate();
	slow = t > CALIBRATE_SLOW_MS;
	printf("calibration: 100 sockets with a ring in %llu ms%s\n", (unsigned long long)t,
	       slow ? ": slow kernel, overload 1000 frames, storm 10 s, 51 device cycles" : "");
	for (int k = 0; k < 4; k++) {
		if (!want(argc, argv, parts[k]))
			continue;
		t = kt_mono_ms();
		fns[k]();
		if (k == 0)
			part_split();
		printf("  part %d (%s): %llu ms\n", k + 1, parts[k],
		       (unsigned long long)(kt_mono_ms() - t));
	}
	printf("stress: %llu ms in all\n", (unsigned long long)(kt_mono_ms() - t0));
	return kt_done("stress");
}
