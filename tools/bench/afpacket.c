// SPDX-License-Identifier: GPL-2.0
/* AF_PACKET socket set-up shared by the TPACKET_V2 and V3 readers. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "afpacket.h"

static int afp_socket(int version)
{
	int reserve = AFP_RESERVE;
	int fd;

	/* Protocol 0: nothing is queued to the socket until afp_bind(). */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		fprintf(stderr, "benchcap: AF_PACKET socket: %s\n", strerror(errno));
		return -1;
	}
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) ||
	    setsockopt(fd, SOL_PACKET, PACKET_RESERVE, &reserve, sizeof(reserve))) {
		fprintf(stderr, "benchcap: PACKET_VERSION/RESERVE: %s\n",
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int afp_bind(int fd, const char *dev)
{
	struct sockaddr_ll sll;
	struct packet_mreq mr;
	unsigned int ifindex = if_nametoindex(dev);

	if (!ifindex) {
		fprintf(stderr, "benchcap: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		fprintf(stderr, "benchcap: bind %s: %s\n", dev, strerror(errno));
		return -1;
	}
	/* Promiscuous, as the other consumers are. */
	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = (int)ifindex;
	mr.mr_type = PACKET_MR_PROMISC;
	if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr))) {
		fprintf(stderr, "benchcap: promiscuous %s: %s\n", dev,
			strerror(errno));
		return -1;
	}
	return 0;
}

static unsigned char *afp_ring(int fd, const void *req, size_t req_len,
				size_t bytes)
{
	void *ring;

	if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, req, (socklen_t)req_len)) {
		fprintf(stderr, "benchcap: PACKET_RX_RING: %s\n", strerror(errno));
		return NULL;
	}
	ring = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ring == MAP_FAILED) {
		fprintf(stderr, "benchcap: mmap of the ring: %s\n", strerror(errno));
		return NULL;
	}
	return ring;
}

int afp_open(int version, const void *req, size_t req_len, size_t bytes,
	     const char *dev, unsigned char **ring)
{
	int fd = afp_socket(version);

	if (fd < 0)
		return -1;
	*ring = afp_ring(fd, req, req_len, bytes);
	if (*ring) {
		if (afp_bind(fd, dev) == 0)
			return fd;
		munmap(*ring, bytes);
	}
	close(fd);
	return -1;
}

/* Drops since the last read (the kernel resets them on each read). */
static uint64_t afp_drops(int fd)
{
	/* tpacket_stats_v3 starts like tpacket_stats; the larger one fits both. */
	struct tpacket_stats_v3 st;
	socklen_t len = sizeof(st);

	memset(&st, 0, sizeof(st));
	if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len))
		return 0;
	return st.tp_drops;
}

void afp_wait(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLERR };

	poll(&pfd, 1, -1);
}

void afp_interrupt(void)
{
}

void afp_close(int fd, unsigned char *ring, size_t bytes, struct cap_result *r)
{
	r->drops = afp_drops(fd);
	r->ring_bytes = bytes;
	munmap(ring, bytes);
	close(fd);
}
