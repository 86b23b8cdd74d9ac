// SPDX-License-Identifier: GPL-2.0
/*
 * Waking the reader: at most once per watermark crossing, and after the
 * watermark timeout for a ring that holds fewer packets than that.
 *
 * poll() tells the producer which position is worth a wake-up (wake_at:
 * cons plus the watermark in records, or plus a fraction of the ring in
 * bytes) and the producer tests for a crossing
 * once per packet, with no barrier: a full barrier per packet would cost
 * more than the wake-ups it saves.  poll() stores wake_at and re-reads
 * prod after a full barrier (F); a producer that published its record
 * before it saw the new wake_at is then either seen by that re-read, or
 * it sees wake_at at its next record, which still crosses it.  The
 * producer disarms wake_at (moves it far ahead) with a cmpxchg before
 * it wakes the reader, so each arming wakes once and a reader that
 * re-armed meanwhile keeps its own wake_at.  The timer below covers the
 * watermark timeout, and a crossing no later record reaches: while a
 * reader sleeps it fires every watermark_timeout_ms, wakes the reader
 * if anything is queued, and stops as soon as nobody sleeps.  With a
 * timeout of 0 only the watermark counts, and the timer is a safety net.
 *
 * A socket in an epoll set counts as sleeping for as long as it is in
 * the set, so on an idle ring the timer backs off, up to 4 times a
 * second; with a timeout it asks the producer to wake the reader at the
 * next packet instead (wake_at = prod + 1), which the timer's next round
 * repairs should that wake-up be lost too.
 */
#include <linux/poll.h>

#include "pfr_sock.h"

#define PFR_POLL_REPAIR_MS	100
#define PFR_POLL_IDLE_MAX_MS	250

static ktime_t pfr_poll_period(const struct pfr_sock *ps)
{
	return ms_to_ktime(READ_ONCE(ps->watermark_timeout_ms) ?:
			   PFR_POLL_REPAIR_MS);
}

/* Where the reader wants waking: its watermark past cons. */
static u64 pfr_poll_wake_at(const struct pfr_sock *ps, u64 cons)
{
	u32 mark = READ_ONCE(ps->watermark);

	if (mark)
		return pfr_wake_after(cons, mark, 0);
	return pfr_wake_after(cons, 0,
			      ps->ring.data_size / PFRING_WAKE_FRACTION);
}

static bool pfr_poll_ready(struct pfr_sock *ps, u64 *cons)
{
	u32 bytes, queued = pfr_ring_queued(&ps->ring, cons, &bytes);
	u32 mark = READ_ONCE(ps->watermark);
	u32 timeout_ms = READ_ONCE(ps->watermark_timeout_ms);
	ktime_t since = READ_ONCE(ps->wait_start);

	if (mark ? queued >= mark :
	    bytes >= ps->ring.data_size / PFRING_WAKE_FRACTION)
		return true;
	return queued && timeout_ms && since &&
	       ktime_after(ktime_get(), ktime_add_ms(since, timeout_ms));
}

static enum hrtimer_restart pfr_poll_timer_fn(struct hrtimer *t)
{
	struct pfr_sock *ps = container_of(t, struct pfr_sock, wake_timer);
	struct sock *sk = &ps->sk;
	ktime_t period;
	bool sleeper;

	if (pfr_poll_ready(ps, NULL)) {
		sk->sk_data_ready(sk);
		return HRTIMER_NORESTART;
	}
	rcu_read_lock();
	sleeper = skwq_has_sleeper(rcu_dereference(sk->sk_wq));
	rcu_read_unlock();
	if (!sleeper)
		return HRTIMER_NORESTART;
	period = pfr_poll_period(ps);
	if (pfr_ring_queued(&ps->ring, NULL, NULL)) {
		ps->idle_period = 0;
	} else {
		u64 prod = pfr_ring_prod(&ps->ring);

		if (READ_ONCE(ps->watermark_timeout_ms))
			WRITE_ONCE(ps->wake_at, pfr_wake_after(prod, 1, 0));
		ps->idle_period = min(max(2 * ps->idle_period, period),
				      ms_to_ktime(PFR_POLL_IDLE_MAX_MS));
		period = max(period, ps->idle_period);
	}
	hrtimer_forward_now(t, period);
	return HRTIMER_RESTART;
}

void pfr_poll_init(struct pfr_sock *ps)
{
	hrtimer_init(&ps->wake_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	ps->wake_timer.function = pfr_poll_timer_fn;
}

void pfr_poll_stop(struct pfr_sock *ps)
{
	hrtimer_cancel(&ps->wake_timer);
}

__poll_t pfr_poll(struct file *file, struct socket *sock,
		  struct poll_table_struct *wait)
{
	struct pfr_sock *ps = pfr_sk(sock->sk);
	__poll_t mask = 0;
	u64 cons;

	sock_poll_wait(file, sock, wait);
	if (READ_ONCE(ps->dev_gone))
		mask |= EPOLLERR;
	if (!pfr_ring_allocated(&ps->ring))
		return mask;

	if (pfr_poll_ready(ps, &cons)) {
		WRITE_ONCE(ps->wait_start, 0);
		return mask | EPOLLIN | EPOLLRDNORM;
	}

	if (!READ_ONCE(ps->wait_start))
		WRITE_ONCE(ps->wait_start, ktime_get());
	WRITE_ONCE(ps->wake_at, pfr_poll_wake_at(ps, cons));
	/*
	 * (F): order the wake_at store before re-reading prod, so a
	 * producer that published before seeing wake_at is caught here.
	 */
	smp_mb();
	if (pfr_poll_ready(ps, &cons)) {
		WRITE_ONCE(ps->wait_start, 0);
		return mask | EPOLLIN | EPOLLRDNORM;
	}
	if (!hrtimer_active(&ps->wake_timer)) {
		ps->idle_period = 0;
		hrtimer_start(&ps->wake_timer, pfr_poll_period(ps),
			      HRTIMER_MODE_REL_SOFT);
	}
	return mask;
}
