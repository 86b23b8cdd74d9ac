// SPDX-License-Identifier: GPL-2.0
/*
 * benchcap -m API -i DEV [-n] [-s SNAPLEN] [-b RING_BYTES] [-t TIMEOUT_MS]
 *
 * Captures on DEV through one API until SIGINT/SIGTERM.  Prints "ready"
 * once packets are being captured, "captured N" on each SIGUSR1 (the
 * benchmark polls it to see when a ring has drained), and at the end
 * "captured N drops D ring_bytes B".  Meant to run pinned to one CPU.
 *
 * -n (hold): reads nothing while packets arrive, only on each SIGUSR1,
 * all that is queued then, before answering.  With a ring that holds a
 * whole burst, the CPU that delivers the burst pays the kernel's part of
 * capturing alone, even when the reader shares it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchcap.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

uint64_t captured;
unsigned int sink;

static int stop;
static int hold;		/* -n */
static int drain_asked;		/* -n: a SIGUSR1 not answered yet */
static const struct capture *cap;

static const struct capture *const captures[] = {
	&cap_pfring, &cap_pfring_burst, &cap_tpv3, &cap_tpv2, &cap_pcap,
};

int stop_requested(void)
{
	return __atomic_load_n(&stop, __ATOMIC_RELAXED);
}

/* Async-signal-safe decimal output: the handler cannot use stdio. */
static void write_count(const char *prefix, uint64_t n)
{
	char buf[64], digits[24];
	size_t len = 0, i = 0;

	/* Room left for 20 digits and the newline. */
	while (*prefix && len < sizeof(buf) - sizeof(digits))
		buf[len++] = *prefix++;
	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (i)
		buf[len++] = digits[--i];
	buf[len++] = '\n';
	/* A failed write means the reader has gone: nothing to do. */
	(void)!write(STDOUT_FILENO, buf, len);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGUSR1 && hold) {
		__atomic_store_n(&drain_asked, 1, __ATOMIC_RELAXED);
	} else if (sig == SIGUSR1) {
		write_count("captured ", __atomic_load_n(&captured,
							__ATOMIC_RELAXED));
	} else {
		__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
		if (cap)
			cap->interrupt();
	}
	errno = saved;
}

/* No SA_RESTART: a blocked poll() must return so the loop sees stop. */
static void set_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

/*
 * -n: sleeps until a signal; a SIGUSR1 reads what is queued and answers
 * with the count.  The signals stay blocked outside sigsuspend(), so
 * none arrives between the test and the sleep.
 */
static int run_held(const struct capture *c)
{
	sigset_t mask, old;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, &old);
	while (!stop_requested()) {
		if (!__atomic_load_n(&drain_asked, __ATOMIC_RELAXED)) {
			sigsuspend(&old);
			continue;
		}
		__atomic_store_n(&drain_asked, 0, __ATOMIC_RELAXED);
		if (c->drain() < 0)
			return -1;
		write_count("captured ", captured);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}

static void print_usage(void)
{
	fprintf(stderr, "usage: benchcap -m pfring|pfring_burst|tpv3|tpv2|pcap -i DEV [-n] [-s SNAPLEN] [-b RING_BYTES] [-t TIMEOUT_MS]\n");
	exit(2);
}

/* A decimal number in [min, max], else a one-line error. */
static unsigned long parse_number(const char *arg, char opt,
				  unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v < min || v > max) {
		fprintf(stderr, "benchcap: -%c: '%s' is not a whole number in %lu..%lu\n",
			opt, arg, min, max);
		exit(2);
	}
	return v;
}

static const struct capture *find_capture(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(captures); i++)
		if (!strcmp(captures[i]->name, name))
			return captures[i];
	fprintf(stderr, "benchcap: -m: unknown API '%s' (pfring, pfring_burst, tpv3, tpv2, pcap)\n",
		name);
	exit(2);
}

int main(int argc, char **argv)
{
	struct cap_opts o = { .snaplen = 1536, .timeout_ms = 1000 };
	const struct capture *c = NULL;
	struct cap_result r = { 0, 0 };
	int opt, rc;

	while ((opt = getopt(argc, argv, "m:i:ns:b:t:h")) != -1) {
		switch (opt) {
		case 'm':
			c = find_capture(optarg);
			break;
		case 'i':
			o.dev = optarg;
			break;
		case 'n':
			hold = 1;
			break;
		case 's':
			o.snaplen = parse_number(optarg, 's', 64, 65535);
			break;
		case 'b':
			o.ring_bytes = parse_number(optarg, 'b', 65536, 1UL << 30);
			break;
		case 't':
			o.timeout_ms = parse_number(optarg, 't', 1, 60000);
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc || !c || !o.dev)
		print_usage();
	if (hold && !c->drain) {
		fprintf(stderr, "benchcap: -n: not with -m %s (pfring, tpv3)\n",
			c->name);
		return 2;
	}

	set_handlers();
	if (c->open(&o) < 0)
		return 1;
	cap = c;
	printf("ready\n");
	fflush(stdout);
	rc = hold ? run_held(c) : c->run();
	c->close(&r);
	printf("captured %llu drops %llu ring_bytes %zu sink %u\n",
	       (unsigned long long)captured, (unsigned long long)r.drops,
	       r.ring_bytes, sink & 1);
	return rc < 0;
}
