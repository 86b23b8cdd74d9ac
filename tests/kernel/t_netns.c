// SPDX-License-Identifier: GPL-2.0
/*
 * Network namespaces are walls: a socket cannot bind to another
 * namespace's device, and "any" sees only its own namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"

int main(void)
{
	uint8_t frame[64];
	struct kt_ring any;
	int outer, inner_fd, ifindex, tx, i;

	kt_private_netns();
	kt_veth("va", "vb");
	ifindex = kt_ifindex("vb");
	outer = open("/proc/self/ns/net", O_RDONLY);
	KT_REQUIRE(outer >= 0, "ns fd");

	/* An empty namespace: only lo, whose ifindex is 1. */
	KT_REQUIRE(!unshare(CLONE_NEWNET), "unshare");
	kt_sh("ip link set lo up");
	kt_ring_open(&any, NULL, 128, 64);
	inner_fd = kt_socket();
	KT_ERRNO(kt_bind(inner_fd, ifindex, 0), ENODEV);
	close(inner_fd);

	KT_REQUIRE(!setns(outer, CLONE_NEWNET), "setns back");
	tx = kt_tx_open("va");
	for (i = 0; i < 10; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	usleep(100 * 1000);
	KT_CHECK(kt_ring_queued(&any) == 0,
		 "'any' in another namespace saw %u frames", kt_ring_queued(&any));
	KT_CHECK(kt_ring_stats(&any).recv == 0, "recv counted");
	kt_ring_close(&any);
	close(tx);
	return kt_done("netns");
}
