// SPDX-License-Identifier: GPL-2.0
/*
 * send() on a PF_RING socket: frames leave on the bound device (or the
 * one sendto() names) and arrive byte-exact on the peer; sent and failed
 * calls are counted; bad frames and bad targets get their errno.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

#define NFRAMES 300

static struct pfring_stats stats_of(int fd)
{
	struct pfring_stats st = { 0 };
	socklen_t len = sizeof(st);

	KT_CHECK(!getsockopt(fd, SOL_PF_RING, SO_GET_STATS, &st, &len),
		 "stats: %s", strerror(errno));
	return st;
}

/* The socket's /proc file shows the same counts. */
static void check_proc(const char *dev, unsigned long long sent,
		       unsigned long long failed)
{
	char pat[128], line[256];
	unsigned long long ok = ~0ULL, err = ~0ULL;
	glob_t g;
	FILE *f;

	snprintf(pat, sizeof(pat), "/proc/net/pf_ring/%d-%s.*", getpid(), dev);
	KT_REQUIRE(glob(pat, 0, NULL, &g) == 0 && g.gl_pathc == 1,
		   "no single %s", pat);
	f = fopen(g.gl_pathv[0], "r");
	KT_REQUIRE(f, "open %s", g.gl_pathv[0]);
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "TX: Send Ok : %llu", &ok);
		sscanf(line, "TX: Send Errors : %llu", &err);
	}
	fclose(f);
	KT_CHECK(ok == sent && err == failed, "%s: sent %llu failed %llu, want %llu %llu",
		 g.gl_pathv[0], ok, err, sent, failed);
	globfree(&g);
}

static void check_send(void)
{
	struct kt_ring rx;
	const struct pfring_slot *s;
	uint8_t frame[1514];
	int fd = kt_socket();
	uint32_t i;

	kt_ring_open(&rx, "vb", 1514, 1024);
	KT_REQUIRE(!kt_bind(fd, kt_ifindex("va"), 0), "bind: %s", strerror(errno));
	for (i = 0; i < NFRAMES; i++) {
		size_t len = kt_frame(frame, i, 60 + (i * 37) % 1455);
		ssize_t n = send(fd, frame, len, 0);

		KT_CHECK(n == (ssize_t)len, "send %u: %zd (%s)", i, n,
			 strerror(errno));
	}
	usleep(200 * 1000);
	for (i = 0; (s = kt_ring_next(&rx)); i++) {
		size_t len = kt_frame(frame, i, 60 + (i * 37) % 1455);

		KT_CHECK(s->len == len && s->caplen == len &&
			 !memcmp(s + 1, frame, len), "frame %u differs", i);
	}
	KT_CHECK(i == NFRAMES, "peer got %u frames, want %u", i, NFRAMES);
	KT_CHECK(stats_of(fd).tx_sent == NFRAMES && stats_of(fd).tx_failed == 0,
		 "tx_sent %llu tx_failed %llu",
		 (unsigned long long)stats_of(fd).tx_sent,
		 (unsigned long long)stats_of(fd).tx_failed);
	check_proc("va", NFRAMES, 0);

	/* sendto() another device: vb's frames arrive on va. */
	{
		struct sockaddr_pfring sa = {
			.spr_family = PF_RING, .spr_ifindex = kt_ifindex("vb"),
		};
		struct kt_ring back;
		size_t len = kt_frame(frame, 9, 99);

		kt_ring_open(&back, "va", 0, 0);
		KT_CHECK(sendto(fd, frame, len, 0, (struct sockaddr *)&sa,
				sizeof(sa)) == (ssize_t)len, "sendto: %s",
			 strerror(errno));
		usleep(100 * 1000);
		s = kt_ring_next(&back);
		KT_CHECK(s && s->len == len && !memcmp(s + 1, frame, len),
			 "sendto: frame missing or different");
		kt_ring_close(&back);
	}
	kt_ring_close(&rx);
	close(fd);
}

static void check_errors(void)
{
	uint8_t frame[1600] = { 0 };
	struct sockaddr_pfring sa = { .spr_family = PF_RING, .spr_reserved = 1,
				      .spr_ifindex = kt_ifindex("va") };
	int unbound = kt_socket(), any = kt_socket(), fd = kt_socket();
	unsigned int fails = 0;

	KT_REQUIRE(!kt_bind(any, 0, 0), "bind any: %s", strerror(errno));
	KT_REQUIRE(!kt_bind(fd, kt_ifindex("va"), 0), "bind: %s", strerror(errno));
	kt_frame(frame, 0, sizeof(frame));

	KT_ERRNO(send(unbound, frame, 60, 0), EDESTADDRREQ);
	KT_ERRNO(send(any, frame, 60, 0), EDESTADDRREQ);
	KT_ERRNO(send(fd, frame, 0, 0), EINVAL); fails++;
	KT_ERRNO(send(fd, frame, 13, 0), EINVAL); fails++;
	/* MTU 1500: 1514 bytes, 1518 with a tag. */
	KT_ERRNO(send(fd, frame, 1515, 0), EMSGSIZE); fails++;
	memcpy(frame + 12, "\x81\x00\x00\x05", 4);
	KT_CHECK(send(fd, frame, 1518, 0) == 1518, "tagged 1518: %s",
		 strerror(errno));
	KT_ERRNO(send(fd, frame, 1519, 0), EMSGSIZE); fails++;
	KT_ERRNO(sendto(fd, frame, 60, 0, (struct sockaddr *)&sa, sizeof(sa)),
		 EINVAL); fails++;
	sa.spr_reserved = 0;
	KT_ERRNO(sendto(fd, frame, 60, 0, (struct sockaddr *)&sa, 8), EINVAL);
	fails++;
	sa.spr_ifindex = 99999;
	KT_ERRNO(sendto(fd, frame, 60, 0, (struct sockaddr *)&sa, sizeof(sa)),
		 ENXIO); fails++;
	kt_sh("ip link set va down");
	KT_ERRNO(send(fd, frame, 60, 0), ENETDOWN); fails++;
	kt_sh("ip link set va up");
	KT_CHECK(stats_of(fd).tx_sent == 1 && stats_of(fd).tx_failed == fails,
		 "tx_sent %llu tx_failed %llu, want 1 and %u",
		 (unsigned long long)stats_of(fd).tx_sent,
		 (unsigned long long)stats_of(fd).tx_failed, fails);
	check_proc("va", 1, fails);

	/* The device goes away under a bound socket. */
	kt_sh("ip link del va");
	usleep(50 * 1000);
	KT_ERRNO(send(fd, frame, 60, 0), ENXIO);
	/* Bound again to a new device: the old device's error is gone too. */
	kt_veth("va", "vb");
	KT_REQUIRE(!kt_bind(fd, kt_ifindex("va"), 0), "rebind: %s", strerror(errno));
	KT_CHECK(send(fd, frame, 60, 0) == 60, "send after rebind: %s",
		 strerror(errno));
	close(unbound);
	close(any);
	close(fd);
}

int main(void)
{
	kt_private_netns();
	kt_veth("va", "vb");
	check_send();
	check_errors();
	return kt_done("tx");
}
