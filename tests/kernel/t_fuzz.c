// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile-input fuzzer for the PF_RING socket, bounded in time.
 *
 * usage: t_fuzz [SECONDS [SEED]]     (default 60 s, seed from the clock)
 *
 * SECONDS includes the setup (~5 s in a TCG guest); the checks after the
 * deadline take a few seconds more.
 *
 * Threads, all running until the deadline:
 *   4 workers   (3 in the test's namespace A, 1 in a second namespace B;
 *               worker 1 without CAP_IPC_LOCK, so its rings are charged to
 *               RLIMIT_MEMLOCK) drive PF_RING sockets with random and
 *               boundary values: socket/bind/setsockopt/getsockopt (every
 *               option 0..300, levels 0/1/random, bad pointers and lengths,
 *               clusters), mmap/munmap/mprotect/mremap/madvise of the ring,
 *               poll/epoll, (de)activation, dup/close races, fork, random
 *               classic BPF programs (run by the hook on the traffic),
 *               send() of random frames, and a ring consumer.  Sockets live in a shared table of fixed
 *               descriptor numbers (FD_BASE + slot), so any thread may
 *               close or replace a socket another one is polling, mapping
 *               or binding - and no other descriptor of the process is
 *               ever hit by accident.
 *   scribbler   writes random values over every writable byte of every
 *               mapped ring (header page and slots).
 *   sender      AF_PACKET frames of random kinds and lengths (VLAN, QinQ,
 *               IPv4/IPv6 with options/extension headers/fragments, random
 *               bytes, short and over-MTU frames) on every veth end.
 *   churn       deletes/creates veth pairs, sets them down/up, renames
 *               them, changes the MTU, moves ends between namespaces, and
 *               every ~2 s makes a namespace C that holds PF_RING sockets
 *               and a veth end, then lets it die with the sockets.
 *   proc reader reads every file under /proc/net/pf_ring of A and B and
 *               writes good and bad values to the devices' soft_queues.
 *   main        watches for calls that do not return (reported with the
 *               kernel stack) and for low memory, stops everything at the
 *               deadline.
 *
 * T_FUZZ_FAIL_NTH=1 in the environment (kernels with CONFIG_FAILSLAB, e.g.
 * the tests/kernels debug profile) adds fault injection: before about one
 * in ten socket/bind/setsockopt/getsockopt/mmap calls a worker arms
 * /proc/thread-self/fail-nth with a random N, so that the N-th allocation
 * of that call fails; ENOMEM is then an allowed answer.
 *
 * Pass: the process survives; every failing call returns an errno from
 * the list that call may return (anything else, e.g. EIO or a kernel-
 * internal code >= 512, is a failure, printed with the call); no call
 * hangs; option semantics hold (valid values accepted, invalid refused);
 * afterwards no ring, /proc file, RLIMIT_MEMLOCK charge or module
 * reference is left over, and a fresh socket on a fresh veth captures
 * 100 frames byte-exact.
 * The VM harness then checks the kernel log and rmmod.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"
#include "kt_netlink.h"

#define NSLOTS		32		/* sockets in the shared table */
#define FD_BASE		600		/* slot s is descriptor FD_BASE + s */
#define NMAPS		32		/* mappings tracked at once */
#define NWORKERS	4		/* worker 3 runs in namespace B */
#define NPAIRS		3		/* churned veth pairs fa<k>/fb<k> */
#define NSHADOWS	65536
#define PAGE		4096UL
/* Rings the fuzzer lets exist: up to the module's default one (8 MiB of
 * data and the header page).
 */
#define SAFE_RING_BYTES	((8UL << 20) + PAGE)
/* A call this long has hung, and this long is noted; x5 on slow kernels
 * (debug kernels in TCG: see calibrate()).
 */
static uint64_t HANG_MS = 10000, SLOW_MS = 5000;

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

/* ------------------------------------------------------------------ */
/* Global state                                                        */

static atomic_bool stop;
static atomic_bool mem_low;
static unsigned int g_seed;
static uint64_t totalram_pages;
static int netns_a = -1, netns_b = -1;	/* namespace fds */
static int nl_a = -1, nl_b = -1;	/* rtnetlink in A and in B */
static pid_t tid_b;			/* the worker in B, for its /proc/net */

/*
 * What the fuzzer knows about one socket, shared by all slots holding
 * it (dup): the ring parameters set so far, so that it never asks for a
 * ring big enough to run the 1 GB guest out of memory.
 */
struct shadow {
	pthread_mutex_t lock;
	uint32_t slots;
	uint32_t bucket;
	uint64_t mem_size;	/* from SO_GET_RING_INFO, 0: unknown */
};
static struct shadow shadows[NSHADOWS];
static atomic_uint next_shadow;

static pthread_mutex_t slot_lock[NSLOTS];
static _Atomic int slot_shadow[NSLOTS];	/* index into shadows, -1: none */

struct mapping {
	bool used;
	bool zapped;		/* MADV_DONTNEED on a shared mapping: SIGBUS */
	uint8_t *addr;
	size_t len;
	size_t off0;		/* offset of addr in the ring */
	int prot;
	int flags;
	uint32_t data_size;	/* 0: unknown */
	uint32_t slot_len;
	char hist[200];		/* what was done to it, for a fault report */
};
static struct mapping maps[NMAPS];

/* Appends to a mapping's history (map_lock held for writing). */
static void map_note(struct mapping *mp, const char *fmt, ...)
{
	size_t n = strlen(mp->hist);
	va_list ap;

	if (n > sizeof(mp->hist) - 40) {	/* keep the newest */
		memmove(mp->hist, mp->hist + n - 100, 101);
		n = 100;
	}
	va_start(ap, fmt);
	vsnprintf(mp->hist + n, sizeof(mp->hist) - n, fmt, ap);
	va_end(ap);
}
static pthread_rwlock_t map_lock;

/* A 2-page area whose second page is PROT_NONE: pointers near the edge
 * make the kernel fault in the middle of a copy.
 */
static uint8_t *edge;

/* Operation names and counters. */
enum op {
	OP_SOCKET, OP_CLOSE, OP_DUP, OP_BIND, OP_SETOPT, OP_SETOPT_KNOWN,
	OP_GETOPT, OP_GETOPT_KNOWN, OP_MMAP, OP_MUNMAP, OP_MPROTECT,
	OP_MREMAP, OP_MADVISE, OP_POLL, OP_EPOLL, OP_ACTIVATE, OP_CONSUME,
	OP_MISC, OP_FORK, OP_BUFOPT, OP_FILTER, NOPS
};
static const char *const op_names[NOPS] = {
	"socket", "close", "dup", "bind", "setsockopt", "setsockopt-known",
	"getsockopt", "getsockopt-known", "mmap", "munmap", "mprotect",
	"mremap", "madvise", "poll", "epoll", "activate", "consume",
	"misc", "fork", "ring-as-buffer", "filter",
};
/* Relative weights of the worker operations. */
static const unsigned int op_weight[NOPS] = {
	[OP_SOCKET] = 8, [OP_CLOSE] = 4, [OP_DUP] = 3, [OP_BIND] = 10,
	[OP_SETOPT] = 14, [OP_SETOPT_KNOWN] = 12, [OP_GETOPT] = 10,
	[OP_GETOPT_KNOWN] = 8, [OP_MMAP] = 8, [OP_MUNMAP] = 4,
	[OP_MPROTECT] = 2, [OP_MREMAP] = 2, [OP_MADVISE] = 2, [OP_POLL] = 6,
	[OP_EPOLL] = 4, [OP_ACTIVATE] = 5, [OP_CONSUME] = 6, [OP_MISC] = 4,
	[OP_FORK] = 0 /* time-based, see worker() */, [OP_BUFOPT] = 3,
	[OP_FILTER] = 5,
};
static atomic_ulong op_count[NOPS];
static atomic_ulong op_us[NOPS];	/* time spent, for the report */
/* errno of the failed calls of each operation, for the report */
#define NERRNO 140
static atomic_ulong op_errno[NOPS][NERRNO];
static __thread int cur_op = -1;
static atomic_ulong op_ok[NOPS];
static atomic_ulong n_frames, n_frames_err, n_scribbles, n_churn,
	n_churn_ok, n_proc_reads, n_netns_c, n_syscalls, n_softq_writes,
	n_bind_dev, n_bind_any, n_cluster_join, n_pollerr, n_pollin, n_enobufs;

/* Failures: unexpected errnos, semantic violations, hangs. */
static atomic_int n_bad;
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

/* Per-thread watch record: what call is running since when. */
struct watch {
	char name[16];
	pid_t tid;
	const char *op;
	char detail[160];
	_Atomic uint64_t t0;	/* 0: not in a call */
	bool reported;
};
#define NWATCH 16
static struct watch watches[NWATCH];
static atomic_int nwatch;
static __thread struct watch *me;

/* Fault injection (T_FUZZ_FAIL_NTH=1): per-thread fail-nth file. */
static bool fail_nth_mode;
static atomic_ulong n_faults_armed, n_faults_fired;
static __thread int fail_nth_fd = -1;
static __thread unsigned int fail_nth_seed;
static __thread bool fault_armed, fault_fired;

static uint64_t now_ms(void)
{
	return kt_mono_ms();
}

static uint64_t kt_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
}

static void bad(const char *fmt, ...)
{
	va_list ap;

	/* A call whose allocation failed on purpose may refuse anything. */
	if (fault_fired && (strstr(fmt, "refused a valid") ||
			    strstr(fmt, "want ENOPROTOOPT")))
		return;
	if (atomic_fetch_add(&n_bad, 1) >= 40)
		return;		/* enough to go on */
	pthread_mutex_lock(&report_lock);
	fprintf(stderr, "  FUZZ FAILURE [%s]: ", me ? me->name : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&report_lock);
}

static struct watch *watch_register(const char *name)
{
	int i = atomic_fetch_add(&nwatch, 1);
	struct watch *w;

	if (i >= NWATCH)
		abort();
	w = &watches[i];
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->tid = (pid_t)syscall(SYS_gettid);
	me = w;
	return w;
}

/* Brackets a call that could block: the main thread reports it if it
 * does not return.
 */
static void fault_arm(const char *op)
{
	char v[8];
	int n;

	fault_fired = false;
	if (!fail_nth_mode || !me || strncmp(me->name, "worker", 6) ||
	    (strcmp(op, "socket") && strcmp(op, "bind") && strcmp(op, "setsockopt") &&
	     strcmp(op, "getsockopt") && strcmp(op, "mmap")))
		return;
	if (fail_nth_fd < 0) {
		fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
		fail_nth_seed = (unsigned int)me->tid * 2654435761u;
		if (fail_nth_fd < 0)
			return;
	}
	if (rand_r(&fail_nth_seed) % 10)
		return;
	n = snprintf(v, sizeof(v), "%d", 1 + rand_r(&fail_nth_seed) % 8);
	fault_armed = pwrite(fail_nth_fd, v, (size_t)n, 0) == n;
	if (fault_armed)
		atomic_fetch_add_explicit(&n_faults_armed, 1, memory_order_relaxed);
}

/* Disarms; remembers whether the fault was injected (fail-nth reads 0). */
static void fault_disarm(void)
{
	char v[16] = "";
	int e = errno;

	if (!fault_armed)
		return;
	fault_armed = false;
	if (pread(fail_nth_fd, v, sizeof(v) - 1, 0) > 0 && atoi(v) == 0) {
		fault_fired = true;
		atomic_fetch_add_explicit(&n_faults_fired, 1, memory_order_relaxed);
	}
	if (pwrite(fail_nth_fd, "0", 1, 0) != 1)
		fail_nth_mode = false;
	errno = e;
}

static void call_begin(const char *op, const char *fmt, ...)
{
	va_list ap;

	atomic_fetch_add_explicit(&n_syscalls, 1, memory_order_relaxed);
	fault_arm(op);
	if (!me)
		return;
	me->op = op;
	va_start(ap, fmt);
	vsnprintf(me->detail, sizeof(me->detail), fmt, ap);
	va_end(ap);
	me->reported = false;
	atomic_store(&me->t0, now_ms());
}

static void call_end(void)
{
	fault_disarm();
	if (me)
		atomic_store(&me->t0, 0);
}

/* ------------------------------------------------------------------ */
/* Randomness (rand_r per thread: reproducible single-thread streams)   */

struct rng {
	unsigned int s;
};

static uint32_t r32(struct rng *r)
{
	uint32_t a = (uint32_t)rand_r(&r->s), b = (uint32_t)rand_r(&r->s);

	return a << 16 ^ b ^ (uint32_t)rand_r(&r->s) << 31;
}

static uint64_t r64(struct rng *r)
{
	return (uint64_t)r32(r) << 32 | r32(r);
}

/* 0 .. n-1 */
static uint32_t rn(struct rng *r, uint32_t n)
{
	return n ? r32(r) % n : 0;
}

/* true with probability pct % */
static bool chance(struct rng *r, unsigned int pct)
{
	return rn(r, 100) < pct;
}

static const uint32_t boundary_u32[] = {
	0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 95, 96, 97,
	127, 128, 255, 256, 1023, 1024, 1514, 1518, 1535, 1536, 1537, 2048,
	4095, 4096, 4097, 9000, 9216, 59999, 60000, 60001, 65535, 65536, 65537,
	(1U << 20) - 1, 1U << 20, (1U << 20) + 1, 1U << 24, 0x7fffffffU,
	0x80000000U, 0xfffffffeU, 0xffffffffU,
};
#define NBOUNDARY (sizeof(boundary_u32) / sizeof(boundary_u32[0]))

static uint32_t pick_u32(struct rng *r)
{
	switch (rn(r, 4)) {
	case 0:
		return r32(r);
	case 1:
		return rn(r, 300);
	default:
		return boundary_u32[rn(r, NBOUNDARY)];
	}
}

/* ------------------------------------------------------------------ */
/* errno classes: what each call may legitimately fail with            */

#define ERRS(...) ((const int[]){ __VA_ARGS__, 0 })

static const int *const E_SOCKET = ERRS(EINVAL, ESOCKTNOSUPPORT,
	EPROTONOSUPPORT, EAFNOSUPPORT, EPERM, EMFILE, ENFILE, ENOMEM, ENOBUFS);
static const int *const E_BIND = ERRS(EINVAL, ENODEV, ENETDOWN, EBUSY,
	EFAULT, EBADF, ENOMEM);
/* level SOL_PF_RING (and any level but SOL_SOCKET: the module's code) */
/* ENOBUFS: a ring over RLIMIT_MEMLOCK (threads without CAP_IPC_LOCK) */
/* ENOENT: no filter to detach; EPERM: the filter is locked */
static const int *const E_SETOPT = ERRS(EINVAL, ENOPROTOOPT, EFAULT, EBUSY,
	ENOMEM, EBADF, EOVERFLOW, ENOBUFS, ENOENT, EPERM);
static const int *const E_GETOPT = ERRS(EINVAL, ENOPROTOOPT, EFAULT, ENODEV,
	ENOMEM, EBADF, ENOBUFS);
/* level SOL_SOCKET: the generic socket layer, not the module */
static const int *const E_SETOPT_SOL = ERRS(EINVAL, ENOPROTOOPT, EFAULT,
	EPERM, ENODEV, EBADF, ENOENT, EOPNOTSUPP, ENOMEM, ERANGE, EBUSY,
	EACCES, EDOM, ENETDOWN, ENOTSOCK, ENOSPC);
static const int *const E_GETOPT_SOL = ERRS(EINVAL, ENOPROTOOPT, EFAULT,
	ENOTCONN, ENODATA, EOPNOTSUPP, ERANGE, EBADF, ENOMEM);
static const int *const E_MMAP = ERRS(EINVAL, ENOMEM, EBADF, EOVERFLOW,
	EAGAIN, EACCES, ENODEV, EPERM, ENOBUFS);
static const int *const E_MUNMAP = ERRS(EINVAL);
static const int *const E_MPROTECT = ERRS(EINVAL, EACCES, ENOMEM);
static const int *const E_MREMAP = ERRS(EINVAL, EFAULT, ENOMEM, EAGAIN);
static const int *const E_MADVISE = ERRS(EINVAL, EFAULT, ENOMEM, EAGAIN,
	EPERM, EBUSY, EBADF, ESPIPE, EHWPOISON, EACCES, ENODEV, EOPNOTSUPP);
static const int *const E_POLL = ERRS(EINVAL, ENOMEM, EINTR);
static const int *const E_EPOLL_CTL = ERRS(EBADF, EEXIST, EINVAL, ENOENT,
	ENOMEM, ENOSPC, EPERM, ELOOP);
static const int *const E_EPOLL_WAIT = ERRS(EINTR, EBADF, EINVAL);
static const int *const E_RECV = ERRS(ENODEV, EOPNOTSUPP, EBADF, EAGAIN,
	EINVAL, EFAULT);
/* send() transmits on the bound device: its errors, and the qdisc's;
 * ENODEV: the device was removed during the call (the socket's error) */
static const int *const E_SEND = ERRS(EOPNOTSUPP, EBADF, EINVAL, EFAULT,
	EDESTADDRREQ, EPIPE, ENXIO, ENETDOWN, EMSGSIZE, EAGAIN, ENOBUFS, ENOMEM,
	ENODEV);
static const int *const E_NOOP = ERRS(EOPNOTSUPP, EBADF, EINVAL, EFAULT,
	ENOTTY, ENOTCONN, EPERM, ENOENT, ENODEV, EPROTONOSUPPORT);
static const int *const E_DUP = ERRS(EBADF, EINVAL, EBUSY, EMFILE);
static const int *const E_CLOSE = ERRS(EBADF);
/* EIO: procfs's answer for an entry removed while open (device gone) */
static const int *const E_SOFTQ = ERRS(EINVAL, ERANGE, EIO);
static const int *const E_SEND_FRAME = ERRS(ENOBUFS, EAGAIN, ENXIO, ENODEV,
	ENETDOWN, EMSGSIZE, EINVAL, EBADF);

static void count_errno(int e)
{
	if (e == ENOBUFS && cur_op >= 0)
		atomic_fetch_add_explicit(&n_enobufs, 1, memory_order_relaxed);
	if (cur_op >= 0)
		atomic_fetch_add_explicit(&op_errno[cur_op][e > 0 && e < NERRNO ? e : 0],
					  1, memory_order_relaxed);
}

static bool errno_in(int e, const int *list)
{
	for (; *list; list++)
		if (*list == e)
			return true;
	return false;
}

/* Checks a failed call's errno against its class; true if allowed. */
static bool check_errno(const char *call, int err, const int *allowed,
			const char *fmt, ...)
{
	char detail[256];
	va_list ap;

	count_errno(err);
	if (errno_in(err, allowed))
		return true;
	if (fault_fired && (err == ENOMEM || err == ENOBUFS || err == ENFILE))
		return true;	/* an allocation failed on purpose */
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	bad("%s(%s) failed with unexpected errno %d (%s)%s", call, detail, err,
	    strerror(err), err >= 512 ? " - a kernel-internal code" : "");
	return false;
}

/* ------------------------------------------------------------------ */
/* Ring sizes: keep the guest's memory safe                              */

/*
 * The data area <linux/pf_ring.h> describes for slots full-size records
 * of bucket bytes: slots records of PFRING_RECORD_LEN(96, bucket) bytes
 * plus the slot_len - 16 an end may waste, rounded up to a power of two.
 */
static uint64_t ring_want(uint32_t slots, uint32_t bucket)
{
	uint64_t slot_len = PFRING_RECORD_LEN(sizeof(struct pfring_slot), bucket);

	return slots * slot_len + slot_len - PFRING_RECORD_ALIGN;
}

static uint64_t ring_data_size(uint32_t slots, uint32_t bucket)
{
	uint64_t want = ring_want(slots, bucket), p = 1;

	while (p < want)
		p <<= 1;
	return p;
}

/* The mapping: the header page and the data area. */
static uint64_t ring_bytes(uint32_t slots, uint32_t bucket)
{
	return (PAGE + ring_data_size(slots, bucket) + PAGE - 1) & ~(PAGE - 1);
}

/* A ring of this size either stays small or is refused up front. */
static bool ring_size_ok(uint32_t slots, uint32_t bucket)
{
	uint64_t b;

	if (slots < PFRING_MIN_SLOTS || slots > PFRING_MAX_SLOTS ||
	    bucket < 1 || bucket > PFRING_MAX_BUCKET_LEN)
		return true;	/* refused with EINVAL */
	b = ring_bytes(slots, bucket);
	if (b <= SAFE_RING_BYTES)
		return true;
	/*
	 * The kernel refuses more than 1 GB of data and more than half of
	 * RAM (margin: 0.6).
	 */
	return ring_data_size(slots, bucket) > (1ULL << 30) ||
	       b / PAGE > totalram_pages * 6 / 10;
}

static int shadow_new(uint32_t slots, uint32_t bucket)
{
	unsigned int i = atomic_fetch_add(&next_shadow, 1) % NSHADOWS;
	struct shadow *sh = &shadows[i];

	pthread_mutex_lock(&sh->lock);
	sh->slots = slots;
	sh->bucket = bucket;
	sh->mem_size = 0;
	pthread_mutex_unlock(&sh->lock);
	return (int)i;
}

static struct shadow *slot_sh(int s)
{
	int i = atomic_load(&slot_shadow[s]);

	return i < 0 ? NULL : &shadows[i];
}

/* ------------------------------------------------------------------ */
/* Sockets                                                              */

static int sfd(int s)
{
	return FD_BASE + s;
}

/* A slot, mostly one that holds a socket right now (races aside). */
static int pick_slot(struct rng *r)
{
	int s = (int)rn(r, NSLOTS);

	for (int i = 0; i < 4 && chance(r, 85); i++) {
		if (fcntl(sfd(s), F_GETFD) >= 0)
			break;
		s = (int)rn(r, NSLOTS);
	}
	return s;
}

/* Puts a new socket into slot s (replacing, i.e. closing, what is there). */
static void slot_install(int s, int fd, int shadow)
{
	pthread_mutex_lock(&slot_lock[s]);
	call_begin("dup2", "install fd %d in slot %d", fd, s);
	if (dup2(fd, sfd(s)) >= 0)
		atomic_store(&slot_shadow[s], shadow);
	else
		check_errno("dup2", errno, E_DUP, "%d, %d", fd, sfd(s));
	call_end();
	pthread_mutex_unlock(&slot_lock[s]);
	close(fd);
}

static const uint32_t small_buckets[] = { 1, 2, 14, 18, 60, 63, 64, 65, 96,
	128, 200, 256, 512, 1000, 1514, 1518, 1536, 2048, 4000, 9000 };

/* A new PF_RING socket with a mostly small ring; -1 on failure. */
static int new_socket(struct rng *r, int *shadow)
{
	uint32_t slots = PFRING_MIN_SLOTS + rn(r, 240);
	uint32_t bucket = small_buckets[rn(r, sizeof(small_buckets) / 4)];
	int fd = socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL));

	if (fd < 0)
		return -1;
	if (chance(r, 90)) {
		kt_setopt_u32(fd, SO_SET_RING_SLOTS, slots);
		kt_setopt_u32(fd, SO_RING_BUCKET_LEN, bucket);
	} else {
		slots = 4096;	/* the module's default, 8 MB */
		bucket = PFRING_DEFAULT_BUCKET_LEN;
	}
	*shadow = shadow_new(slots, bucket);
	return fd;
}

static void op_socket(struct rng *r)
{
	static const int types[] = { SOCK_DGRAM, SOCK_STREAM, SOCK_PACKET,
		SOCK_SEQPACKET, SOCK_RDM, 0, 7, 11, 15 };
	static const int protos[] = { 0, -1, 0x10000, 0x12345, INT_MAX, INT_MIN,
		0xffff, 1 };
	int type = SOCK_RAW, proto = htons(ETH_P_ALL), fd, sh, base;
	bool valid;

	if (chance(r, 25))
		type = types[rn(r, sizeof(types) / sizeof(types[0]))];
	if (chance(r, 20))
		type |= SOCK_NONBLOCK;
	if (chance(r, 20))
		type |= SOCK_CLOEXEC;
	if (chance(r, 3))
		type |= 1 << (4 + rn(r, 15));	/* undefined flag bits */
	switch (rn(r, 8)) {
	case 0:
		proto = protos[rn(r, sizeof(protos) / sizeof(protos[0]))];
		break;
	case 1:
		proto = htons(0x88b5);
		break;
	case 2:
		proto = htons(0x0800);
		break;
	case 3:
		proto = (int)rn(r, 0x10000);
		break;
	case 4:
		proto = (int)r32(r);
		break;
	}
	base = type & 0xf;
	valid = base == SOCK_RAW && !(type & ~(0xf | SOCK_NONBLOCK | SOCK_CLOEXEC)) &&
		proto >= 0 && proto <= 0xffff;

	call_begin("socket", "PF_RING, %#x, %#x", type, proto);
	fd = socket(PF_RING, type, proto);
	call_end();
	if (fd < 0) {
		int e = errno;

		check_errno("socket", e, E_SOCKET, "PF_RING, %#x, %#x", type, proto);
		if (valid && e != ENOMEM && e != EMFILE && e != ENFILE &&
		    e != ENOBUFS)
			bad("socket(PF_RING, %#x, %#x) refused a valid request: %s",
			    type, proto, strerror(e));
		return;
	}
	atomic_fetch_add(&op_ok[OP_SOCKET], 1);
	if (!valid)
		bad("socket(PF_RING, %#x, %#x) accepted an invalid request",
		    type, proto);
	/* Mostly small rings, as new_socket(). */
	{
		uint32_t slots = PFRING_MIN_SLOTS + rn(r, 240);
		uint32_t bucket = small_buckets[rn(r, sizeof(small_buckets) / 4)];

		if (chance(r, 90)) {
			kt_setopt_u32(fd, SO_SET_RING_SLOTS, slots);
			kt_setopt_u32(fd, SO_RING_BUCKET_LEN, bucket);
		} else {
			slots = 4096;
			bucket = PFRING_DEFAULT_BUCKET_LEN;
		}
		sh = shadow_new(slots, bucket);
	}
	slot_install((int)rn(r, NSLOTS), fd, sh);
}

static void op_close(struct rng *r)
{
	int s = (int)rn(r, NSLOTS);

	call_begin("close", "slot %d", s);
	if (close(sfd(s)) < 0)
		check_errno("close", errno, E_CLOSE, "slot %d", s);
	else
		atomic_fetch_add(&op_ok[OP_CLOSE], 1);
	call_end();
}

static void op_dup(struct rng *r)
{
	int a = (int)rn(r, NSLOTS), b = (int)rn(r, NSLOTS), lo, hi, ret;
	int flags = chance(r, 50) ? 0 : chance(r, 80) ? O_CLOEXEC : (int)r32(r);
	bool use_dup3 = chance(r, 50);

	lo = a < b ? a : b;
	hi = a < b ? b : a;
	pthread_mutex_lock(&slot_lock[lo]);
	if (hi != lo)
		pthread_mutex_lock(&slot_lock[hi]);
	call_begin("dup", "slot %d -> %d dup3 %d flags %#x", a, b, use_dup3, flags);
	ret = use_dup3 ? dup3(sfd(a), sfd(b), flags) : dup2(sfd(a), sfd(b));
	if (ret >= 0) {
		atomic_store(&slot_shadow[b], atomic_load(&slot_shadow[a]));
		atomic_fetch_add(&op_ok[OP_DUP], 1);
	} else {
		check_errno(use_dup3 ? "dup3" : "dup2", errno, E_DUP, "%d, %d, %#x",
			    sfd(a), sfd(b), flags);
	}
	call_end();
	if (hi != lo)
		pthread_mutex_unlock(&slot_lock[hi]);
	pthread_mutex_unlock(&slot_lock[lo]);
}

/* Device names a worker may bind to (looked up in its own namespace). */
static const char *const dev_names[] = {
	"lo", "fa0", "fb0", "fa1", "fb1", "fa2", "fb2", "sa", "sb", "sa.5",
	"xa", "xb", "fc", "fcp", "fr0", "fr1", "fr2",
};
#define NDEVNAMES (sizeof(dev_names) / sizeof(dev_names[0]))

/*
 * Name -> index in the calling thread's namespace from a per-thread
 * snapshot of the device list, refreshed every 50 ms (if_nametoindex()
 * of a missing name would run modprobe in the kernel, see kt_netlink.h).
 */
static __thread struct if_nameindex *ifcache;
static __thread uint64_t ifcache_t;

static int dev_index(const char *name)
{
	struct if_nameindex *i;

	if (!ifcache || now_ms() - ifcache_t > 50) {
		if (ifcache)
			if_freenameindex(ifcache);
		ifcache = if_nameindex();
		ifcache_t = now_ms();
	}
	for (i = ifcache; i && i->if_index; i++)
		if (!strcmp(i->if_name, name))
			return (int)i->if_index;
	return 0;
}

static int pick_ifindex(struct rng *r)
{
	switch (rn(r, 20)) {
	case 0: case 1: case 2: case 3: case 4:
		return 0;		/* any */
	case 5: case 6: case 7: case 8: case 9: case 10: case 11:
		return dev_index(dev_names[rn(r, NDEVNAMES)]);
	case 12: case 13:
		return 1 + (int)rn(r, 200);
	case 14:
		return 1;
	case 15:
		return -1 - (int)rn(r, 3);
	case 16:
		return INT_MIN;
	case 17:
		return INT_MAX;
	case 18:
		return (int)r32(r);
	default:
		return 0x10000 + (int)rn(r, 1000);
	}
}

static uint64_t pick_queue_mask(struct rng *r)
{
	switch (rn(r, 10)) {
	case 0: case 1: case 2: case 3: case 4:
		return 0;
	case 5:
		return 1;
	case 6:
		return 1ULL << rn(r, 4);
	case 7:
		return 1ULL << 63;
	case 8:
		return ~0ULL;
	default:
		return r64(r);
	}
}

/* A pointer for the kernel to copy from or to: mostly valid. */
enum ptr_kind { P_VALID, P_NULL, P_ONE, P_KERNEL, P_EDGE, P_UNALIGNED, P_NKINDS };

static void *pick_ptr(struct rng *r, uint8_t *buf, size_t bufsize, size_t len,
		      int *kind)
{
	int k = chance(r, 80) ? P_VALID : (int)rn(r, P_NKINDS);

	*kind = k;
	switch (k) {
	case P_NULL:
		return NULL;
	case P_ONE:
		return (void *)1;
	case P_KERNEL:
		return (void *)0xffffffff81000000UL;
	case P_EDGE: {
		/* len bytes straddling the end of the accessible page */
		size_t in = len ? rn(r, (uint32_t)(len < 64 ? len : 64)) : 0;

		memcpy(edge + PAGE - in, buf, in);
		return edge + PAGE - in;
	}
	case P_UNALIGNED:
		memmove(buf + 1, buf, len > bufsize - 1 ? bufsize - 1 : len);
		return buf + 1;
	default:
		return buf;
	}
}

static void op_bind(struct rng *r)
{
	uint8_t buf[300];
	struct sockaddr_pfring *sa = (struct sockaddr_pfring *)buf;
	int s = pick_slot(r), kind, ret, len;
	void *p;
	bool valid;

	memset(buf, 0, sizeof(buf));
	if (chance(r, 10))
		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (uint8_t)r32(r);
	sa->spr_family = chance(r, 85) ? PF_RING :
		(uint16_t)(chance(r, 50) ? (int)rn(r, 46) : (int)r32(r));
	sa->spr_reserved = chance(r, 90) ? 0 : (uint16_t)(1 + rn(r, 0xffff));
	sa->spr_ifindex = pick_ifindex(r);
	sa->spr_queue_mask = pick_queue_mask(r);
	switch (rn(r, 10)) {
	case 0:
		len = (int)rn(r, 16);
		break;
	case 1:
		len = 17 + (int)rn(r, 48);
		break;
	case 2:
		len = chance(r, 50) ? -1 : (int)(128 + rn(r, 200));
		break;
	default:
		len = sizeof(*sa);
		break;
	}
	p = pick_ptr(r, buf, sizeof(buf), len > 0 ? (size_t)len : 0, &kind);
	if (kind == P_UNALIGNED)
		sa = (struct sockaddr_pfring *)p;
	valid = len >= (int)sizeof(*sa) && len <= 128 && sa->spr_family == PF_RING &&
		!sa->spr_reserved && sa->spr_ifindex >= 0 &&
		!(sa->spr_ifindex == PFRING_IFINDEX_ANY && sa->spr_queue_mask) &&
		(kind == P_VALID || kind == P_UNALIGNED);

	call_begin("bind", "slot %d len %d ptr-kind %d family %u reserved %u ifindex %d mask %#llx",
		   s, len, kind, sa->spr_family, sa->spr_reserved, sa->spr_ifindex,
		   (unsigned long long)sa->spr_queue_mask);
	ret = bind(sfd(s), p, (socklen_t)len);
	if (ret < 0) {
		check_errno("bind", errno, E_BIND, "%s", me->detail);
	} else {
		atomic_fetch_add(&op_ok[OP_BIND], 1);
		atomic_fetch_add(sa->spr_ifindex ? &n_bind_dev : &n_bind_any, 1);
		if (!valid)
			bad("bind(%s) accepted an invalid address", me->detail);
	}
	call_end();
}

/* The options the module knows, and which allocate or size the ring. */
static const int known_set[] = { SO_ACTIVATE_RING, SO_RING_BUCKET_LEN,
	SO_SET_APPL_NAME, SO_SET_PACKET_DIRECTION, SO_DEACTIVATE_RING,
	SO_SET_POLL_WATERMARK, SO_SET_POLL_WATERMARK_TIMEOUT,
	SO_SET_SOCKET_MODE, SO_SET_IFF_PROMISC, SO_SET_RING_SLOTS,
	SO_ADD_TO_CLUSTER, SO_REMOVE_FROM_CLUSTER, SO_ADD_TO_CLUSTER };
static const int known_get[] = { SO_GET_RING_VERSION, SO_GET_NUM_RX_CHANNELS,
	SO_GET_BOUND_DEVICE_ADDRESS, SO_GET_NUM_QUEUED_PKTS,
	SO_GET_PKT_HEADER_LEN, SO_GET_BUCKET_LEN, SO_GET_BOUND_DEVICE_IFINDEX,
	SO_GET_RING_INFO, SO_GET_STATS };
#define NKNOWN_SET (sizeof(known_set) / sizeof(known_set[0]))
#define NKNOWN_GET (sizeof(known_get) / sizeof(known_get[0]))

static bool allocates_ring(int level, int opt)
{
	return level == SOL_PF_RING &&
	       (opt == SO_ACTIVATE_RING || opt == SO_GET_RING_INFO);
}

/*
 * setsockopt on slot s, with the ring-size guard: a value that would
 * create a ring between SAFE_RING_BYTES and the kernel's own limit is
 * replaced (the guest has 1 GB).  Returns the call's result; *err errno.
 */
static int guarded_setopt(struct rng *r, int s, int level, int opt, void *p,
			  int len, uint32_t *val, int *err)
{
	struct shadow *sh = NULL;
	int ret;

	*err = 0;
	if (level == SOL_PF_RING && (opt == SO_RING_BUCKET_LEN ||
				     opt == SO_SET_RING_SLOTS) && val) {
		pthread_mutex_lock(&slot_lock[s]);
		sh = slot_sh(s);
		if (sh) {
			pthread_mutex_lock(&sh->lock);
			if (opt == SO_RING_BUCKET_LEN &&
			    !ring_size_ok(sh->slots, *val))
				*val = 1 + rn(r, 64);
			if (opt == SO_SET_RING_SLOTS &&
			    !ring_size_ok(*val, sh->bucket))
				*val = PFRING_MIN_SLOTS + rn(r, 16);
		}
	}
	if (allocates_ring(level, opt) && atomic_load(&mem_low)) {
		ret = -1;
		*err = EAGAIN;	/* not called */
		goto out;
	}
	call_begin("setsockopt", "slot %d level %d opt %d len %d val %#x",
		   s, level, opt, len, val ? *val : 0);
	ret = setsockopt(sfd(s), level, opt, p, (socklen_t)len);
	*err = ret < 0 ? errno : 0;
	call_end();
	if (sh && ret == 0) {
		if (opt == SO_RING_BUCKET_LEN)
			sh->bucket = *val;
		else
			sh->slots = *val;
	}
out:
	if (level == SOL_PF_RING && (opt == SO_RING_BUCKET_LEN ||
				     opt == SO_SET_RING_SLOTS) && val) {
		if (sh)
			pthread_mutex_unlock(&sh->lock);
		pthread_mutex_unlock(&slot_lock[s]);
	}
	return ret;
}

static int pick_level(struct rng *r)
{
	switch (rn(r, 20)) {
	case 0: case 1: case 2:
		return SOL_SOCKET;
	case 3:
		return (int)r32(r);
	case 4:
		return -1;
	case 5:
		return 263;	/* SOL_PACKET */
	case 6:
		return 1 + (int)rn(r, 300);
	default:
		return SOL_PF_RING;
	}
}

static int pick_optname(struct rng *r, bool set)
{
	if (chance(r, 30))
		return set ? known_set[rn(r, NKNOWN_SET)] : known_get[rn(r, NKNOWN_GET)];
	if (chance(r, 90))
		return (int)rn(r, 301);
	return (int)r32(r);
}

static int pick_optlen(struct rng *r)
{
	switch (rn(r, 12)) {
	case 0:
		return 0;
	case 1:
		return 1 + (int)rn(r, 64);
	case 2:
		return (int)rn(r, 8);
	case 3:
		return chance(r, 50) ? INT_MAX : -1;
	case 4:
		return 32 + (int)rn(r, 2);
	case 5:
		return 64;
	case 6:
		return (int)r32(r);
	default:
		return 4;
	}
}

static void op_setopt(struct rng *r)
{
	uint8_t buf[320];
	uint32_t v = pick_u32(r);
	int s = pick_slot(r), level = pick_level(r);
	int opt = pick_optname(r, true), len = pick_optlen(r), kind, err, ret;
	void *p;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = chance(r, 70) ? 0 : (uint8_t)r32(r);
	if (chance(r, 50) && opt == SO_SET_APPL_NAME)
		memcpy(buf, "fuzz-app-name-0123456789abcdefghijklmnop", 40);
	else
		memcpy(buf, &v, sizeof(v));
	p = pick_ptr(r, buf, sizeof(buf), len > 0 ? (size_t)len : 0, &kind);
	/* The guard needs the value the kernel will read. */
	if (level == SOL_PF_RING && len == 4 && kind == P_VALID)
		ret = guarded_setopt(r, s, level, opt, p, len, (uint32_t *)p, &err);
	else if (level == SOL_PF_RING && (opt == SO_RING_BUCKET_LEN ||
					  opt == SO_SET_RING_SLOTS) && len == 4)
		return;	/* value not controlled: could size a huge ring */
	else
		ret = guarded_setopt(r, s, level, opt, p, len, NULL, &err);
	if (ret == 0) {
		atomic_fetch_add(&op_ok[OP_SETOPT], 1);
		return;
	}
	if (err == EAGAIN && allocates_ring(level, opt))
		return;	/* skipped: memory low */
	check_errno("setsockopt", err, level == SOL_SOCKET ? E_SETOPT_SOL : E_SETOPT,
		    "slot %d, level %d, opt %d, ptr-kind %d, len %d, val %#x",
		    s, level, opt, kind, len, v);
	if (level != SOL_SOCKET && level != SOL_PF_RING && err != ENOPROTOOPT &&
	    err != EBADF && !(len < 0 && err == EINVAL))
		bad("setsockopt level %d opt %d: %s, want ENOPROTOOPT",
		    level, opt, strerror(err));
}

/* Valid and invalid values of one known option, with the expected result. */
static void op_setopt_known(struct rng *r)
{
	int s = pick_slot(r), opt = known_set[rn(r, NKNOWN_SET)];
	uint8_t buf[80] = { 0 };
	uint32_t v = 0;
	int len = 4, err, ret, kind = P_VALID;
	bool valid = true, maybe_busy = false, maybe_einval = false,
	     maybe_nomem = false;
	void *p = buf;

	switch (opt) {
	case SO_RING_BUCKET_LEN:
		v = chance(r, 70) ? 1 + rn(r, 9000) : pick_u32(r);
		valid = v >= 1 && v <= PFRING_MAX_BUCKET_LEN;
		maybe_busy = true;
		break;
	case SO_SET_RING_SLOTS:
		v = chance(r, 70) ? PFRING_MIN_SLOTS + rn(r, 512) : pick_u32(r);
		valid = v >= PFRING_MIN_SLOTS && v <= PFRING_MAX_SLOTS;
		maybe_busy = true;
		break;
	case SO_SET_PACKET_DIRECTION:
	case SO_SET_SOCKET_MODE:
		v = chance(r, 70) ? rn(r, 3) : pick_u32(r);
		valid = v <= 2;
		break;
	case SO_SET_POLL_WATERMARK:
		v = chance(r, 60) ? 1 + rn(r, 300) : pick_u32(r);
		valid = v >= 1 && v <= PFRING_MAX_SLOTS;
		break;
	case SO_SET_POLL_WATERMARK_TIMEOUT:
		v = chance(r, 60) ? rn(r, 200) : pick_u32(r);
		valid = v <= 60000;
		break;
	case SO_SET_IFF_PROMISC:
		v = chance(r, 80) ? rn(r, 2) : pick_u32(r);
		valid = v <= 1;
		maybe_einval = true;	/* unbound, bound to any, device gone */
		break;
	case SO_SET_APPL_NAME: {
		int n = (int)rn(r, 40);

		for (int i = 0; i < n; i++)
			buf[i] = 'a' + (uint8_t)rn(r, 26);
		buf[n] = 0;
		len = chance(r, 80) ? n + 1 : (int)rn(r, 40);
		/* valid: 1..32 bytes that hold a NUL at index < 31 */
		valid = len >= 1 && len <= PFRING_APPNAME_LEN &&
			memchr(buf, 0, (size_t)len) &&
			strnlen((char *)buf, (size_t)len) < PFRING_APPNAME_LEN;
		if (len >= 1 && len <= PFRING_APPNAME_LEN &&
		    !memchr(buf, 0, (size_t)len))
			valid = (size_t)len < PFRING_APPNAME_LEN;
		break;
	}
	case SO_ACTIVATE_RING:
		maybe_nomem = true;	/* also ENOBUFS: RLIMIT_MEMLOCK */
		len = chance(r, 70) ? 0 : pick_optlen(r);
		break;
	case SO_DEACTIVATE_RING:
	case SO_REMOVE_FROM_CLUSTER:
		len = chance(r, 70) ? 0 : pick_optlen(r);
		break;
	case SO_ADD_TO_CLUSTER: {
		/* few ids, so that sockets meet in clusters */
		struct pfring_cluster_req req = {
			.cluster_id = chance(r, 85) ? rn(r, 4) : pick_u32(r),
			.type = chance(r, 85) ? rn(r, 6) : pick_u32(r),
			.position = chance(r, 50) ? PFRING_CLUSTER_POS_ANY :
				    chance(r, 50) ? rn(r, 4) : pick_u32(r),
			.reserved = chance(r, 90) ? 0 : 1 + rn(r, 1000),
		};

		memcpy(buf, &req, sizeof(req));
		len = chance(r, 85) ? (int)sizeof(req) : pick_optlen(r);
		valid = len == sizeof(req) &&
			req.type <= PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE && !req.reserved;
		maybe_einval = true;	/* the cluster has another type */
		maybe_nomem = true;
		v = req.cluster_id;
		break;
	}
	}
	if (opt != SO_SET_APPL_NAME && opt != SO_ADD_TO_CLUSTER) {
		memcpy(buf, &v, sizeof(v));
		if (opt != SO_ACTIVATE_RING && opt != SO_DEACTIVATE_RING &&
		    opt != SO_REMOVE_FROM_CLUSTER && chance(r, 15)) {
			len = pick_optlen(r);
			if (len != 4)
				valid = false;
		}
	}
	if (chance(r, 10)) {
		p = pick_ptr(r, buf, sizeof(buf), len > 0 ? (size_t)len : 0, &kind);
		if (kind != P_VALID && kind != P_UNALIGNED && len > 0 &&
		    opt != SO_ACTIVATE_RING && opt != SO_DEACTIVATE_RING &&
		    opt != SO_REMOVE_FROM_CLUSTER)
			valid = false;
	}

	ret = guarded_setopt(r, s, SOL_PF_RING, opt, p, len,
			     len == 4 && (kind == P_VALID || kind == P_UNALIGNED) &&
			     opt != SO_SET_APPL_NAME && opt != SO_ADD_TO_CLUSTER ?
			     (uint32_t *)p : NULL, &err);
	if (ret < 0 && err == EAGAIN && allocates_ring(SOL_PF_RING, opt))
		return;
	if (ret == 0)
		atomic_fetch_add(&op_ok[OP_SETOPT_KNOWN], 1);
	if (ret == 0 && opt == SO_ADD_TO_CLUSTER)
		atomic_fetch_add(&n_cluster_join, 1);
	if (ret < 0 && err == EBADF)
		return;
	if (ret < 0)
		check_errno("setsockopt", err, E_SETOPT,
			    "slot %d, opt %d, len %d, val %#x", s, opt, len, v);
	if (!valid && ret == 0 && opt != SO_ACTIVATE_RING &&
	    opt != SO_DEACTIVATE_RING && opt != SO_REMOVE_FROM_CLUSTER) {
		/* the guard may have replaced the value by a valid one */
		if (!((opt == SO_RING_BUCKET_LEN || opt == SO_SET_RING_SLOTS) &&
		      len == 4 && kind == P_VALID))
			bad("setsockopt(opt %d, len %d, val %#x, ptr-kind %d) accepted an invalid value",
			    opt, len, v, kind);
	}
	if (len < 0)
		valid = false;	/* the socket layer refuses a negative length */
	/* A bad pointer with the right length: EFAULT and nothing else. */
	if ((kind == P_NULL || kind == P_ONE || kind == P_KERNEL || kind == P_EDGE) &&
	    opt != SO_ACTIVATE_RING && opt != SO_DEACTIVATE_RING &&
	    opt != SO_REMOVE_FROM_CLUSTER &&
	    (opt == SO_SET_APPL_NAME ? len >= 1 && len <= PFRING_APPNAME_LEN :
	     opt == SO_ADD_TO_CLUSTER ? len == sizeof(struct pfring_cluster_req) :
	     len == 4) && !(ret < 0 && err == EFAULT))
		bad("setsockopt(opt %d, len %d, pointer kind %d): %s, want EFAULT",
		    opt, len, kind, ret ? strerror(err) : "success");
	if (valid && ret < 0 && !(maybe_busy && err == EBUSY) &&
	    !(maybe_einval && err == EINVAL) &&
	    !(maybe_nomem && (err == ENOMEM || err == ENOBUFS)) && err != EFAULT)
		bad("setsockopt(opt %d, len %d, val %#x) refused a valid value: %s",
		    opt, len, v, strerror(err));
}

/* Checks what a successful getsockopt of a known option returned. */
static void check_getopt_value(int opt, const uint8_t *out, int len)
{
	uint32_t v;
	struct pfring_ring_info info;

	memcpy(&v, out, sizeof(v));
	switch (opt) {
	case SO_GET_RING_VERSION:
		if (len != 4 || v != PFRING_MODULE_VERSION_NUM)
			bad("SO_GET_RING_VERSION: len %d value %#x", len, v);
		break;
	case SO_GET_PKT_HEADER_LEN:
		if (len != 4 || v != sizeof(struct pfring_slot))
			bad("SO_GET_PKT_HEADER_LEN: len %d value %u", len, v);
		break;
	case SO_GET_BUCKET_LEN:
		if (len != 4 || v < 1 || v > PFRING_MAX_BUCKET_LEN)
			bad("SO_GET_BUCKET_LEN: len %d value %u", len, v);
		break;
	case SO_GET_NUM_QUEUED_PKTS:
		/* Capped at data_size / 96, data_size at most 1 GB. */
		if (len != 4 || v > (1U << 30) / sizeof(struct pfring_slot))
			bad("SO_GET_NUM_QUEUED_PKTS: len %d value %u", len, v);
		break;
	case SO_GET_BOUND_DEVICE_IFINDEX:
		if (len != 4 || (int32_t)v < 0)
			bad("SO_GET_BOUND_DEVICE_IFINDEX: len %d value %d", len, (int)v);
		break;
	case SO_GET_NUM_RX_CHANNELS:
		if (len != 4 || v < 1 || v > 4096)	/* soft queues: <= 64 */
			bad("SO_GET_NUM_RX_CHANNELS: len %d value %u", len, v);
		break;
	case SO_GET_BOUND_DEVICE_ADDRESS:
		if (len != 6)
			bad("SO_GET_BOUND_DEVICE_ADDRESS: len %d", len);
		break;
	case SO_GET_RING_INFO:
		memcpy(&info, out, sizeof(info));
		/*
		 * The geometry of some request of PFRING_MIN_SLOTS ..
		 * PFRING_MAX_SLOTS records (the smallest power of two that
		 * holds them), and the records that always fit in it.
		 */
		if (len != sizeof(info) || info.magic != PFRING_RING_MAGIC ||
		    info.version != PFRING_RING_VERSION ||
		    info.slot_hdr_len != sizeof(struct pfring_slot) ||
		    info.bucket_len < 1 || info.bucket_len > PFRING_MAX_BUCKET_LEN ||
		    info.slot_len != PFRING_RECORD_LEN(96, info.bucket_len) ||
		    !info.data_size || (info.data_size & (info.data_size - 1)) ||
		    info.data_size > (1U << 30) ||
		    info.data_size < ring_want(PFRING_MIN_SLOTS, info.bucket_len) ||
		    info.data_size / 2 >= ring_want(PFRING_MAX_SLOTS, info.bucket_len) ||
		    info.num_slots != (info.data_size - info.slot_len +
				       PFRING_RECORD_ALIGN) / info.slot_len ||
		    info.num_slots < PFRING_MIN_SLOTS ||
		    info.slots_offset != PAGE ||
		    info.mem_size != ((PAGE + info.data_size + PAGE - 1) & ~(PAGE - 1)))
			bad("SO_GET_RING_INFO: len %d magic %#x v %u slots %u slot_len %u hdr %u bucket %u off %u data %u mem %llu",
			    len, info.magic, info.version, info.num_slots,
			    info.slot_len, info.slot_hdr_len, info.bucket_len,
			    info.slots_offset, info.data_size,
			    (unsigned long long)info.mem_size);
		break;
	case SO_GET_STATS: {
		struct pfring_stats st;

		memcpy(&st, out, sizeof(st));
		if (len != sizeof(st) || st.bad_cons > st.drop_full)
			bad("SO_GET_STATS: len %d recv %llu drop %llu bad_cons %llu",
			    len, (unsigned long long)st.recv,
			    (unsigned long long)st.drop_full,
			    (unsigned long long)st.bad_cons);
		break;
	}
	}
}

static void do_getopt(struct rng *r, bool known)
{
	uint8_t buf[512];
	int s = pick_slot(r), level = known ? SOL_PF_RING : pick_level(r);
	int opt = known ? known_get[rn(r, NKNOWN_GET)] : pick_optname(r, false);
	int lenv, *lenp = &lenv, kind = P_VALID, ret, err;
	socklen_t *lp;
	void *p = buf;
	static const int lens[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 63, 64, 65,
		100, 512, -1, INT_MIN, INT_MAX };

	memset(buf, 0xa5, sizeof(buf));
	lenv = chance(r, 50) ? (known ? (opt == SO_GET_RING_INFO || opt == SO_GET_STATS ?
					  64 : opt == SO_GET_BOUND_DEVICE_ADDRESS ? 6 : 4) : 64) :
		lens[rn(r, sizeof(lens) / sizeof(lens[0]))];
	/*
	 * The module copies out at most 64 bytes whatever the length says;
	 * the generic SOL_SOCKET code may copy up to the length, and for
	 * SO_GET_FILTER up to length * 8 bytes: keep that inside buf.
	 */
	if (level != SOL_PF_RING && lenv > 32)
		lenv = 32;
	if (chance(r, 10))
		p = pick_ptr(r, buf, sizeof(buf), lenv > 0 ? (size_t)lenv : 0, &kind);
	if (chance(r, 5)) {
		switch (rn(r, 4)) {
		case 0:
			lenp = NULL;
			break;
		case 1:
			lenp = (int *)1;
			break;
		case 2:
			lenp = (int *)(edge + PAGE - 2);	/* half readable */
			break;
		default:
			lenp = (int *)0xffffffff81000000UL;
			break;
		}
		kind = P_NKINDS;	/* bad length pointer */
	}
	if (allocates_ring(level, opt) && atomic_load(&mem_low))
		return;
	lp = (socklen_t *)lenp;
	call_begin("getsockopt", "slot %d level %d opt %d len %d ptr-kind %d",
		   s, level, opt, lenp == &lenv ? lenv : -999, kind);
	ret = getsockopt(sfd(s), level, opt, p, lp);
	err = ret < 0 ? errno : 0;
	call_end();
	if (known && lenp != &lenv && !(ret < 0 && (err == EFAULT || err == EBADF)))
		bad("getsockopt(opt %d) with a bad length pointer: %s, want EFAULT",
		    opt, ret ? strerror(err) : "success");
	if (known && ret == 0 && (kind == P_NULL || kind == P_ONE || kind == P_KERNEL))
		bad("getsockopt(opt %d) succeeded with output pointer kind %d", opt, kind);
	if (ret == 0) {
		atomic_fetch_add(&op_ok[known ? OP_GETOPT_KNOWN : OP_GETOPT], 1);
		if (level == SOL_PF_RING && kind == P_VALID && lenp == &lenv)
			check_getopt_value(opt, buf, lenv);
		if (level == SOL_PF_RING && opt == SO_GET_RING_INFO &&
		    kind == P_VALID && lenp == &lenv) {
			struct shadow *sh = slot_sh(s);

			if (sh)
				sh->mem_size = ((struct pfring_ring_info *)buf)->mem_size;
		}
		return;
	}
	check_errno("getsockopt", err, level == SOL_SOCKET ? E_GETOPT_SOL : E_GETOPT,
		    "slot %d, level %d, opt %d, len %d, ptr-kind %d", s, level, opt,
		    lenp == &lenv ? lenv : -999, kind);
	if (level != SOL_SOCKET && level != SOL_PF_RING && err != ENOPROTOOPT &&
	    err != EBADF && err != EFAULT)
		bad("getsockopt level %d opt %d: %s, want ENOPROTOOPT", level,
		    opt, strerror(err));
}

/* ------------------------------------------------------------------ */
/* Mappings                                                             */

static void map_add(uint8_t *addr, size_t len, int prot, int flags,
		    const struct pfring_ring_info *info)
{
	int i;

	pthread_rwlock_wrlock(&map_lock);
	for (i = 0; i < NMAPS; i++)
		if (!maps[i].used)
			break;
	if (i == NMAPS) {
		munmap(addr, len);
	} else {
		maps[i] = (struct mapping){
			.used = true, .addr = addr, .len = len, .prot = prot,
			.flags = flags,
			.data_size = info ? info->data_size : 0,
			.slot_len = info ? info->slot_len : 0,
		};
		map_note(&maps[i], "mmap(len %zu prot %#x flags %#x)", len, prot, flags);
	}
	pthread_rwlock_unlock(&map_lock);
}

static void op_mmap(struct rng *r)
{
	static const int prots[] = { PROT_READ | PROT_WRITE, PROT_READ, PROT_WRITE,
		PROT_NONE, PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC };
	static const int flagset[] = { MAP_SHARED, MAP_PRIVATE, MAP_SHARED | MAP_POPULATE,
		MAP_SHARED_VALIDATE, MAP_SHARED | MAP_LOCKED, MAP_SHARED | MAP_NORESERVE,
		MAP_PRIVATE | MAP_POPULATE, MAP_SHARED | MAP_ANONYMOUS };
	struct pfring_ring_info info;
	socklen_t il = sizeof(info);
	int s = pick_slot(r), prot, flags;
	bool have_info, locked = chance(r, 50);
	size_t len;
	off_t off = 0;
	void *m;

	if (atomic_load(&mem_low))
		return;
	/*
	 * Locked, nobody can put another socket into the slot between the
	 * size query and mmap (close still can): the size check is exact.
	 * Unlocked, mmap races with dup2() replacing the socket.
	 */
	if (locked)
		pthread_mutex_lock(&slot_lock[s]);
	/* The kernel's own idea of the size (allocates the ring). */
	call_begin("getsockopt", "slot %d SO_GET_RING_INFO for mmap", s);
	have_info = !getsockopt(sfd(s), SOL_PF_RING, SO_GET_RING_INFO, &info, &il);
	call_end();
	len = have_info ? info.mem_size : PAGE * (1 + rn(r, 64));
	switch (rn(r, 14)) {
	case 0:
		len = 0;
		break;
	case 1:
		len = PAGE;
		break;
	case 2:
		len = len - PAGE;
		break;
	case 3:
		len = len + PAGE;
		break;
	case 4:
		len = len - 1;
		break;
	case 5:
		len = chance(r, 50) ? 1ULL << 40 : (size_t)-1;
		break;
	case 6:
		off = (off_t)(PAGE * (1 + rn(r, 16)));
		break;
	case 7:
		off = chance(r, 50) ? (off_t)0x7ffffffffffff000LL : (off_t)1;
		break;
	}
	prot = chance(r, 70) ? PROT_READ | PROT_WRITE : prots[rn(r, 6)];
	flags = chance(r, 70) ? MAP_SHARED : flagset[rn(r, 8)];
	if (flags & MAP_ANONYMOUS)
		flags &= ~MAP_ANONYMOUS;	/* never map anonymous memory here */

	call_begin("mmap", "slot %d len %zu off %lld prot %#x flags %#x", s, len,
		   (long long)off, prot, flags);
	m = mmap(NULL, len, prot, flags, sfd(s), off);
	call_end();
	if (locked)
		pthread_mutex_unlock(&slot_lock[s]);
	if (m == MAP_FAILED) {
		check_errno("mmap", errno, E_MMAP, "slot %d, len %zu, off %lld, prot %#x, flags %#x",
			    s, len, (long long)off, prot, flags);
		return;
	}
	atomic_fetch_add(&op_ok[OP_MMAP], 1);
	if (locked && (off != 0 || (have_info && ((len + PAGE - 1) & ~(PAGE - 1)) != info.mem_size)))
		bad("mmap(slot %d, len %zu, off %lld) succeeded for a ring of %llu bytes",
		    s, len, (long long)off,
		    (unsigned long long)(have_info ? info.mem_size : 0));
	map_add(m, len, prot, flags, locked && have_info && len == info.mem_size ?
		&info : NULL);
}

static int pick_map(struct rng *r)
{
	int start = (int)rn(r, NMAPS);

	for (int i = 0; i < NMAPS; i++)
		if (maps[(start + i) % NMAPS].used)
			return (start + i) % NMAPS;
	return -1;
}

static void op_munmap(struct rng *r)
{
	struct mapping *mp;
	int i, ret = 0;

	pthread_rwlock_wrlock(&map_lock);
	i = pick_map(r);
	if (i < 0)
		goto out;
	mp = &maps[i];
	call_begin("munmap", "map %d %p len %zu", i, (void *)mp->addr, mp->len);
	switch (rn(r, 8)) {
	case 0:	/* the tail */
		if (mp->len > PAGE) {
			size_t cut = PAGE * (1 + rn(r, (uint32_t)(mp->len / PAGE - 1)));

			ret = munmap(mp->addr + mp->len - cut, cut);
			if (!ret) {
				mp->len -= cut;
				map_note(mp, " munmap-tail(%zu)", cut);
			}
			break;
		}
		/* fall through */
	case 1:	/* the head */
		if (mp->len > PAGE) {
			ret = munmap(mp->addr, PAGE);
			if (!ret) {
				mp->addr += PAGE;
				mp->len -= PAGE;
				mp->off0 += PAGE;
				map_note(mp, " munmap-head");
			}
			break;
		}
		/* fall through */
	case 2:	/* invalid: unaligned, zero length */
		if (munmap(mp->addr + 1, PAGE) == 0 || munmap(mp->addr, 0) == 0)
			bad("munmap of an unaligned address or of 0 bytes succeeded");
		else
			check_errno("munmap", errno, E_MUNMAP, "invalid");
		/* fall through */
	default:
		ret = munmap(mp->addr, mp->len);
		if (!ret)
			mp->used = false;
		break;
	}
	if (ret)
		check_errno("munmap", errno, E_MUNMAP, "map %d", i);
	else
		atomic_fetch_add(&op_ok[OP_MUNMAP], 1);
	call_end();
out:
	pthread_rwlock_unlock(&map_lock);
}

static void op_mprotect(struct rng *r)
{
	static const int prots[] = { PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE,
		PROT_WRITE, PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC };
	int i, prot = prots[rn(r, 6)];

	pthread_rwlock_wrlock(&map_lock);
	i = pick_map(r);
	if (i >= 0) {
		call_begin("mprotect", "map %d prot %#x", i, prot);
		if (mprotect(maps[i].addr, maps[i].len, prot)) {
			check_errno("mprotect", errno, E_MPROTECT, "prot %#x", prot);
		} else {
			maps[i].prot = prot;
			map_note(&maps[i], " mprotect(%#x)", prot);
			atomic_fetch_add(&op_ok[OP_MPROTECT], 1);
		}
		call_end();
	}
	pthread_rwlock_unlock(&map_lock);
}

static void op_mremap(struct rng *r)
{
	struct mapping *mp;
	void *m, *dst;
	int i;

	pthread_rwlock_wrlock(&map_lock);
	i = pick_map(r);
	if (i < 0)
		goto out;
	mp = &maps[i];
	switch (rn(r, 3)) {
	case 0:	/* grow: VM_DONTEXPAND refuses */
		call_begin("mremap", "grow map %d", i);
		m = mremap(mp->addr, mp->len, mp->len + PAGE, MREMAP_MAYMOVE);
		call_end();
		if (m != MAP_FAILED) {
			bad("mremap grew a ring mapping from %zu to %zu bytes",
			    mp->len, mp->len + PAGE);
			mp->addr = m;
			mp->len += PAGE;
		} else {
			check_errno("mremap", errno, E_MREMAP, "grow");
		}
		break;
	case 1:	/* shrink */
		if (mp->len <= PAGE)
			break;
		call_begin("mremap", "shrink map %d", i);
		m = mremap(mp->addr, mp->len, mp->len - PAGE, 0);
		call_end();
		if (m == MAP_FAILED) {
			check_errno("mremap", errno, E_MREMAP, "shrink");
		} else {
			mp->len -= PAGE;
			map_note(mp, " mremap-shrink");
			atomic_fetch_add(&op_ok[OP_MREMAP], 1);
		}
		break;
	default:	/* move onto a reserved place */
		dst = mmap(NULL, mp->len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (dst == MAP_FAILED)
			break;
		call_begin("mremap", "move map %d", i);
		m = mremap(mp->addr, mp->len, mp->len, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
		call_end();
		if (m == MAP_FAILED) {
			check_errno("mremap", errno, E_MREMAP, "move");
			munmap(dst, mp->len);
		} else {
			mp->addr = m;
			map_note(mp, " mremap-move");
			atomic_fetch_add(&op_ok[OP_MREMAP], 1);
		}
		break;
	}
out:
	pthread_rwlock_unlock(&map_lock);
}

static void op_madvise(struct rng *r)
{
	/* Never MADV_HWPOISON / SOFT_OFFLINE: they poison kernel pages. */
	static const int advs[] = { MADV_DONTNEED, MADV_NORMAL, MADV_RANDOM,
		MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTFORK, MADV_DOFORK,
		MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE,
		MADV_DONTDUMP, MADV_DODUMP, MADV_COLD, MADV_PAGEOUT,
		MADV_POPULATE_READ, MADV_POPULATE_WRITE, MADV_COLLAPSE, MADV_FREE,
		MADV_REMOVE, MADV_WIPEONFORK, MADV_KEEPONFORK };
	int i, adv = advs[rn(r, sizeof(advs) / sizeof(advs[0]))];

	pthread_rwlock_wrlock(&map_lock);
	i = pick_map(r);
	if (i >= 0) {
		call_begin("madvise", "map %d advice %d", i, adv);
		if (madvise(maps[i].addr, maps[i].len, adv)) {
			check_errno("madvise", errno, E_MADVISE, "advice %d", adv);
		} else {
			map_note(&maps[i], " madvise(%d)", adv);
			atomic_fetch_add(&op_ok[OP_MADVISE], 1);
			/*
			 * The ring's VMA has no fault handler (vm_insert_page()
			 * at mmap time, dummy vm_ops): without its pages, shared
			 * or private, every access is a SIGBUS.
			 */
			if (adv == MADV_DONTNEED || adv == MADV_FREE ||
			    adv == MADV_REMOVE)
				maps[i].zapped = true;
		}
		call_end();
	}
	pthread_rwlock_unlock(&map_lock);
}

/*
 * Reads the ring like a consumer: prod, the records from cons up to it,
 * then cons.  Both positions and every caplen may have been scribbled
 * over: each step stays inside the data area and stops at prod.
 */
static void op_consume(struct rng *r)
{
	struct mapping *mp;
	volatile uint32_t sum = 0;
	int i;

	pthread_rwlock_rdlock(&map_lock);
	i = pick_map(r);
	if (i < 0)
		goto out;
	mp = &maps[i];
	if (mp->zapped || mp->off0 || !(mp->prot & PROT_READ) || mp->len < PAGE)
		goto out;
	{
		struct pfring_ring_hdr *h = (struct pfring_ring_hdr *)mp->addr;
		uint64_t prod = __atomic_load_n(&h->prod, __ATOMIC_ACQUIRE);
		uint64_t cons = __atomic_load_n(&h->cons, __ATOMIC_RELAXED);
		uint32_t n = 0;

		sum += h->status + h->info.magic;
		if (mp->data_size && mp->slot_len) {
			for (; cons != prod && n < 256; n++) {
				uint32_t bytes = PFRING_POS_BYTES(cons);
				uint32_t left = PFRING_POS_BYTES(prod) - bytes;
				uint32_t off = bytes & (mp->data_size - 1);
				uint32_t skip = mp->data_size - off < mp->slot_len ?
						mp->data_size - off : 0;
				size_t o = PAGE + (skip ? 0 : off);
				const struct pfring_slot *sl;
				uint32_t caplen, step;

				if (o + mp->slot_len > mp->len)
					break;
				sl = (const void *)(mp->addr + o);
				caplen = __atomic_load_n(&sl->caplen, __ATOMIC_RELAXED);
				sum += caplen + sl->len + sl->parsed.eth_type;
				if (caplen > mp->slot_len - sizeof(*sl))
					break;	/* no way to the next record */
				sum += ((const uint8_t *)(sl + 1))[caplen ? caplen - 1 : 0];
				step = skip + PFRING_RECORD_LEN(sizeof(*sl), caplen);
				if (step > left)
					break;	/* past prod */
				cons = PFRING_POS(PFRING_POS_RECORDS(cons) + 1,
						  bytes + step);
			}
		} else {
			cons = prod;
		}
		if (mp->prot & PROT_WRITE)
			__atomic_store_n(&h->cons, chance(r, 95) ? cons : r64(r),
					 __ATOMIC_RELEASE);
		atomic_fetch_add(&op_ok[OP_CONSUME], 1);
	}
out:
	pthread_rwlock_unlock(&map_lock);
	(void)sum;
}

/* Ring memory as the buffer of a socket option call. */
static void op_bufopt(struct rng *r)
{
	struct mapping *mp;
	int i, s = pick_slot(r), opt, ret;
	socklen_t len;
	uint8_t *p;

	pthread_rwlock_rdlock(&map_lock);
	i = pick_map(r);
	if (i < 0)
		goto out;
	mp = &maps[i];
	if (mp->zapped)
		goto out;
	p = mp->addr + rn(r, (uint32_t)(mp->len > 64 ? mp->len - 64 : 1));
	if (chance(r, 50)) {
		opt = known_get[rn(r, NKNOWN_GET)];
		if (allocates_ring(SOL_PF_RING, opt) && atomic_load(&mem_low))
			goto out;
		len = 64;
		call_begin("getsockopt", "slot %d opt %d into map %d prot %#x", s, opt,
			   i, mp->prot);
		ret = getsockopt(sfd(s), SOL_PF_RING, opt, p, &len);
		if (ret < 0)
			check_errno("getsockopt", errno, E_GETOPT, "into a ring mapping");
	} else {
		opt = chance(r, 50) ? SO_SET_APPL_NAME :
			known_set[rn(r, NKNOWN_SET)];
		if (opt == SO_RING_BUCKET_LEN || opt == SO_SET_RING_SLOTS ||
		    opt == SO_ACTIVATE_RING)
			goto out;	/* value unknown: keep the ring size guard */
		/*
		 * Reading may run off the end (EFAULT, or whatever is mapped
		 * next); writing must not: it would hit our own memory.
		 */
		if (chance(r, 20))
			p = mp->addr + mp->len - rn(r, 8);
		call_begin("setsockopt", "slot %d opt %d from map %d prot %#x", s, opt,
			   i, mp->prot);
		ret = setsockopt(sfd(s), SOL_PF_RING, opt, p,
				 opt == SO_SET_APPL_NAME ? 1 + rn(r, 32) : 4);
		if (ret < 0)
			check_errno("setsockopt", errno, E_SETOPT, "from a ring mapping");
	}
	call_end();
	if (!ret)
		atomic_fetch_add(&op_ok[OP_BUFOPT], 1);
out:
	pthread_rwlock_unlock(&map_lock);
}

/* ------------------------------------------------------------------ */
/* poll, epoll, misc calls                                              */

static void op_poll(struct rng *r)
{
	static const int timeouts[] = { 0, 0, 1, 5, 10, 50 };
	struct pollfd p[4];
	int n = 1 + (int)rn(r, 4), t = timeouts[rn(r, 6)], ret;

	for (int i = 0; i < n; i++) {
		p[i].fd = sfd((int)rn(r, NSLOTS));
		p[i].events = chance(r, 70) ? POLLIN : (short)r32(r);
		p[i].revents = 0;
	}
	call_begin("poll", "%d fds (first %d) timeout %d", n, p[0].fd, t);
	ret = poll(p, (nfds_t)n, t);
	call_end();
	if (ret < 0) {
		check_errno("poll", errno, E_POLL, "%d fds", n);
		return;
	}
	atomic_fetch_add(&op_ok[OP_POLL], 1);
	for (int i = 0; i < n; i++) {
		if (p[i].revents & POLLERR)
			atomic_fetch_add(&n_pollerr, 1);
		if (p[i].revents & POLLIN)
			atomic_fetch_add(&n_pollin, 1);
	}
}

static void op_epoll(struct rng *r, int ep)
{
	struct epoll_event ev[8];
	int s = (int)rn(r, NSLOTS), ret;

	if (chance(r, 60)) {
		static const int ops[] = { EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL };
		int op = ops[rn(r, 3)];
		struct epoll_event e = { .events = EPOLLIN | EPOLLERR };

		if (chance(r, 20))
			e.events |= EPOLLET;
		if (chance(r, 10))
			e.events |= EPOLLONESHOT;
		if (chance(r, 5))
			e.events |= EPOLLEXCLUSIVE;
		if (chance(r, 5))
			e.events = r32(r);
		e.data.u32 = (uint32_t)s;
		call_begin("epoll_ctl", "op %d slot %d events %#x", op, s, e.events);
		ret = epoll_ctl(ep, op, sfd(s), &e);
		call_end();
		if (ret < 0)
			check_errno("epoll_ctl", errno, E_EPOLL_CTL, "op %d events %#x",
				    op, e.events);
	} else {
		int t = (int)rn(r, 51);

		call_begin("epoll_wait", "timeout %d", t);
		ret = epoll_wait(ep, ev, 8, t);
		call_end();
		if (ret < 0)
			check_errno("epoll_wait", errno, E_EPOLL_WAIT, "timeout %d", t);
	}
	if (ret >= 0)
		atomic_fetch_add(&op_ok[OP_EPOLL], 1);
}

/*
 * Random classic BPF programs on random sockets while traffic flows:
 * mostly well-formed (every opcode, jumps to anywhere ahead, loads near
 * and past the frame's end, ancillary loads, memory words), so that the
 * kernel's interpreter runs them on real frames; sometimes one broken
 * instruction, which must be refused with EINVAL.
 */
static const uint16_t bpf_codes[] = {
	BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS, BPF_LD | BPF_B | BPF_ABS,
	BPF_LD | BPF_W | BPF_IND, BPF_LD | BPF_H | BPF_IND, BPF_LD | BPF_B | BPF_IND,
	BPF_LD | BPF_W | BPF_LEN, BPF_LDX | BPF_W | BPF_LEN, BPF_LD | BPF_IMM,
	BPF_LDX | BPF_IMM, BPF_LDX | BPF_B | BPF_MSH, BPF_LD | BPF_MEM,
	BPF_LDX | BPF_MEM, BPF_ST, BPF_STX, BPF_ALU | BPF_ADD | BPF_K,
	BPF_ALU | BPF_SUB | BPF_X, BPF_ALU | BPF_MUL | BPF_K,
	BPF_ALU | BPF_DIV | BPF_K, BPF_ALU | BPF_DIV | BPF_X,
	BPF_ALU | BPF_MOD | BPF_K, BPF_ALU | BPF_MOD | BPF_X,
	BPF_ALU | BPF_AND | BPF_K, BPF_ALU | BPF_OR | BPF_X,
	BPF_ALU | BPF_XOR | BPF_K, BPF_ALU | BPF_LSH | BPF_K,
	BPF_ALU | BPF_LSH | BPF_X, BPF_ALU | BPF_RSH | BPF_K,
	BPF_ALU | BPF_RSH | BPF_X, BPF_ALU | BPF_NEG, BPF_MISC | BPF_TAX,
	BPF_MISC | BPF_TXA, BPF_JMP | BPF_JA, BPF_JMP | BPF_JEQ | BPF_K,
	BPF_JMP | BPF_JGT | BPF_X, BPF_JMP | BPF_JGE | BPF_K,
	BPF_JMP | BPF_JSET | BPF_X, BPF_RET | BPF_K, BPF_RET | BPF_A,
};

static struct sock_filter bpf_random_insn(struct rng *r, uint32_t left)
{
	uint16_t code = bpf_codes[rn(r, sizeof(bpf_codes) / sizeof(bpf_codes[0]))];
	struct sock_filter f = { .code = code };

	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
		if (chance(r, 15)) {
			static const uint32_t anc[] = { 0, 4, 8, 20, 24, 28, 32,
							36, 44, 48, 60 };

			f.k = (uint32_t)SKF_AD_OFF + anc[rn(r, sizeof(anc) / 4)];
		} else {
			f.k = chance(r, 80) ? rn(r, 80) : rn(r, 70000);
		}
		break;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		f.k = rn(r, 16);
		break;
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_K:
		f.k = 1 + rn(r, 1000);
		break;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		f.k = rn(r, 32);
		break;
	case BPF_JMP | BPF_JA:
		f.k = rn(r, left);
		break;
	default:
		f.k = chance(r, 50) ? rn(r, 100) : pick_u32(r);
	}
	if (BPF_CLASS(code) == BPF_JMP) {
		f.jt = (uint8_t)rn(r, left < 256 ? left : 256);
		f.jf = (uint8_t)rn(r, left < 256 ? left : 256);
	}
	return f;
}

static void op_filter(struct rng *r)
{
	struct sock_filter prog[48];
	uint32_t n = 1 + rn(r, 48), i;
	int s = pick_slot(r), level = SOL_PF_RING, opt, ret;
	bool broken = chance(r, 10);
	struct sock_fprog fp = { .len = (unsigned short)n, .filter = prog };

	for (i = 0; i + 1 < n; i++)
		prog[i] = bpf_random_insn(r, n - i - 1);
	prog[n - 1] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		chance(r, 30) ? 0 : chance(r, 50) ? 0xffff : rn(r, 200));
	if (broken) {
		i = rn(r, n);
		switch (rn(r, 4)) {
		case 0: prog[i].code = 0xffff; break;		/* no such opcode */
		case 1: prog[n - 1] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_IMM, 0); break;
		case 2: prog[i] = (struct sock_filter)BPF_STMT(BPF_ST, 16 + rn(r, 100)); break;
		default: prog[i] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
								 0, (uint8_t)(n - i - 1), 0);
		}
	}
	switch (rn(r, 20)) {
	case 0: case 1: case 2:
		opt = PFRING_SO_DETACH_FILTER;
		break;
	case 3:
		level = SOL_SOCKET;
		opt = SO_ATTACH_FILTER;
		break;
	default:
		opt = PFRING_SO_ATTACH_FILTER;
	}
	call_begin("setsockopt", "slot %d filter opt %d level %d len %u", s, opt,
		   level, n);
	ret = setsockopt(sfd(s), level, opt, opt == PFRING_SO_DETACH_FILTER ? NULL : &fp,
			 opt == PFRING_SO_DETACH_FILTER ? 0 : sizeof(fp));
	call_end();
	if (!ret) {
		atomic_fetch_add(&op_ok[OP_FILTER], 1);
		if (broken && level == SOL_PF_RING && opt == PFRING_SO_ATTACH_FILTER)
			bad("a broken BPF program was accepted (seed %u)", g_seed);
		return;
	}
	check_errno("setsockopt", errno, level == SOL_SOCKET ? E_SETOPT_SOL : E_SETOPT,
		    "slot %d, filter opt %d, %u instructions", s, opt, n);
	if (!broken && level == SOL_PF_RING && opt == PFRING_SO_ATTACH_FILTER &&
	    errno == EINVAL)
		bad("a well-formed BPF program of %u instructions was refused", n);
}

static void op_activate(struct rng *r)
{
	int s = pick_slot(r), opt, ret;
	socklen_t len;
	uint32_t v = pick_u32(r);

	opt = chance(r, 60) ? SO_ACTIVATE_RING : SO_DEACTIVATE_RING;
	if (opt == SO_ACTIVATE_RING && atomic_load(&mem_low))
		return;
	call_begin("setsockopt", "slot %d %s", s, opt == SO_ACTIVATE_RING ?
		   "activate" : "deactivate");
	len = chance(r, 70) ? 0 : (socklen_t)pick_optlen(r);
	ret = setsockopt(sfd(s), SOL_PF_RING, opt, chance(r, 50) ? NULL : &v, len);
	call_end();
	if (ret < 0)
		check_errno("setsockopt", errno, E_SETOPT, "slot %d, opt %d", s, opt);
	else
		atomic_fetch_add(&op_ok[OP_ACTIVATE], 1);
	if (ret < 0 && opt == SO_DEACTIVATE_RING && errno != EBADF &&
	    !(errno == EINVAL && (int)len < 0))
		bad("SO_DEACTIVATE_RING failed: %s", strerror(errno));
}

static void op_misc(struct rng *r)
{
	uint8_t buf[2048];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int s = pick_slot(r), fd = sfd(s), which = (int)rn(r, 12);
	long ret;
	const int *allowed = E_NOOP;

	memset(&ss, 0, sizeof(ss));
	call_begin("misc", "slot %d call %d", s, which);
	switch (which) {
	case 0:
		ret = recv(fd, buf, sizeof(buf), MSG_DONTWAIT | (chance(r, 10) ? MSG_ERRQUEUE : 0));
		allowed = E_RECV;
		break;
	case 1:
		ret = read(fd, buf, rn(r, sizeof(buf)));
		allowed = E_RECV;
		break;
	case 2:
		ret = send(fd, buf, rn(r, sizeof(buf)), MSG_DONTWAIT);
		allowed = E_SEND;
		break;
	case 3:
		ret = write(fd, buf, rn(r, sizeof(buf)));
		allowed = E_SEND;
		break;
	case 4:
		ret = connect(fd, (struct sockaddr *)&ss, (socklen_t)rn(r, 32));
		break;
	case 5:
		ret = listen(fd, (int)rn(r, 10));
		break;
	case 6:
		ret = accept4(fd, NULL, NULL, SOCK_NONBLOCK);
		if (ret >= 0)
			close((int)ret);
		break;
	case 7:
		ret = getsockname(fd, (struct sockaddr *)&ss, &sl);
		break;
	case 8:
		ret = getpeername(fd, (struct sockaddr *)&ss, &sl);
		break;
	case 9:
		ret = shutdown(fd, (int)rn(r, 4));
		break;
	case 10: {
		static const unsigned long cmds[] = { FIONREAD, FIONBIO, 0x8906 /* SIOCGSTAMP */,
			0x8907 /* SIOCGSTAMPNS */, TIOCOUTQ, 0x1234, 0, 0xdeadbeef };
		unsigned long cmd = cmds[rn(r, sizeof(cmds) / sizeof(cmds[0]))];
		int v = 0;

		ret = ioctl(fd, cmd, chance(r, 80) ? (void *)buf : (void *)&v);
		break;
	}
	default:
		ret = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC,
			       (struct sockaddr *)&ss, &sl);
		allowed = E_RECV;
		break;
	}
	call_end();
	if (ret < 0)
		check_errno("misc", errno, allowed, "slot %d, call %d", s, which);
	else
		atomic_fetch_add(&op_ok[OP_MISC], 1);
}

/*
 * A child inherits the sockets and the mappings (shared pages of
 * vm_insert_page()) and does a few calls with stack buffers only - the
 * parent's locks may be held by other threads at fork time.
 */
static void op_fork(struct rng *r)
{
	struct rng cr = { r32(r) };
	uint64_t t0;
	pid_t pid;
	int st;

	call_begin("fork", "fork");
	pid = fork();
	call_end();
	if (pid < 0)
		return;
	if (pid == 0) {
		for (int i = 0; i < 8; i++) {
			int fd = sfd((int)rn(&cr, NSLOTS));
			uint32_t v = rn(&cr, 3);
			struct pollfd p = { .fd = fd, .events = POLLIN };
			struct sockaddr_pfring sa = { .spr_family = PF_RING };

			switch (rn(&cr, 5)) {
			case 0:
				close(fd);
				break;
			case 1:
				poll(&p, 1, 0);
				break;
			case 2:
				setsockopt(fd, SOL_PF_RING, SO_SET_PACKET_DIRECTION,
					   &v, sizeof(v));
				break;
			case 3:
				bind(fd, (struct sockaddr *)&sa, sizeof(sa));
				break;
			default:
				setsockopt(fd, SOL_PF_RING, SO_DEACTIVATE_RING, NULL, 0);
				break;
			}
		}
		_exit(0);
	}
	t0 = now_ms();
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (now_ms() - t0 > HANG_MS) {
			bad("forked child %d did not exit within %llu ms", pid,
			    (unsigned long long)HANG_MS);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return;
		}
		usleep(1000);
	}
	atomic_fetch_add(&op_ok[OP_FORK], 1);
}

/* ------------------------------------------------------------------ */
/* Threads                                                              */

struct worker_arg {
	int id;
	bool in_b;
	bool no_ipc_lock;
};

/* Drops CAP_IPC_LOCK from the calling thread only (capabilities are
 * per thread): its rings are then charged to RLIMIT_MEMLOCK.
 */
static int drop_cap_ipc_lock(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[CAP_IPC_LOCK / 32].effective &= ~(1U << (CAP_IPC_LOCK % 32));
	d[CAP_IPC_LOCK / 32].permitted &= ~(1U << (CAP_IPC_LOCK % 32));
	d[CAP_IPC_LOCK / 32].inheritable &= ~(1U << (CAP_IPC_LOCK % 32));
	return (int)syscall(SYS_capset, &h, d);
}

static void *worker(void *p)
{
	struct worker_arg *a = p;
	struct rng r = { g_seed * 7919u + (unsigned int)a->id * 104729u + 1 };
	unsigned int total = 0, i;
	uint64_t next_fork, t_op;
	char name[16];
	int ep;

	snprintf(name, sizeof(name), "worker%d%s", a->id, a->in_b ? "(B)" : "");
	watch_register(name);
	if (a->in_b && setns(netns_b, CLONE_NEWNET))
		bad("setns B: %s", strerror(errno));
	if (a->no_ipc_lock && drop_cap_ipc_lock())
		bad("capset: %s", strerror(errno));
	ep = epoll_create1(EPOLL_CLOEXEC);
	for (i = 0; i < NOPS; i++)
		total += op_weight[i];
	next_fork = now_ms() + 500 + rn(&r, 2000);

	while (!atomic_load(&stop)) {
		unsigned int x = rn(&r, total);
		enum op op = 0;

		for (op = 0; op < NOPS; op++) {
			if (x < op_weight[op])
				break;
			x -= op_weight[op];
		}
		if (now_ms() > next_fork) {
			/* every 1-4 s, or rarer where fork is slow (debug kernels) */
			uint64_t t_f = now_ms();

			atomic_fetch_add_explicit(&op_count[OP_FORK], 1,
						  memory_order_relaxed);
			me->op = op_names[OP_FORK];
			cur_op = OP_FORK;
			op_fork(&r);
			t_f = now_ms() - t_f;
			atomic_fetch_add_explicit(&op_us[OP_FORK], t_f * 1000,
						  memory_order_relaxed);
			next_fork = now_ms() + 1000 + rn(&r, 3000) + 20 * t_f;
			continue;
		}
		/* Low on memory: release instead of allocating. */
		if (atomic_load(&mem_low) && chance(&r, 50))
			op = chance(&r, 50) ? OP_CLOSE : OP_MUNMAP;
		atomic_fetch_add_explicit(&op_count[op], 1, memory_order_relaxed);
		me->op = op_names[op];	/* for a fault report */
		cur_op = op;
		me->detail[0] = 0;
		t_op = kt_mono_us();
		switch (op) {
		case OP_SOCKET: op_socket(&r); break;
		case OP_CLOSE: op_close(&r); break;
		case OP_DUP: op_dup(&r); break;
		case OP_BIND: op_bind(&r); break;
		case OP_SETOPT: op_setopt(&r); break;
		case OP_SETOPT_KNOWN: op_setopt_known(&r); break;
		case OP_GETOPT: do_getopt(&r, false); break;
		case OP_GETOPT_KNOWN: do_getopt(&r, true); break;
		case OP_MMAP: op_mmap(&r); break;
		case OP_MUNMAP: op_munmap(&r); break;
		case OP_MPROTECT: op_mprotect(&r); break;
		case OP_MREMAP: op_mremap(&r); break;
		case OP_MADVISE: op_madvise(&r); break;
		case OP_POLL: op_poll(&r); break;
		case OP_EPOLL: op_epoll(&r, ep); break;
		case OP_ACTIVATE: op_activate(&r); break;
		case OP_CONSUME: op_consume(&r); break;
		case OP_MISC: op_misc(&r); break;
		case OP_FILTER: op_filter(&r); break;
		case OP_FORK: op_fork(&r); break;
		case OP_BUFOPT: op_bufopt(&r); break;
		default: break;
		}
		atomic_fetch_add_explicit(&op_us[op], kt_mono_us() - t_op,
					  memory_order_relaxed);
	}
	close(ep);
	return NULL;
}

/* Random values over every writable byte of every mapped ring. */
static void *scribbler(void *unused)
{
	struct rng r = { g_seed * 31u + 5 };
	static const uint64_t cons_vals[] = { 0, 1, 0xffffffffU, 0x80000000U,
		0x7fffffffU, ~0ULL, PFRING_POS(1, 0),
		PFRING_POS(0x80000000U, 0x80000000U) };
	uint64_t next_sweep = 0;

	(void)unused;
	watch_register("scribbler");
	while (!atomic_load(&stop)) {
		pthread_rwlock_rdlock(&map_lock);
		for (int i = 0; i < NMAPS; i++) {
			struct mapping *mp = &maps[i];

			if (!mp->used || mp->zapped || !(mp->prot & PROT_WRITE) ||
			    !(mp->prot & PROT_READ))
				continue;
			for (int k = 0; k < 64; k++) {
				size_t o = rn(&r, (uint32_t)(mp->len - 3));
				uint32_t v = pick_u32(&r);

				memcpy(mp->addr + o, &v, sizeof(v));
			}
			if (!mp->off0 && mp->len >= PAGE) {
				struct pfring_ring_hdr *h = (struct pfring_ring_hdr *)mp->addr;
				uint64_t prod = __atomic_load_n(&h->prod, __ATOMIC_RELAXED);
				uint32_t pb = PFRING_POS_BYTES(prod);
				uint32_t pr = PFRING_POS_RECORDS(prod);
				uint32_t size = mp->data_size ? mp->data_size :
						1U << (11 + rn(&r, 20));

				switch (rn(&r, 8)) {
				case 0:
					h->cons = cons_vals[rn(&r, sizeof(cons_vals) /
								sizeof(cons_vals[0]))];
					break;
				case 1:
					/* More than data_size behind prod, or ahead. */
					h->cons = chance(&r, 50) ?
						PFRING_POS(pr - rn(&r, 3),
							   pb - size - 16 * (1 + rn(&r, 3))) :
						PFRING_POS(pr + rn(&r, 3),
							   pb + 16 * (1 + rn(&r, 3)));
					break;
				case 2:
					/* A little, or exactly data_size, behind. */
					h->cons = PFRING_POS(pr - 1 - rn(&r, 3),
							     pb - (chance(&r, 25) ? size :
								   16 * (1 + rn(&r, 3))));
					break;
				case 3:
					h->prod = r64(&r);
					h->status = r32(&r);
					break;
				case 4:
					memset(h->pad_prod, (int)r32(&r), sizeof(h->pad_prod));
					memset(h->pad_cons, (int)r32(&r), sizeof(h->pad_cons));
					break;
				case 5:
					memset(&h->info, (int)r32(&r), sizeof(h->info));
					break;
				default:
					h->cons = prod;	/* release everything */
					break;
				}
			}
			if (now_ms() >= next_sweep) {
				/*
				 * A sweep over every byte of this mapping (a 512 KB
				 * window of a bigger one, a different one each time).
				 */
				uint64_t v = r64(&r), step = r64(&r) | 1;
				size_t from = 0, to = mp->len;

				if (to > (512 << 10)) {
					from = rn(&r, (uint32_t)((to - (512 << 10)) / 8)) * 8;
					to = from + (512 << 10);
				}
				for (size_t o = from; o + 8 <= to; o += 8) {
					memcpy(mp->addr + o, &v, 8);
					v += step;
				}
				next_sweep = now_ms() + 50;
				atomic_fetch_add_explicit(&n_scribbles, (to - from) / 8,
							  memory_order_relaxed);
			}
			atomic_fetch_add_explicit(&n_scribbles, 64, memory_order_relaxed);
		}
		pthread_rwlock_unlock(&map_lock);
		usleep(1000);
	}
	return NULL;
}

/* ---------------------------- traffic ------------------------------ */

static const char *const tx_devs[] = { "fa0", "fb0", "fa1", "fb1", "fa2", "fb2",
	"sa", "sb", "sa.5", "xa", "fc" };
#define NTXDEVS (sizeof(tx_devs) / sizeof(tx_devs[0]))

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = (uint8_t)v;
}

/* One random frame into buf; returns its length. */
static size_t make_frame(struct rng *r, uint8_t *buf, size_t max)
{
	size_t len = 18 + rn(r, 1514 - 18 + 1), off = 12;
	unsigned int kind = rn(r, 20);

	if (kind == 0)
		len = 1 + rn(r, 17);			/* short */
	else if (kind == 1)
		len = 1515 + rn(r, (uint32_t)(max - 1515));	/* over the MTU */
	if (len > max)
		len = max;
	{
		uint64_t x = r64(r) | 1;	/* cheap filler: xorshift */

		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = (uint8_t)x;
		}
	}
	if (kind == 2)
		return len;				/* random bytes */
	memset(buf, 0xff, 6);
	buf[6] = 0x02;
	if (len < 14)
		return len;
	if (kind >= 3 && kind <= 8) {			/* VLAN, QinQ, 4 tags */
		int tags = kind <= 5 ? 1 : kind == 6 ? 2 : 4;

		for (int t = 0; t < tags && off + 6 <= len; t++) {
			put16(buf + off, t == 0 && tags > 1 ? 0x88a8 : 0x8100);
			put16(buf + off + 2, (uint16_t)rn(r, 0x10000));
			off += 4;
		}
	}
	if (off + 2 > len)
		return len;
	switch (rn(r, 4)) {
	case 0: {					/* IPv4 */
		uint8_t *ip = buf + off + 2;

		put16(buf + off, 0x0800);
		if (off + 2 + 20 > len)
			break;
		ip[0] = 0x40 | (uint8_t)(chance(r, 70) ? 5 : rn(r, 16));
		put16(ip + 6, chance(r, 60) ? 0 : (uint16_t)r32(r));
		ip[9] = (uint8_t)(chance(r, 80) ? (const uint8_t[]){ 6, 17, 1, 132 }[rn(r, 4)] :
				  r32(r));
		break;
	}
	case 1: {					/* IPv6 + extension headers */
		uint8_t *ip = buf + off + 2, *h;
		size_t o = off + 2 + 40;
		static const uint8_t exts[] = { 0, 43, 44, 51, 60, 135, 6, 17, 58, 59 };

		put16(buf + off, 0x86dd);
		if (o > len)
			break;
		ip[0] = 0x60;
		ip[6] = exts[rn(r, sizeof(exts))];
		for (int n = 0; n < 10 && o + 8 <= len; n++) {
			h = buf + o;
			h[0] = exts[rn(r, sizeof(exts))];
			h[1] = (uint8_t)(chance(r, 80) ? rn(r, 3) : r32(r));
			o += 8 * (h[1] + 1u);
		}
		break;
	}
	case 2:
		put16(buf + off, 0x88b5);
		break;
	default:
		break;					/* random ethertype */
	}
	return len;
}

struct txdev {
	int fd;
	int ifindex;
};

static void *sender(void *unused)
{
	struct rng r = { g_seed * 13u + 3 };
	struct txdev tx[NTXDEVS];
	uint8_t buf[9100];
	unsigned int n = 0;

	(void)unused;
	watch_register("sender");
	for (size_t i = 0; i < NTXDEVS; i++)
		tx[i] = (struct txdev){ .fd = -1 };
	while (!atomic_load(&stop)) {
		size_t d = rn(&r, NTXDEVS), len;
		struct txdev *t = &tx[d];
		int idx = dev_index(tx_devs[d]);

		if (!idx) {
			usleep(100);
			continue;
		}
		if (t->fd < 0 || t->ifindex != idx) {
			struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				.sll_protocol = htons(ETH_P_ALL), .sll_ifindex = idx };

			if (t->fd >= 0)
				close(t->fd);
			t->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
			if (t->fd >= 0 && bind(t->fd, (struct sockaddr *)&sll, sizeof(sll))) {
				close(t->fd);
				t->fd = -1;
			}
			/* Keep it away from the low descriptors the kernel hands out. */
			if (t->fd >= 0) {
				int hi = fcntl(t->fd, F_DUPFD_CLOEXEC, 900);

				close(t->fd);
				t->fd = hi;
			}
			t->ifindex = idx;
			if (t->fd < 0)
				continue;
		}
		for (int b = 0; b < 16; b++) {
			len = make_frame(&r, buf, sizeof(buf));
			call_begin("send", "%s len %zu", tx_devs[d], len);
			if (send(t->fd, buf, len, MSG_DONTWAIT) < 0) {
				int e = errno;

				atomic_fetch_add(&n_frames_err, 1);
				check_errno("send", e, E_SEND_FRAME, "AF_PACKET on %s, %zu bytes",
					    tx_devs[d], len);
				if (e == ENXIO || e == ENODEV || e == ENETDOWN) {
					close(t->fd);	/* look the device up again */
					t->fd = -1;
					call_end();
					break;
				}
			} else {
				atomic_fetch_add(&n_frames, 1);
			}
			call_end();
		}
		if (++n % 16 == 0)
			usleep(200);
	}
	for (size_t i = 0; i < NTXDEVS; i++)
		if (tx[i].fd >= 0)
			close(tx[i].fd);
	return NULL;
}

/* ---------------------------- devices ------------------------------ */

static int churn_call(const char *what, int ret)
{
	atomic_fetch_add(&n_churn, 1);
	if (!ret)
		atomic_fetch_add(&n_churn_ok, 1);
	if (ret == -ETIMEDOUT || ret == -EIO)
		bad("rtnetlink %s: %s", what, strerror(-ret));
	return ret;
}

static int pair_add(struct rng *r, int k)
{
	char a[16], b[16];
	int ret;

	snprintf(a, sizeof(a), "fa%d", k);
	snprintf(b, sizeof(b), "fb%d", k);
	call_begin("rtnl", "add %s/%s", a, b);
	ret = churn_call("veth add", kt_nl_veth_add(nl_a, a, b, k == 0 ? 4 : 0,
						    k == 1 ? 9000 : 0, -1));
	if (!ret) {
		churn_call("up", kt_nl_link_set(nl_a, a, 1, 0, NULL, -1));
		if (chance(r, 90))
			churn_call("up", kt_nl_link_set(nl_a, b, 1, 0, NULL, -1));
	}
	call_end();
	return ret;
}

struct netns_c {
	int fd;
	int nl;
	struct rng r;
};

/* Namespace C: a thread makes it, leaves PF_RING sockets (which hold it)
 * in the slot table, and exits.
 */
static void *make_netns_c(void *p)
{
	struct netns_c *c = p;
	int n = 1 + (int)rn(&c->r, 3);

	c->fd = -1;
	c->nl = -1;
	if (unshare(CLONE_NEWNET))
		return NULL;
	c->fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	c->nl = kt_nl_open();
	if (c->nl >= 0)
		kt_nl_link_set(c->nl, "lo", 1, 0, NULL, -1);
	for (int i = 0; i < n; i++) {
		int sh, fd = new_socket(&c->r, &sh);

		if (fd < 0)
			continue;
		if (chance(&c->r, 70))
			kt_bind(fd, chance(&c->r, 50) ? 0 : 1, 0);
		if (chance(&c->r, 50) && !atomic_load(&mem_low))
			setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0);
		slot_install((int)rn(&c->r, NSLOTS), fd, sh);
	}
	return NULL;
}

static void *churn(void *unused)
{
	struct rng r = { g_seed * 17u + 11 };
	uint64_t next_c = now_ms() + 1000;
	char a[16], b[16], fr[16];

	(void)unused;
	watch_register("churn");
	while (!atomic_load(&stop)) {
		int k = (int)rn(&r, NPAIRS);

		snprintf(a, sizeof(a), "fa%d", k);
		snprintf(b, sizeof(b), "fb%d", k);
		snprintf(fr, sizeof(fr), "fr%d", k);
		call_begin("rtnl", "churn pair %d", k);
		switch (rn(&r, 12)) {
		case 0: case 1:
			churn_call("del", kt_nl_link_del(nl_a, chance(&r, 50) ? a : b));
			churn_call("del", kt_nl_link_del(nl_a, fr));
			break;
		case 2: case 3:
			pair_add(&r, k);
			break;
		case 4:
			churn_call("down", kt_nl_link_set(nl_a, chance(&r, 50) ? a : b,
							  0, 0, NULL, -1));
			break;
		case 5: case 6:
			churn_call("up", kt_nl_link_set(nl_a, chance(&r, 50) ? a : b,
							1, 0, NULL, -1));
			break;
		case 7:	/* rename b while down, and back */
			if (!churn_call("down", kt_nl_link_set(nl_a, b, 0, 0, NULL, -1)) &&
			    !churn_call("rename", kt_nl_link_set(nl_a, b, -1, 0, fr, -1))) {
				usleep(rn(&r, 3000));
				churn_call("rename", kt_nl_link_set(nl_a, fr, -1, 0, b, -1));
			}
			churn_call("up", kt_nl_link_set(nl_a, b, 1, 0, NULL, -1));
			break;
		case 8:
			churn_call("mtu", kt_nl_link_set(nl_a, chance(&r, 50) ? a : b, -1,
							 (const int[]){ 68, 1280, 1500, 9000 }[rn(&r, 4)],
							 NULL, -1));
			break;
		case 9:	/* to B and (later) back */
			churn_call("to B", kt_nl_link_set(nl_a, b, -1, 0, NULL, netns_b));
			break;
		case 10:
			if (!churn_call("to A", kt_nl_link_set(nl_b, b, -1, 0, NULL, netns_a)))
				churn_call("up", kt_nl_link_set(nl_a, b, 1, 0, NULL, -1));
			break;
		default:	/* the cross-namespace pair */
			if (chance(&r, 30)) {
				churn_call("del xa", kt_nl_link_del(nl_a, "xa"));
			} else if (!churn_call("add xa", kt_nl_veth_add(nl_a, "xa", "xb", 0, 0,
									netns_b))) {
				churn_call("up", kt_nl_link_set(nl_a, "xa", 1, 0, NULL, -1));
				churn_call("up", kt_nl_link_set(nl_b, "xb", 1, 0, NULL, -1));
			}
			break;
		}
		call_end();

		if (now_ms() > next_c) {
			struct netns_c c = { .r = { r32(&r) } };
			pthread_t t;

			next_c = now_ms() + 1500 + rn(&r, 1500);
			call_begin("netns", "namespace C");
			if (!pthread_create(&t, NULL, make_netns_c, &c)) {
				pthread_join(t, NULL);
				if (c.fd >= 0) {
					atomic_fetch_add(&n_netns_c, 1);
					/* fc in A, fcp in C; C dies with its sockets */
					churn_call("del fc", kt_nl_link_del(nl_a, "fc"));
					if (!churn_call("add fc", kt_nl_veth_add(nl_a, "fc", "fcp",
										 0, 0, c.fd))) {
						churn_call("up", kt_nl_link_set(nl_a, "fc", 1, 0, NULL, -1));
						if (c.nl >= 0)
							churn_call("up", kt_nl_link_set(c.nl, "fcp", 1, 0,
											NULL, -1));
					}
					/* and sometimes fb<k> goes there too */
					if (chance(&r, 50))
						churn_call("to C", kt_nl_link_set(nl_a, b, -1, 0,
										  NULL, c.fd));
					close(c.fd);
				}
				if (c.nl >= 0)
					close(c.nl);
			}
			call_end();
		}
		usleep(2000 + rn(&r, 20000));
	}
	return NULL;
}

/* ----------------------------- /proc ------------------------------- */

/* Good and bad values for /proc/net/pf_ring/dev/<ifname>/soft_queues. */
static void write_soft_queues(struct rng *r, const char *path)
{
	static const char *const vals[] = { "0", "0", "0", "1", "2", "3", "4",
		"7", "63", "64", "65", "-1", "abc", "0x10", "4294967296",
		"99999999999999999999", "", " ", "2\n", "1 2", "\n" };
	const char *v = vals[rn(r, sizeof(vals) / sizeof(vals[0]))];
	size_t len = strlen(v);
	bool good = len && ((v[0] >= '0' && v[0] <= '9') || !strncmp(v, "0x", 2));
	unsigned long n = strtoul(v, NULL, 0);
	ssize_t ret;
	int fd;

	good = good && n <= 64 && strlen(v) < 10 && !strchr(v, ' ');
	call_begin("proc", "write '%s' to %s", v, path);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ret = write(fd, v, len);
		int e = errno;

		if (ret < 0)
			check_errno("write", e, E_SOFTQ, "'%s' to %s", v, path);
		else if (!good && len)
			bad("soft_queues accepted '%s' (%s)", v, path);
		else if (good && ret != (ssize_t)len)
			bad("soft_queues: write of '%s' returned %zd", v, ret);
		if (ret < 0 && good && e != EIO)
			bad("soft_queues refused '%s': %s", v, strerror(e));
		close(fd);
		atomic_fetch_add(&n_softq_writes, 1);
	}
	call_end();
}

static void read_tree(struct rng *r, const char *dir, int depth)
{
	char path[512], buf[4096];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) && !atomic_load(&stop)) {
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			if (depth < 3)
				read_tree(r, path, depth + 1);
			continue;
		}
		if (!strcmp(e->d_name, "soft_queues") && chance(r, 30))
			write_soft_queues(r, path);
		call_begin("proc", "read %s", path);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			while (read(fd, buf, sizeof(buf)) > 0)
				;
			close(fd);
			atomic_fetch_add(&n_proc_reads, 1);
		}
		call_end();
	}
	closedir(d);
}

static void *proc_reader(void *unused)
{
	struct rng r = { g_seed * 23u + 7 };
	char b_dir[64];

	(void)unused;
	watch_register("proc");
	while (!atomic_load(&stop)) {
		read_tree(&r, "/proc/self/net/pf_ring", 0);
		if (tid_b) {
			snprintf(b_dir, sizeof(b_dir), "/proc/self/task/%d/net/pf_ring",
				 (int)tid_b);
			read_tree(&r, b_dir, 0);
		}
		usleep(20000);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Watchdog, signals, final checks                                      */

static void print_kernel_stack(pid_t tid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stack", (int)tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = 0;
		fprintf(stderr, "    kernel stack of thread %d:\n%s", (int)tid, buf);
	}
}

/* CPU time (user, system) of a thread of ours, in ms. */
static void thread_cpu(pid_t tid, unsigned long *user, unsigned long *sys)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;

	*user = *sys = 0;
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) &&
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
		   &ut, &st) == 2) {
		long hz = sysconf(_SC_CLK_TCK);

		*user = ut * 1000 / (unsigned long)hz;
		*sys = st * 1000 / (unsigned long)hz;
	}
	fclose(f);
}

static void print_thread_cpu(void)
{
	printf("  CPU time per thread (user/system ms):");
	for (int i = 0; i < atomic_load(&nwatch); i++) {
		unsigned long u, s;

		thread_cpu(watches[i].tid, &u, &s);
		printf(" %s %lu/%lu", watches[i].name, u, s);
	}
	printf("\n");
}

/* Reports calls running too long; true if one has hung. */
static bool check_watches(void)
{
	bool hung = false;
	uint64_t t = now_ms();

	for (int i = 0; i < atomic_load(&nwatch); i++) {
		struct watch *w = &watches[i];
		uint64_t t0 = atomic_load(&w->t0);

		if (!t0 || t0 > t || t - t0 < SLOW_MS)
			continue;	/* (a call that began after t) */
		if (t - t0 >= HANG_MS) {
			hung = true;
			if (w->reported)
				continue;
			w->reported = true;
			bad("thread %s: %s(%s) has not returned for %llu ms (hung call)",
			    w->name, w->op, w->detail, (unsigned long long)(t - t0));
			print_kernel_stack(w->tid);
		} else if (t - t0 < SLOW_MS + 300) {
			fprintf(stderr, "  note: thread %s: %s(%s) running for %llu ms\n",
				w->name, w->op, w->detail, (unsigned long long)(t - t0));
		}
	}
	return hung;
}

/* The last resort if the end is not reached in time: say where it hangs. */
static void on_alarm(int sig)
{
	char msg[400];
	int n;

	(void)sig;
	for (int i = 0; i < atomic_load(&nwatch); i++) {
		struct watch *w = &watches[i];

		if (!atomic_load(&w->t0))
			continue;
		n = snprintf(msg, sizeof(msg), "t_fuzz: still in %s(%s) in thread %s\n",
			     w->op ? w->op : "-", w->detail, w->name);
		if (n > 0 && write(2, msg, (size_t)n) < 0)
			break;
	}
	n = snprintf(msg, sizeof(msg), "t_fuzz: FAIL: not finished in time (seed %u)\n", g_seed);
	if (n > 0 && write(2, msg, (size_t)n) < 0)
		_exit(5);
	_exit(1);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	char msg[400];
	int n;

	(void)uc;
	n = snprintf(msg, sizeof(msg),
		     "t_fuzz: signal %d (%s) at address %p in thread %s during %s(%s); seed %u\n",
		     sig, sig == SIGBUS ? "SIGBUS" : sig == SIGSEGV ? "SIGSEGV" : "?",
		     si->si_addr, me ? me->name : "?", me && me->op ? me->op : "-",
		     me ? me->detail : "", g_seed);
	if (n > 0 && write(2, msg, (size_t)n) < 0)
		_exit(4);
	for (int i = 0; i < NMAPS; i++) {
		struct mapping *mp = &maps[i];

		if (!mp->used || (uint8_t *)si->si_addr < mp->addr ||
		    (uint8_t *)si->si_addr >= mp->addr + mp->len + PAGE)
			continue;
		n = snprintf(msg, sizeof(msg),
			     "t_fuzz: the address is in mapping %d: %p + %zu (ring offset %zu), prot %#x flags %#x zapped %d: %s\n",
			     i, (void *)mp->addr, mp->len, mp->off0, mp->prot,
			     mp->flags, mp->zapped, mp->hist);
		if (n > 0 && write(2, msg, (size_t)n) < 0)
			_exit(4);
	}
	_exit(3);
}

static uint64_t meminfo_kb(const char *key)
{
	char line[256];
	uint64_t v = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			sscanf(line + strlen(key), ": %llu", (unsigned long long *)&v);
	fclose(f);
	return v;
}

static long proc_total_rings(const char *info_path)
{
	char line[256];
	long v = -1;
	FILE *f = fopen(info_path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Total rings", 11))
			sscanf(strchr(line, ':') + 1, "%ld", &v);
	fclose(f);
	return v;
}

/* Per-socket /proc files left in dir (every entry but info and dev). */
static int proc_sock_files(const char *dir, const char *label)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "info") ||
		    !strcmp(e->d_name, "dev"))
			continue;
		fprintf(stderr, "  %s: left over: %s/%s\n", label, dir, e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/*
 * /proc/net/pf_ring/dev must list exactly the namespace's devices.
 * Namespaces C die in a workqueue and take their veth peers in A with
 * them, so the device list may still change: retry for a few seconds.
 */
static int proc_devs_mismatch(bool print)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	struct dirent *e;
	int nproc = 0, ndev = 0, bad_names = 0;
	char path[300];
	DIR *d;

	for (i = ifs; i && i->if_index; i++) {
		snprintf(path, sizeof(path), "/proc/self/net/pf_ring/dev/%s", i->if_name);
		if (access(path, F_OK)) {
			bad_names++;
			if (print)
				fprintf(stderr, "  no %s for device %s\n", path, i->if_name);
		}
		ndev++;
	}
	if (ifs)
		if_freenameindex(ifs);
	d = opendir("/proc/self/net/pf_ring/dev");
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		nproc++;
		if (print && !kt_nl_ifindex(e->d_name))
			fprintf(stderr, "  /proc/net/pf_ring/dev/%s: no such device\n",
				e->d_name);
	}
	if (d)
		closedir(d);
	if (print)
		fprintf(stderr, "  /proc/net/pf_ring/dev has %d entries for %d devices\n",
			nproc, ndev);
	return bad_names + (nproc != ndev);
}

static void check_proc_devs(void)
{
	int tries;

	for (tries = 0; tries < 25 && proc_devs_mismatch(false); tries++)
		usleep(200 * 1000);
	if (tries == 25)
		KT_CHECK(!proc_devs_mismatch(true),
			 "/proc/net/pf_ring/dev does not match the devices");
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

/*
 * RLIMIT_MEMLOCK accounting is exact and nothing is left charged: from a
 * thread without CAP_IPC_LOCK and a limit of exactly one ring, one ring
 * fits, a second does not (ENOBUFS), and after closing the first it does.
 */
static void *memlock_check(void *unused)
{
	const uint32_t slots = 256, bucket = 1000;
	uint64_t bytes = ring_bytes(slots, bucket);
	struct rlimit old, rl = { bytes, bytes };
	struct pfring_ring_info info;
	socklen_t il;
	int fd[3], r[3], e[3];

	(void)unused;
	if (drop_cap_ipc_lock() || getrlimit(RLIMIT_MEMLOCK, &old) ||
	    setrlimit(RLIMIT_MEMLOCK, &rl)) {
		KT_CHECK(0, "memlock check setup: %s", strerror(errno));
		return NULL;
	}
	for (int i = 0; i < 3; i++) {
		fd[i] = kt_socket();
		kt_setopt_u32(fd[i], SO_SET_RING_SLOTS, slots);
		kt_setopt_u32(fd[i], SO_RING_BUCKET_LEN, bucket);
	}
	il = sizeof(info);
	r[0] = getsockopt(fd[0], SOL_PF_RING, SO_GET_RING_INFO, &info, &il);
	e[0] = errno;
	r[1] = setsockopt(fd[1], SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0);
	e[1] = errno;
	close(fd[0]);
	r[2] = mmap(NULL, bytes, PROT_READ, MAP_SHARED, fd[2], 0) == MAP_FAILED ? -1 : 0;
	e[2] = errno;
	KT_CHECK(r[0] == 0, "a ring of exactly RLIMIT_MEMLOCK (%llu bytes) refused: %s (charges left over?)",
		 (unsigned long long)bytes, strerror(e[0]));
	KT_CHECK(r[1] < 0 && e[1] == ENOBUFS,
		 "a second ring over RLIMIT_MEMLOCK: %d (%s), want ENOBUFS", r[1],
		 r[1] ? strerror(e[1]) : "accepted");
	KT_CHECK(r[2] == 0, "a ring after closing the first refused: %s (not uncharged?)",
		 strerror(e[2]));
	printf("RLIMIT_MEMLOCK accounting: ring of %llu bytes: %s, second: %s, after close: %s\n",
	       (unsigned long long)bytes, r[0] ? strerror(e[0]) : "ok",
	       r[1] ? strerror(e[1]) : "ok", r[2] ? strerror(e[2]) : "ok");
	close(fd[1]);
	close(fd[2]);	/* the mapping keeps the socket; unmapped at exit */
	setrlimit(RLIMIT_MEMLOCK, &old);
	return NULL;
}

/* A clean socket on a fresh veth: 100 frames, byte-exact (as t_capture). */
static void final_capture(void)
{
	static const size_t lens[] = { 60, 61, 64, 100, 128, 333, 512, 999, 1024, 1514 };
	uint8_t frame[2048];
	struct kt_ring ring;
	struct pfring_stats st;
	int tx, n = 0;

	kt_veth("ca", "cb");
	tx = kt_tx_open("ca");
	kt_ring_open(&ring, "cb", 2048, 256);
	for (uint32_t i = 0; i < 100; i++)
		kt_tx(tx, frame, kt_frame(frame, i, lens[i % 10]));
	usleep(300 * 1000);
	for (uint32_t i = 0; i < 100; i++) {
		const struct pfring_slot *s = kt_ring_next(&ring);
		size_t len = lens[i % 10];

		KT_REQUIRE(s, "final capture: frame %u of 100 missing", i);
		kt_frame(frame, i, len);
		KT_CHECK(s->caplen == len && s->len == len && !memcmp(s + 1, frame, len) &&
			 s->ifindex == kt_ifindex("cb") && s->direction == PFRING_DIR_RX,
			 "final capture: frame %u differs (caplen %u len %u)", i,
			 s->caplen, s->len);
		n++;
	}
	KT_CHECK(!kt_ring_next(&ring), "final capture: extra frame");
	st = kt_ring_stats(&ring);
	KT_CHECK(st.recv == 100 && st.drop_full == 0 && st.bad_cons == 0,
		 "final capture stats: recv %llu drop %llu bad_cons %llu",
		 (unsigned long long)st.recv, (unsigned long long)st.drop_full,
		 (unsigned long long)st.bad_cons);
	printf("final capture on a fresh veth: %d/100 frames byte-exact\n", n);
	kt_ring_close(&ring);
	close(tx);
}

/* ms for 100 sockets with a small ring: ~30 on the stock kernel in TCG,
 * ~1400 on the debug kernel (KASAN, lockdep, kmemleak).
 */
static uint64_t calibrate(void)
{
	uint64_t t = now_ms();

	for (int i = 0; i < 100; i++) {
		int fd = kt_socket();

		kt_setopt_u32(fd, SO_SET_RING_SLOTS, 64);
		setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0);
		close(fd);
	}
	return now_ms() - t;
}

/* Thread B's setup: namespace B with lo up; then it becomes worker 3. */
static pthread_mutex_t b_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t b_cond = PTHREAD_COND_INITIALIZER;
static bool b_ready;

static void *worker_b(void *p)
{
	if (!unshare(CLONE_NEWNET)) {
		netns_b = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		nl_b = kt_nl_open();
		if (nl_b >= 0)
			kt_nl_link_set(nl_b, "lo", 1, 0, NULL, -1);
		tid_b = (pid_t)syscall(SYS_gettid);
	}
	pthread_mutex_lock(&b_lock);
	b_ready = true;
	pthread_cond_signal(&b_cond);
	pthread_mutex_unlock(&b_lock);
	if (netns_b < 0)
		return NULL;
	/* worker() does setns(B) again: harmless, we are already there. */
	return worker(p);
}

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 60;
	struct worker_arg wargs[NWORKERS];
	pthread_t wt[NWORKERS], st, tt, ct, pt;
	pthread_rwlockattr_t rwa;
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	uint64_t t_start, deadline, t_end, t_begin = now_ms();
	unsigned long total_ops = 0;
	long rings_a, rings_b = -1, refcnt;
	int leftover, i;

	g_seed = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 0) :
		(unsigned int)(kt_now_ns() ^ (uint64_t)getpid() << 16);
	if (seconds < 1)
		seconds = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);	/* a pipe: keep lines if killed */
	printf("t_fuzz: %d s, seed %u (rerun: t_fuzz %d %u)\n", seconds, g_seed,
	       seconds, g_seed);
	setvbuf(stderr, NULL, _IOLBF, 0);

	{
		/* worker 1's rings: ENOBUFS beyond 4 MB */
		struct rlimit rl = { 4 << 20, 4 << 20 };

		KT_REQUIRE(!setrlimit(RLIMIT_MEMLOCK, &rl), "RLIMIT_MEMLOCK");
	}
	if (getenv("T_FUZZ_FAIL_NTH") && atoi(getenv("T_FUZZ_FAIL_NTH"))) {
		int fd = open("/proc/thread-self/fail-nth", O_RDWR);

		if (fd < 0) {
			printf("note: T_FUZZ_FAIL_NTH set but no fail-nth (CONFIG_FAULT_INJECTION): off\n");
		} else {
			FILE *f;

			close(fd);
			fail_nth_mode = true;
			/* GFP_KERNEL allocations too; no stack dump per fault */
			f = fopen("/sys/kernel/debug/failslab/ignore-gfp-wait", "w");
			if (f) {
				fputs("N", f);
				fclose(f);
			}
			f = fopen("/sys/kernel/debug/failslab/verbose", "w");
			if (f) {
				fputs("0", f);
				fclose(f);
			}
			printf("fault injection on (fail-nth)\n");
		}
	}
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	signal(SIGALRM, on_alarm);
	alarm((unsigned int)seconds + 120);
	signal(SIGPIPE, SIG_IGN);
	totalram_pages = meminfo_kb("MemTotal") / 4;
	pthread_rwlockattr_init(&rwa);
	pthread_rwlockattr_setkind_np(&rwa, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&map_lock, &rwa);
	for (i = 0; i < NSLOTS; i++) {
		pthread_mutex_init(&slot_lock[i], NULL);
		atomic_store(&slot_shadow[i], -1);
	}
	for (i = 0; i < NSHADOWS; i++)
		pthread_mutex_init(&shadows[i].lock, NULL);
	edge = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KT_REQUIRE(edge != MAP_FAILED && !mprotect(edge + PAGE, PAGE, PROT_NONE),
		   "guard page");

	/* Namespace A with the devices; B from a thread that stays in it. */
	{
		uint64_t cal = calibrate();

		if (cal > 300) {
			HANG_MS *= 5;
			SLOW_MS *= 5;
		}
		printf("calibration: 100 sockets with a ring in %llu ms%s\n",
		       (unsigned long long)cal,
		       cal > 300 ? ": slow kernel, hang threshold 50 s" : "");
	}
	kt_private_netns();
	netns_a = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	nl_a = kt_nl_open();
	KT_REQUIRE(netns_a >= 0 && nl_a >= 0, "namespace A: %s", strerror(errno));
	for (i = 0; i < NPAIRS; i++) {
		struct rng r = { 1 };

		KT_REQUIRE(!pair_add(&r, i), "veth pair %d", i);
	}
	KT_REQUIRE(!kt_nl_veth_add(nl_a, "sa", "sb", 2, 9000, -1) &&
		   !kt_nl_link_set(nl_a, "sa", 1, 0, NULL, -1) &&
		   !kt_nl_link_set(nl_a, "sb", 1, 0, NULL, -1), "veth sa/sb");
	if (system("ip link add link sa name sa.5 type vlan id 5 2>/dev/null && "
		   "ip link set sa.5 up"))
		printf("note: no VLAN device (8021q): VLAN frames come from the sender only\n");
	wargs[NWORKERS - 1] = (struct worker_arg){ .id = NWORKERS - 1, .in_b = true };
	KT_REQUIRE(!pthread_create(&wt[NWORKERS - 1], NULL, worker_b,
				   &wargs[NWORKERS - 1]), "thread");
	pthread_mutex_lock(&b_lock);
	while (!b_ready)
		pthread_cond_wait(&b_cond, &b_lock);
	pthread_mutex_unlock(&b_lock);
	KT_REQUIRE(netns_b >= 0 && nl_b >= 0, "namespace B");
	if (!kt_nl_veth_add(nl_a, "xa", "xb", 0, 0, netns_b)) {
		kt_nl_link_set(nl_a, "xa", 1, 0, NULL, -1);
		kt_nl_link_set(nl_b, "xb", 1, 0, NULL, -1);
	}

	/* Start with most slots holding a socket. */
	{
		struct rng r = { g_seed };

		for (i = 0; i < NSLOTS * 3 / 4; i++) {
			int sh, fd = new_socket(&r, &sh);

			KT_REQUIRE(fd >= 0, "socket: %s", strerror(errno));
			slot_install(i, fd, sh);
		}
	}

	/* SECONDS counts from the start, setup included: the end is then
	 * SECONDS + teardown (a few seconds) at most.
	 */
	t_start = now_ms();
	deadline = t_begin + (uint64_t)seconds * 1000;
	if (deadline < t_start + 1000)
		deadline = t_start + 1000;
	printf("setup: %.1f s\n", (t_start - t_begin) / 1000.0);
	for (i = 0; i < NWORKERS - 1; i++) {
		wargs[i] = (struct worker_arg){ .id = i, .no_ipc_lock = i == 1 };
		KT_REQUIRE(!pthread_create(&wt[i], NULL, worker, &wargs[i]), "thread");
	}
	KT_REQUIRE(!pthread_create(&st, NULL, scribbler, NULL) &&
		   !pthread_create(&tt, NULL, sender, NULL) &&
		   !pthread_create(&ct, NULL, churn, NULL) &&
		   !pthread_create(&pt, NULL, proc_reader, NULL), "threads");

	while (now_ms() < deadline) {
		uint64_t avail = meminfo_kb("MemAvailable");

		atomic_store(&mem_low, avail < 150 * 1024);
		check_watches();
		usleep(200 * 1000);
	}
	print_thread_cpu();	/* before they exit */
	atomic_store(&stop, true);
	t_end = now_ms();

	/* Everything must come back within HANG_MS. */
	{
		pthread_t all[NWORKERS + 4];
		int n = 0;
		struct timespec ts;

		for (i = 0; i < NWORKERS; i++)
			all[n++] = wt[i];
		all[n++] = st;
		all[n++] = tt;
		all[n++] = ct;
		all[n++] = pt;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += (time_t)(HANG_MS / 1000);	/* 10 s (50 s when slow) */
		for (i = 0; i < n; i++) {
			if (pthread_timedjoin_np(all[i], NULL, &ts)) {
				check_watches();
				for (int w = 0; w < atomic_load(&nwatch); w++)
					if (atomic_load(&watches[w].t0)) {
						bad("thread %s still in %s(%s) %llu s after the end",
						    watches[w].name, watches[w].op,
						    watches[w].detail,
						    (unsigned long long)(HANG_MS / 1000));
						print_kernel_stack(watches[w].tid);
					}
				printf("t_fuzz: FAIL: threads did not stop (seed %u)\n", g_seed);
				fflush(stdout);
				_exit(1);
			}
		}
	}
	me = NULL;

	for (i = 0; i < NOPS; i++)
		total_ops += atomic_load(&op_count[i]);
	printf("fuzzed for %.1f s: %lu worker operations, %lu syscalls (seed %u)\n",
	       (t_end - t_start) / 1000.0, total_ops, atomic_load(&n_syscalls), g_seed);
	for (i = 0; i < NOPS; i++) {
		char errs[200] = "";
		size_t n = 0;

		/* the four most frequent errnos */
		for (int k = 0; k < 4; k++) {
			unsigned long best = 0;
			int be = -1;

			for (int e = 0; e < NERRNO; e++)
				if (atomic_load(&op_errno[i][e]) > best) {
					best = atomic_load(&op_errno[i][e]);
					be = e;
				}
			if (be < 0)
				break;
			n += (size_t)snprintf(errs + n, sizeof(errs) - n, " %s %lu",
					      be ? strerrorname_np(be) : "?", best);
			atomic_store(&op_errno[i][be], 0);
		}
		printf("  %-17s %8lu (%lu succeeded), %.2f ms average;%s\n", op_names[i],
		       atomic_load(&op_count[i]), atomic_load(&op_ok[i]),
		       atomic_load(&op_count[i]) ?
		       atomic_load(&op_us[i]) / 1000.0 / atomic_load(&op_count[i]) : 0,
		       errs);
	}
	printf("  frames sent %lu (%lu refused), scribbled words %lu, device changes %lu (%lu done), namespaces C %lu, /proc reads %lu, soft_queues writes %lu\n",
	       atomic_load(&n_frames), atomic_load(&n_frames_err),
	       atomic_load(&n_scribbles), atomic_load(&n_churn),
	       atomic_load(&n_churn_ok), atomic_load(&n_netns_c),
	       atomic_load(&n_proc_reads), atomic_load(&n_softq_writes));
	if (fail_nth_mode)
		printf("  fault injection: %lu calls armed, %lu faults injected\n",
		       atomic_load(&n_faults_armed), atomic_load(&n_faults_fired));
	printf("  binds to a device %lu, to any %lu; cluster joins %lu; poll POLLIN %lu, POLLERR %lu; ENOBUFS (RLIMIT_MEMLOCK) %lu\n",
	       atomic_load(&n_bind_dev), atomic_load(&n_bind_any),
	       atomic_load(&n_cluster_join), atomic_load(&n_pollin),
	       atomic_load(&n_pollerr), atomic_load(&n_enobufs));
	fflush(stdout);

	printf("threads stopped %.1f s after the deadline\n", (now_ms() - t_end) / 1000.0);
	/* Release everything: nothing may be left behind. */
	for (i = 0; i < NSLOTS; i++)
		close(sfd(i));
	for (i = 0; i < NMAPS; i++)
		if (maps[i].used)
			munmap(maps[i].addr, maps[i].len);
	usleep(200 * 1000);
	rings_a = proc_total_rings("/proc/self/net/pf_ring/info");
	leftover = proc_sock_files("/proc/self/net/pf_ring", "namespace A");
	if (!setns(netns_b, CLONE_NEWNET)) {
		rings_b = proc_total_rings("/proc/thread-self/net/pf_ring/info");
		leftover += proc_sock_files("/proc/thread-self/net/pf_ring", "namespace B");
		KT_REQUIRE(!setns(netns_a, CLONE_NEWNET), "back to A");
	}
	printf("after closing everything: %ld rings in A, %ld in B, %d socket files left in /proc\n",
	       rings_a, rings_b, leftover);
	KT_CHECK(rings_a == 0 && rings_b == 0, "rings left: A %ld, B %ld", rings_a, rings_b);
	KT_CHECK(leftover == 0, "%d per-socket /proc files left", leftover);
	printf("released everything %.1f s after the deadline\n", (now_ms() - t_end) / 1000.0);
	check_proc_devs();
	printf("/proc device check done %.1f s after the deadline\n", (now_ms() - t_end) / 1000.0);
	refcnt = module_refcnt();
	KT_CHECK(refcnt == 0, "pf_ring module refcount %ld with every socket closed", refcnt);

	{
		pthread_t mt;

		KT_REQUIRE(!pthread_create(&mt, NULL, memlock_check, NULL), "thread");
		pthread_join(mt, NULL);
	}
	final_capture();
	if (atomic_load(&n_bad)) {
		KT_FAIL("fuzz failures", "%d (first ones printed above), seed %u",
			atomic_load(&n_bad), g_seed);
	}
	printf("t_fuzz: seed %u, %.1f s from start to end (fuzzing %d s)\n", g_seed,
	       (now_ms() - t_begin) / 1000.0, seconds);
	return kt_done("fuzz");
}
