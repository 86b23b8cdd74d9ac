// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

int kt_failures;

void kt_sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	KT_REQUIRE(rc == 0, "'%s' exited %d", cmd, rc);
}

void kt_private_netns(void)
{
	KT_REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare: %s", strerror(errno));
	kt_sh("echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6");
	kt_sh("echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6");
	kt_sh("ip link set lo up");
}

int kt_ifindex(const char *name)
{
	int i = (int)if_nametoindex(name);

	KT_REQUIRE(i > 0, "no device %s", name);
	return i;
}

void kt_veth(const char *a, const char *b)
{
	kt_sh("ip link add %s type veth peer name %s", a, b);
	kt_sh("ip link set %s up && ip link set %s up", a, b);
}

int kt_socket(void)
{
	int fd = socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL));

	KT_REQUIRE(fd >= 0, "socket(PF_RING): %s", strerror(errno));
	return fd;
}

int kt_setopt_u32(int fd, int opt, uint32_t val)
{
	return setsockopt(fd, SOL_PF_RING, opt, &val, sizeof(val));
}

int kt_bind(int fd, int ifindex, uint64_t queue_mask)
{
	struct sockaddr_pfring sa = {
		.spr_family = PF_RING,
		.spr_ifindex = ifindex,
		.spr_queue_mask = queue_mask,
	};

	return bind(fd, (struct sockaddr *)&sa, sizeof(sa));
}

void kt_ring_open(struct kt_ring *r, const char *dev, uint32_t bucket_len,
		  uint32_t slots)
{
	kt_ring_open_q(r, dev, 0, bucket_len, slots);
}

void kt_ring_open_q(struct kt_ring *r, const char *dev, uint64_t queue_mask,
		    uint32_t bucket_len, uint32_t slots)
{
	socklen_t len = sizeof(r->info);

	memset(r, 0, sizeof(*r));
	r->fd = kt_socket();
	if (bucket_len)
		KT_REQUIRE(!kt_setopt_u32(r->fd, SO_RING_BUCKET_LEN, bucket_len),
			   "bucket len: %s", strerror(errno));
	if (slots)
		KT_REQUIRE(!kt_setopt_u32(r->fd, SO_SET_RING_SLOTS, slots),
			   "slots: %s", strerror(errno));
	KT_REQUIRE(!kt_bind(r->fd, dev ? kt_ifindex(dev) : 0, queue_mask),
		   "bind %s (queues %#llx): %s", dev ? dev : "any",
		   (unsigned long long)queue_mask, strerror(errno));
	KT_REQUIRE(!getsockopt(r->fd, SOL_PF_RING, SO_GET_RING_INFO, &r->info,
			       &len), "ring info: %s", strerror(errno));
	r->mem = mmap(NULL, r->info.mem_size, PROT_READ | PROT_WRITE,
		      MAP_SHARED, r->fd, 0);
	KT_REQUIRE(r->mem != MAP_FAILED, "mmap: %s", strerror(errno));
	r->hdr = (struct pfring_ring_hdr *)r->mem;
	KT_REQUIRE(r->hdr->info.magic == PFRING_RING_MAGIC &&
		   r->hdr->info.version == PFRING_RING_VERSION &&
		   !memcmp(&r->hdr->info, &r->info, sizeof(r->info)),
		   "ring header does not match SO_GET_RING_INFO");
	KT_REQUIRE(setsockopt(r->fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0) == 0,
		   "activate: %s", strerror(errno));
}

void kt_ring_close(struct kt_ring *r)
{
	munmap(r->mem, r->info.mem_size);
	close(r->fd);
}

/* The record at position pos, after the skip of a too-short end. */
const struct pfring_slot *kt_ring_at(const struct kt_ring *r, uint64_t pos,
				     uint64_t *next)
{
	uint32_t bytes = PFRING_POS_BYTES(pos);
	uint32_t off = bytes & (r->info.data_size - 1);
	uint32_t skip = PFRING_RECORD_SKIP(r->info.data_size,
					   r->info.slot_len, off);
	const struct pfring_slot *s = (const void *)(r->mem +
		r->info.slots_offset + (skip ? 0 : off));

	KT_REQUIRE(s->caplen <= r->info.bucket_len, "record caplen %u > bucket %u",
		   s->caplen, r->info.bucket_len);
	*next = PFRING_POS(PFRING_POS_RECORDS(pos) + 1, bytes + skip +
			   PFRING_RECORD_LEN(r->info.slot_hdr_len, s->caplen));
	return s;
}

const struct pfring_slot *kt_ring_next(struct kt_ring *r)
{
	uint64_t prod = __atomic_load_n(&r->hdr->prod, __ATOMIC_ACQUIRE);
	const struct pfring_slot *s;
	uint64_t next;

	if (r->cons == prod)
		return NULL;
	s = kt_ring_at(r, r->cons, &next);
	KT_REQUIRE(PFRING_POS_BYTES(next) - PFRING_POS_BYTES(r->cons) <=
		   PFRING_POS_BYTES(prod) - PFRING_POS_BYTES(r->cons),
		   "record ends past prod");
	/* Released one record late: the caller still reads this one. */
	__atomic_store_n(&r->hdr->cons, r->cons, __ATOMIC_RELEASE);
	r->cons = next;
	return s;
}

uint32_t kt_ring_queued(const struct kt_ring *r)
{
	return PFRING_POS_RECORDS(__atomic_load_n(&r->hdr->prod,
						  __ATOMIC_ACQUIRE)) -
	       PFRING_POS_RECORDS(r->cons);
}

struct pfring_stats kt_ring_stats(const struct kt_ring *r)
{
	struct pfring_stats st;
	socklen_t len = sizeof(st);

	KT_REQUIRE(!getsockopt(r->fd, SOL_PF_RING, SO_GET_STATS, &st, &len),
		   "stats: %s", strerror(errno));
	return st;
}

int kt_tx_open(const char *dev)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = kt_ifindex(dev),
	};
	int fd = socket(AF_PACKET, SOCK_RAW, 0);

	KT_REQUIRE(fd >= 0, "AF_PACKET socket: %s", strerror(errno));
	KT_REQUIRE(!bind(fd, (struct sockaddr *)&sll, sizeof(sll)),
		   "AF_PACKET bind: %s", strerror(errno));
	return fd;
}

void kt_tx(int fd, const void *frame, size_t len)
{
	ssize_t n;

	/* A full qdisc says ENOBUFS: wait for it rather than lose a frame. */
	while ((n = send(fd, frame, len, 0)) < 0 && errno == ENOBUFS)
		usleep(100);
	KT_REQUIRE(n == (ssize_t)len, "send: %zd (%s)", n, strerror(errno));
}

size_t kt_frame(uint8_t *buf, uint32_t seq, size_t len)
{
	static const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 1 };
	size_t i;

	memset(buf, 0xff, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = 0x88;
	buf[13] = 0xb5;
	buf[14] = seq >> 24;
	buf[15] = seq >> 16;
	buf[16] = seq >> 8;
	buf[17] = seq;
	for (i = 18; i < len; i++)
		buf[i] = (uint8_t)(seq * 7 + i * 13 + len);
	return len;
}

uint64_t kt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

uint64_t kt_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

int kt_done(const char *name)
{
	printf("%s: %s (%d failed checks)\n", name,
	       kt_failures ? "FAIL" : "ok", kt_failures);
	return kt_failures ? 1 : 0;
}
