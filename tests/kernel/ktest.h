/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the in-VM kernel tests: a private network namespace with a
 * veth pair, raw frame injection, and a minimal ring reader written
 * against <linux/pf_ring.h> alone, so these tests check the kernel
 * without trusting the library.
 */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/pf_ring.h>

extern int kt_failures;

#define KT_FAIL(cond_str, ...)						\
	do {								\
		kt_failures++;						\
		fprintf(stderr, "  check failed at %s:%d: %s: ", __FILE__, __LINE__,	\
			cond_str);					\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	} while (0)

#define KT_CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			KT_FAIL(#cond, __VA_ARGS__);			\
	} while (0)

/* Aborts the test: what follows cannot run. */
#define KT_REQUIRE(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			KT_FAIL(#cond, __VA_ARGS__);			\
			exit(1);					\
		}							\
	} while (0)

#define KT_ERRNO(call, want)						\
	do {								\
		errno = 0;						\
		long _r = (long)(call);					\
		KT_CHECK(_r == -1 && errno == (want),			\
			 "returned %ld errno %d (%s), want errno %d (%s)", \
			 _r, errno, strerror(errno), (want), strerror(want)); \
	} while (0)

struct kt_ring {
	int fd;
	uint8_t *mem;
	struct pfring_ring_info info;
	struct pfring_ring_hdr *hdr;
	uint64_t cons;		/* position of the next record to read */
};

/* Runs the rest of the test in a new network namespace with IPv6 off,
 * so nothing but the test's own frames crosses its devices.
 */
void kt_private_netns(void);
void kt_sh(const char *fmt, ...);
int kt_ifindex(const char *name);
void kt_veth(const char *a, const char *b);

int kt_socket(void);
int kt_setopt_u32(int fd, int opt, uint32_t val);
int kt_bind(int fd, int ifindex, uint64_t queue_mask);
/* socket + options + bind + map + activate; exits on failure */
void kt_ring_open(struct kt_ring *r, const char *dev, uint32_t bucket_len,
		  uint32_t slots);
/* The same bound to the RX queues of queue_mask (bit n: queue n). */
void kt_ring_open_q(struct kt_ring *r, const char *dev, uint64_t queue_mask,
		    uint32_t bucket_len, uint32_t slots);
void kt_ring_close(struct kt_ring *r);
/* Next slot or NULL; the previous one is released. */
const struct pfring_slot *kt_ring_next(struct kt_ring *r);
/* The record at pos (a position in r), and the position after it. */
const struct pfring_slot *kt_ring_at(const struct kt_ring *r, uint64_t pos,
				     uint64_t *next);
uint32_t kt_ring_queued(const struct kt_ring *r);
struct pfring_stats kt_ring_stats(const struct kt_ring *r);

/* A raw sender on a device. */
int kt_tx_open(const char *dev);
void kt_tx(int fd, const void *frame, size_t len);
/* A test frame: broadcast Ethernet, ethertype 0x88b5, seq in bytes
 * 14..17, the rest a pattern derived from seq and len.
 */
size_t kt_frame(uint8_t *buf, uint32_t seq, size_t len);
uint64_t kt_now_ns(void);
uint64_t kt_mono_ms(void);

int kt_done(const char *name);

#endif
