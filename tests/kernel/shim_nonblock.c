// SPDX-License-Identifier: GPL-2.0
/*
 * shim_nonblock DEV COUNT LEN: a libpcap program, run with the shim
 * preloaded, that captures through PF_RING in non-blocking mode: it
 * sleeps in poll() on pcap_get_selectable_fd() and drains with
 * pcap_next_ex(), and must get exactly the COUNT frames of
 * "sendframes DEV COUNT LEN" (ethertype 0x88b5, seq in bytes 14..17),
 * in order, intact, and nothing after them.  Prints "ready" once it
 * captures; exits 0 on success, 1 with the reason otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define PF_RING_FAMILY 27

static int failures;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			failures++;					\
			fprintf(stderr, "shim_nonblock: %s: ", #cond);	\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
		}							\
	} while (0)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* sendframes' frame seq of length len (tests/kernel/ktest.c kt_frame) */
static int frame_ok(const u_char *f, uint32_t seq, size_t len)
{
	size_t i;

	if (f[12] != 0x88 || f[13] != 0xb5)
		return 0;
	for (i = 18; i < len; i++)
		if (f[i] != (uint8_t)(seq * 7 + i * 13 + len))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct pcap_pkthdr *h;
	const u_char *data;
	struct pcap_stat st;
	unsigned long count, len;
	uint32_t next = 0, seq;
	struct pollfd pfd;
	int fd, rc, domain = 0;
	socklen_t dlen = sizeof(domain);
	double t, deadline;
	pcap_t *p;

	if (argc != 4) {
		fprintf(stderr, "usage: shim_nonblock DEV COUNT LEN\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	len = strtoul(argv[3], NULL, 0);
	p = pcap_create(argv[1], errbuf);
	if (!p) {
		fprintf(stderr, "shim_nonblock: pcap_create: %s\n", errbuf);
		return 1;
	}
	if (pcap_set_snaplen(p, 2048) || pcap_set_timeout(p, 100) ||
	    pcap_activate(p) < 0) {
		fprintf(stderr, "shim_nonblock: activate: %s\n", pcap_geterr(p));
		return 1;
	}
	fd = pcap_get_selectable_fd(p);
	CHECK(fd >= 0 && fd == pcap_fileno(p), "fd %d, fileno %d", fd,
	      pcap_fileno(p));
	/* The shim, not AF_PACKET: the fd is a PF_RING socket. */
	CHECK(!getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dlen) &&
	      domain == PF_RING_FAMILY, "socket family %d, want %d", domain,
	      PF_RING_FAMILY);
	/* Blocking first: nothing comes, so the 100 ms timeout ends the wait. */
	CHECK(pcap_getnonblock(p, errbuf) == 0, "getnonblock before");
	t = now_s();
	rc = pcap_next_ex(p, &h, &data);
	t = now_s() - t;
	CHECK(rc == 0 && t >= 0.09 && t < 5, "blocking pcap_next_ex: %d after %.3f s",
	      rc, t);
	CHECK(pcap_setnonblock(p, 1, errbuf) == 0, "setnonblock: %s", errbuf);
	CHECK(pcap_getnonblock(p, errbuf) == 1, "getnonblock");
	if (pcap_compile(p, &prog, "ether proto 0x88b5", 1,
			 PCAP_NETMASK_UNKNOWN) || pcap_setfilter(p, &prog)) {
		fprintf(stderr, "shim_nonblock: filter: %s\n", pcap_geterr(p));
		return 1;
	}
	pcap_freecode(&prog);

	/* Nothing sent yet: no wait, no packet. */
	t = now_s();
	rc = pcap_next_ex(p, &h, &data);
	CHECK(rc == 0, "pcap_next_ex on an empty ring returned %d", rc);
	CHECK(now_s() - t < 0.5, "pcap_next_ex took %.3f s", now_s() - t);
	printf("ready\n");
	fflush(stdout);

	deadline = now_s() + 30;
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (next < count && now_s() < deadline) {
		rc = poll(&pfd, 1, 1000);
		CHECK(rc >= 0, "poll: %s", strerror(errno));
		while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
			seq = (uint32_t)data[14] << 24 | (uint32_t)data[15] << 16 |
			      (uint32_t)data[16] << 8 | data[17];
			CHECK(seq == next, "frame %u where %u was due", seq, next);
			CHECK(h->caplen == len && h->len == len &&
			      frame_ok(data, seq, len),
			      "frame %u: caplen %u len %u, or bad bytes", seq,
			      h->caplen, h->len);
			next = seq + 1;
		}
		CHECK(rc == 0, "pcap_next_ex returned %d (%s)", rc,
		      pcap_geterr(p));
		if (rc)
			break;
	}
	CHECK(next == count, "got %u of %lu frames", next, count);
	/* Nothing more may come. */
	poll(&pfd, 1, 500);
	rc = pcap_next_ex(p, &h, &data);
	CHECK(rc == 0, "an extra frame after the last: pcap_next_ex %d", rc);
	CHECK(pcap_stats(p, &st) == 0, "stats: %s", pcap_geterr(p));
	CHECK(st.ps_recv == count && st.ps_drop == 0,
	      "stats: ps_recv %u ps_drop %u, want %lu and 0", st.ps_recv,
	      st.ps_drop, count);
	pcap_close(p);
	printf("received %u frames%s\n", next, failures ? " (with failures)" : "");
	return failures ? 1 : 0;
}
