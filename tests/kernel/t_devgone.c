// SPDX-License-Identifier: GPL-2.0
/*
 * The bound device is deleted: the socket stops receiving, poll()
 * reports POLLERR, reads fail with ENODEV, queued packets stay
 * readable, and the socket binds again once the device is back.
 * Repeated many times to shake out reference leaks.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

static void send_frames(unsigned int n)
{
	uint8_t frame[64];
	int tx = kt_tx_open("va");
	unsigned int i;

	for (i = 0; i < n; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	close(tx);
	usleep(50 * 1000);
}

int main(void)
{
	struct pollfd p;
	struct kt_ring r;
	char buf[16];
	int err, i;
	socklen_t len;

	kt_private_netns();
	kt_veth("va", "vb");
	kt_ring_open(&r, "vb", 128, 64);
	KT_REQUIRE(!kt_setopt_u32(r.fd, SO_SET_IFF_PROMISC, 1), "promisc: %s",
		   strerror(errno));
	send_frames(3);
	KT_CHECK(kt_ring_queued(&r) == 3, "queued %u", kt_ring_queued(&r));

	kt_sh("ip link del va");
	p = (struct pollfd){ .fd = r.fd, .events = POLLIN };
	KT_CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLERR),
		 "revents %#x after device removal", p.revents);
	KT_ERRNO(recv(r.fd, buf, sizeof(buf), 0), ENODEV);
	len = sizeof(err);
	KT_CHECK(!getsockopt(r.fd, SOL_SOCKET, SO_ERROR, &err, &len) &&
		 err == ENODEV, "SO_ERROR %d", err);
	KT_CHECK(kt_ring_queued(&r) == 3, "queued packets lost");
	KT_CHECK(kt_ring_next(&r) != NULL, "queued packet unreadable");

	for (i = 0; i < 20; i++) {
		kt_veth("va", "vb");
		KT_REQUIRE(!kt_bind(r.fd, kt_ifindex("vb"), 0), "rebind %d: %s",
			   i, strerror(errno));
		KT_CHECK(!kt_setopt_u32(r.fd, SO_SET_IFF_PROMISC, 1), "promisc");
		send_frames(1);
		kt_sh("ip link del vb");
	}
	KT_CHECK(kt_ring_stats(&r).recv == 3 + 20, "recv %llu",
		 (unsigned long long)kt_ring_stats(&r).recv);

	kt_ring_close(&r);
	return kt_done("devgone");
}
