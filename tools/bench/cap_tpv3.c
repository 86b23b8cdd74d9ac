// SPDX-License-Identifier: GPL-2.0
/*
 * AF_PACKET TPACKET_V3 with libpcap's ring geometry: blocks of 256 KiB
 * (libpcap sizes a V3 "frame" as its 262144-byte maximum snaplen and a
 * block as the smallest power-of-two pages holding one), as many blocks
 * as the buffer size allows, the read timeout as the block retire
 * timeout, no private area, PACKET_RESERVE 4.  Default buffer: 2 MiB,
 * libpcap's.
 */
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "afpacket.h"
#include "benchcap.h"

#define V3_BLOCK	((size_t)256 * 1024)

static int fd = -1;
static unsigned char *ring;
static struct tpacket_req3 req;
static unsigned int snaplen;
static unsigned int block;	/* the next block to read */

static size_t ring_bytes(void)
{
	return (size_t)req.tp_block_size * req.tp_block_nr;
}

static int v3_open(const struct cap_opts *o)
{
	size_t bytes = o->ring_bytes ? o->ring_bytes : AFP_DEFAULT_BUFFER;

	memset(&req, 0, sizeof(req));
	req.tp_block_size = V3_BLOCK;
	req.tp_frame_size = V3_BLOCK;
	req.tp_block_nr = (unsigned int)(bytes / V3_BLOCK);
	if (!req.tp_block_nr)
		req.tp_block_nr = 1;
	req.tp_frame_nr = req.tp_block_nr;
	req.tp_retire_blk_tov = o->timeout_ms;
	/* V3 has no per-frame limit: libpcap applies the snaplen itself. */
	snaplen = o->snaplen;
	fd = afp_open(TPACKET_V3, &req, sizeof(req), ring_bytes(), o->dev, &ring);
	return fd < 0 ? -1 : 0;
}

/* Every packet of one block the kernel has handed over. */
static void v3_read_block(struct tpacket_block_desc *bd)
{
	unsigned char *p = (unsigned char *)bd + bd->hdr.bh1.offset_to_first_pkt;
	unsigned int n = bd->hdr.bh1.num_pkts;

	while (n--) {
		struct tpacket3_hdr *h = (struct tpacket3_hdr *)p;

		count_packet(p + h->tp_mac, h->tp_snaplen < snaplen ?
			     h->tp_snaplen : snaplen);
		p += h->tp_next_offset;
	}
}

/* Reads the next block if the kernel has handed it over; 1 if it had. */
static int v3_next_block(void)
{
	struct tpacket_block_desc *bd = (struct tpacket_block_desc *)
		(ring + (size_t)block * req.tp_block_size);

	if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) &
	      TP_STATUS_USER))
		return 0;
	v3_read_block(bd);
	__atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL,
			 __ATOMIC_RELEASE);
	block = (block + 1) % req.tp_block_nr;
	return 1;
}

static int v3_run(void)
{
	while (!stop_requested())
		if (!v3_next_block())
			afp_wait(fd);
	return 0;
}

/* A block still being filled waits for its retire timeout (-t). */
static int v3_drain(void)
{
	while (v3_next_block())
		;
	return 0;
}

static void v3_close(struct cap_result *r)
{
	afp_close(fd, ring, ring_bytes(), r);
}

const struct capture cap_tpv3 = {
	.name = "tpv3",
	.open = v3_open,
	.run = v3_run,
	.interrupt = afp_interrupt,
	.drain = v3_drain,
	.close = v3_close,
};
