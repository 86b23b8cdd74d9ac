// SPDX-License-Identifier: GPL-2.0
/*
 * poll() wakes the reader when the watermark is reached, not before
 * (a packet count, or by default an eighth of the ring's bytes);
 * wakes it after the watermark timeout for fewer packets; and with the
 * default settings a lone packet reaches a blocked reader quickly; an
 * idle ring in an epoll set wakes its waiter at the next packet.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

/* Sends n frames after delay_ms from a child; returns when it is sent
 * and stores the send time (CLOCK_MONOTONIC ms) in *sent_ms.
 */
static pid_t send_later(unsigned int delay_ms, unsigned int n,
			volatile uint64_t *sent_ms)
{
	pid_t pid = fork();
	uint8_t frame[64];
	unsigned int i;
	int tx;

	KT_REQUIRE(pid >= 0, "fork");
	if (pid)
		return pid;
	tx = kt_tx_open("va");
	usleep(delay_ms * 1000);
	for (i = 0; i < n; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	*sent_ms = kt_mono_ms();
	_exit(0);
}

static int poll_in(int fd, int timeout_ms, uint64_t *woke_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	*woke_ms = kt_mono_ms();
	KT_CHECK(n >= 0, "poll: %s", strerror(errno));
	return n > 0 ? p.revents : 0;
}

static void wait_child(pid_t pid)
{
	int st;

	waitpid(pid, &st, 0);
	KT_CHECK(WIFEXITED(st) && !WEXITSTATUS(st), "sender failed");
}

int main(void)
{
	volatile uint64_t *sent = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t start, woke;
	struct kt_ring r;
	pid_t pid;
	int rev;

	kt_private_netns();
	kt_veth("va", "vb");

	/* Watermark 8, long timeout: 7 packets do not wake, the 8th does. */
	kt_ring_open(&r, "vb", 128, 64);
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK, 8), "watermark");
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK_TIMEOUT, 5000),
		   "timeout");
	wait_child(send_later(0, 7, sent));
	usleep(100 * 1000);
	KT_CHECK(kt_ring_queued(&r) == 7, "queued %u", kt_ring_queued(&r));
	start = kt_mono_ms();
	rev = poll_in(r.fd, 700, &woke);
	KT_CHECK(rev == 0, "woke with 7 of 8 packets after %llu ms (revents %#x)",
		 (unsigned long long)(woke - start), rev);
	pid = send_later(200, 1, sent);
	rev = poll_in(r.fd, 3000, &woke);
	wait_child(pid);
	KT_CHECK(rev & POLLIN, "no wake-up at the watermark");
	KT_CHECK((long long)(woke - *sent) > -20 && (long long)(woke - *sent) < 200,
		 "watermark wake-up %lld ms after the 8th packet",
		 (long long)(woke - *sent));
	kt_ring_close(&r);

	/*
	 * Default watermark, long timeout: an eighth of the ring's bytes.
	 * With 64-byte frames the packet that crosses it wakes, not one
	 * before.
	 */
	{
		uint32_t eighth, rec, need;

		kt_ring_open(&r, "vb", 128, 64);
		KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK_TIMEOUT, 5000),
			   "timeout");
		eighth = r.info.data_size / PFRING_WAKE_FRACTION;
		rec = PFRING_RECORD_LEN(r.info.slot_hdr_len, 64);
		need = (eighth + rec - 1) / rec;
		KT_REQUIRE(need >= 2 && (uint64_t)need * rec < r.info.data_size -
			   r.info.slot_len, "ring too small: need %u", need);
		wait_child(send_later(0, need - 1, sent));
		usleep(100 * 1000);
		KT_CHECK(kt_ring_queued(&r) == need - 1, "queued %u, want %u",
			 kt_ring_queued(&r), need - 1);
		start = kt_mono_ms();
		rev = poll_in(r.fd, 700, &woke);
		KT_CHECK(rev == 0, "woke with %u records (%u of %u bytes) after %llu ms",
			 need - 1, (need - 1) * rec, eighth,
			 (unsigned long long)(woke - start));
		pid = send_later(200, 1, sent);
		rev = poll_in(r.fd, 3000, &woke);
		wait_child(pid);
		KT_CHECK(rev & POLLIN, "no wake-up at an eighth of the ring");
		KT_CHECK((long long)(woke - *sent) > -20 &&
			 (long long)(woke - *sent) < 200,
			 "default watermark wake-up %lld ms after packet %u",
			 (long long)(woke - *sent), need);
		kt_ring_close(&r);
	}

	/* Watermark 64, timeout 100 ms: one packet wakes after the timeout. */
	kt_ring_open(&r, "vb", 128, 64);
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK, 64), "watermark");
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK_TIMEOUT, 100),
		   "timeout");
	start = kt_mono_ms();
	pid = send_later(300, 1, sent);
	rev = poll_in(r.fd, 5000, &woke);
	wait_child(pid);
	KT_CHECK(rev & POLLIN, "no wake-up after the timeout");
	KT_CHECK(woke - start >= 290 && (long long)(woke - *sent) <= 300,
		 "timeout wake-up: %llu ms after start, %lld ms after send",
		 (unsigned long long)(woke - start), (long long)(woke - *sent));
	kt_ring_close(&r);

	/* Defaults: a lone packet reaches a blocked reader promptly. */
	kt_ring_open(&r, "vb", 0, 0);
	pid = send_later(200, 1, sent);
	rev = poll_in(r.fd, 5000, &woke);
	wait_child(pid);
	KT_CHECK(rev & POLLIN, "default settings: no wake-up");
	printf("lone packet latency with defaults: %lld ms\n",
	       (long long)(woke - *sent));
	KT_CHECK((long long)(woke - *sent) <= 40, "lone packet waited %lld ms",
		 (long long)(woke - *sent));
	kt_ring_close(&r);

	/*
	 * An idle ring in an epoll set (watermark 64, timeout 1 s): the timer
	 * backs off and arms a wake-up for the next packet, which arrives
	 * 2.5 s later and wakes the waiter at once, not at a timer tick.
	 */
	{
		struct epoll_event ev = { .events = EPOLLIN }, out;
		int ep = epoll_create1(0), n;

		kt_ring_open(&r, "vb", 128, 64);
		KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK, 64), "watermark");
		KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_POLL_WATERMARK_TIMEOUT, 1000),
			   "timeout");
		KT_REQUIRE(!epoll_ctl(ep, EPOLL_CTL_ADD, r.fd, &ev), "epoll_ctl");
		pid = send_later(2500, 1, sent);
		n = epoll_wait(ep, &out, 1, 6000);
		woke = kt_mono_ms();
		wait_child(pid);
		KT_CHECK(n == 1, "epoll: no wake-up (%d)", n);
		printf("idle epoll waiter: woken %lld ms after the packet\n",
		       (long long)(woke - *sent));
		KT_CHECK((long long)(woke - *sent) < 250,
			 "idle epoll waiter woken %lld ms after the packet",
			 (long long)(woke - *sent));
		close(ep);
		kt_ring_close(&r);
	}

	return kt_done("poll");
}
