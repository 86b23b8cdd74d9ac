/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pf_ring.ko ring laid out in ordinary memory, with a producer that
 * follows the kernel's side of the protocol, for driving the consumer.
 */
#ifndef PFR_RING_IMAGE_H
#define PFR_RING_IMAGE_H

#include <stddef.h>
#include <linux/pf_ring.h>

struct ring_image {
	void *mem;
	size_t size;
	struct pfring_ring_hdr *hdr;
	__u32 prod;		/* the producer's own copy */
};

/* A ring of num_slots slots whose indexes both start at start. */
void ring_image_init(struct ring_image *img, __u32 num_slots,
		     __u32 bucket_len, __u32 start);
void ring_image_free(struct ring_image *img);

/* The frame byte at offset i of the packet written at index idx. */
unsigned char ring_image_byte(__u32 idx, __u32 i);

/* Writes a packet of caplen bytes (no clamping) and publishes it. */
void ring_image_produce(struct ring_image *img, __u32 caplen);

/* Writes a given frame and publishes it. */
void ring_image_produce_frame(struct ring_image *img, const void *frame,
			      __u32 caplen, __u32 len);

struct pfring_slot *ring_image_slot(struct ring_image *img, __u32 idx);

#endif
