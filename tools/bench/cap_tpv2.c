// SPDX-License-Identifier: GPL-2.0
/*
 * AF_PACKET TPACKET_V2: one fixed-size frame per packet.  The frame size
 * follows libpcap's rule (header, room for a 16-byte MAC header, the
 * PACKET_RESERVE headroom and the snaplen, TPACKET-aligned); the frames
 * are grouped in 64 KiB blocks, which wastes less of the buffer than
 * libpcap's page-sized blocks and changes nothing else for the kernel.
 */
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "afpacket.h"
#include "benchcap.h"

#define V2_BLOCK	((size_t)64 * 1024)

static int fd = -1;
static unsigned char *ring;
static struct tpacket_req req;
static unsigned int per_block;

static size_t ring_bytes(void)
{
	return (size_t)req.tp_block_size * req.tp_block_nr;
}

static int v2_open(const struct cap_opts *o)
{
	size_t bytes = o->ring_bytes ? o->ring_bytes : AFP_DEFAULT_BUFFER;

	memset(&req, 0, sizeof(req));
	req.tp_frame_size = TPACKET_ALIGN(TPACKET2_HDRLEN + 16 + AFP_RESERVE +
					  o->snaplen);
	req.tp_block_size = V2_BLOCK;
	per_block = V2_BLOCK / req.tp_frame_size;
	req.tp_block_nr = (unsigned int)(bytes / V2_BLOCK);
	if (!req.tp_block_nr)
		req.tp_block_nr = 1;
	req.tp_frame_nr = req.tp_block_nr * per_block;
	fd = afp_open(TPACKET_V2, &req, sizeof(req), ring_bytes(), o->dev, &ring);
	return fd < 0 ? -1 : 0;
}

static struct tpacket2_hdr *v2_frame(unsigned int i)
{
	return (struct tpacket2_hdr *)(ring +
		(size_t)(i / per_block) * req.tp_block_size +
		(size_t)(i % per_block) * req.tp_frame_size);
}

static int v2_run(void)
{
	unsigned int i = 0;

	while (!stop_requested()) {
		struct tpacket2_hdr *h = v2_frame(i);

		if (!(__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) &
		      TP_STATUS_USER)) {
			afp_wait(fd);
			continue;
		}
		count_packet((unsigned char *)h + h->tp_mac, h->tp_snaplen);
		__atomic_store_n(&h->tp_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
		if (++i == req.tp_frame_nr)
			i = 0;
	}
	return 0;
}

static void v2_close(struct cap_result *r)
{
	afp_close(fd, ring, ring_bytes(), r);
}

const struct capture cap_tpv2 = {
	.name = "tpv2",
	.open = v2_open,
	.run = v2_run,
	.interrupt = afp_interrupt,
	.close = v2_close,
};
