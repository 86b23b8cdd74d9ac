// SPDX-License-Identifier: GPL-2.0
/*
 * PF_RING through libpfring: zero-copy pfring_recv() that sleeps in poll()
 * with the library's default watermark, as an ordinary application would;
 * "pfring_burst" reads the same ring with pfring_recv_burst(), up to
 * PFR_BENCH_BURST packets a call.
 * The ring size is the module's (min_num_slots); ring_bytes is not used.
 * The ring_bytes reported is the data area, as the other readers report
 * their ring without its header.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <pfring.h>
#include <linux/pf_ring.h>

#include "benchcap.h"

static pfring *ring;

static int pfr_open(const struct cap_opts *o)
{
	ring = pfring_open(o->dev, o->snaplen, PF_RING_PROMISC);
	if (!ring) {
		fprintf(stderr, "benchcap: pfring_open %s: %s\n", o->dev,
			strerror(errno));
		return -1;
	}
	pfring_set_application_name(ring, "benchcap");
	if (pfring_enable_ring(ring) < 0) {
		fprintf(stderr, "benchcap: pfring_enable_ring: %s\n",
			strerror(errno));
		pfring_close(ring);
		return -1;
	}
	return 0;
}

static int pfr_run(void)
{
	struct pfring_pkthdr hdr;
	u_char *pkt;
	int rc;

	while (!stop_requested()) {
		rc = pfring_recv(ring, &pkt, 0, &hdr, 1);
		if (rc > 0)
			count_packet(pkt, hdr.caplen);
		else if (rc < 0) {
			fprintf(stderr, "benchcap: pfring_recv: %d\n", rc);
			return -1;
		}
	}
	return 0;
}

static int pfr_drain(void)
{
	struct pfring_pkthdr hdr;
	u_char *pkt;
	int rc;

	while ((rc = pfring_recv(ring, &pkt, 0, &hdr, 0)) > 0)
		count_packet(pkt, hdr.caplen);
	if (rc < 0) {
		fprintf(stderr, "benchcap: pfring_recv: %d\n", rc);
		return -1;
	}
	return 0;
}

#define PFR_BENCH_BURST	64

static int pfr_burst_read(u_int8_t wait)
{
	pfring_packet_info pk[PFR_BENCH_BURST];
	int i, n;

	n = pfring_recv_burst(ring, pk, PFR_BENCH_BURST, wait);
	if (n < 0) {
		fprintf(stderr, "benchcap: pfring_recv_burst: %d\n", n);
		return -1;
	}
	for (i = 0; i < n; i++)
		count_packet(pk[i].data, pk[i].caplen);
	return n;
}

static int pfr_burst_run(void)
{
	while (!stop_requested())
		if (pfr_burst_read(1) < 0)
			return -1;
	return 0;
}

static int pfr_burst_drain(void)
{
	int n;

	while ((n = pfr_burst_read(0)) > 0)
		;
	return n;
}

static void pfr_interrupt(void)
{
	pfring_breakloop(ring);
}

static void pfr_close(struct cap_result *r)
{
	struct pfring_ring_info info;
	socklen_t len = sizeof(info);
	pfring_stat st;

	if (pfring_stats(ring, &st) == 0)
		r->drops = st.drop;
	if (getsockopt(pfring_get_selectable_fd(ring), SOL_PF_RING,
		       SO_GET_RING_INFO, &info, &len) == 0)
		r->ring_bytes = info.data_size;
	pfring_close(ring);
}

const struct capture cap_pfring = {
	.name = "pfring",
	.open = pfr_open,
	.run = pfr_run,
	.interrupt = pfr_interrupt,
	.drain = pfr_drain,
	.close = pfr_close,
};

const struct capture cap_pfring_burst = {
	.name = "pfring_burst",
	.open = pfr_open,
	.run = pfr_burst_run,
	.interrupt = pfr_interrupt,
	.drain = pfr_burst_drain,
	.close = pfr_close,
};
