/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pf_ring.ko ring laid out in ordinary memory, with a producer that
 * follows the kernel's side of the protocol (__pfr_ring_write() in
 * kernel/pfr_ring.c), for driving the consumer.
 *
 * The allocation is exactly mem_size bytes, with the data area at its
 * end, so a consumer reading past the mapping trips AddressSanitizer.
 */
#ifndef PFR_RING_IMAGE_H
#define PFR_RING_IMAGE_H

#include <stddef.h>
#include <linux/pf_ring.h>

#define IMG_SLOTS_OFFSET	4096
#define IMG_HDR_LEN		((__u32)sizeof(struct pfring_slot))

struct ring_image {
	void *mem;
	size_t size;		/* info.mem_size */
	struct pfring_ring_hdr *hdr;
	unsigned char *data;
	__u32 data_size;
	__u32 slot_len;
	__u32 bucket_len;
	__u64 prod;		/* the producer's own position */
	__u32 cached_cons;	/* bytes of the last cons read, as the kernel */
	__u32 drops;		/* records refused: ring full */
	__u32 bad_cons;		/* of which with cons out of range */
	int parse;		/* SO_SET_PARSE_HEADERS, 1 unless changed */
	__u64 ts_ns;		/* produce_frame()'s stamp; 0: a fixed one */
};

/*
 * A ring sized as pfr_ring_alloc() sizes it for min_slots full-size
 * records of bucket_len bytes, both positions at start.  The byte half
 * of start must be a multiple of PFRING_RECORD_ALIGN.
 */
void ring_image_init(struct ring_image *img, __u32 min_slots,
		     __u32 bucket_len, __u64 start);
void ring_image_free(struct ring_image *img);

/* The data offset of the record at pos, after the skip of a short end. */
__u32 ring_image_offset(const struct ring_image *img, __u64 pos);
struct pfring_slot *ring_image_at(struct ring_image *img, __u64 pos);

/* The frame byte at offset i of the record_th packet written. */
unsigned char ring_image_byte(__u32 record, __u32 i);
/* Its timestamp. */
__u64 ring_image_ts(__u32 record);

/*
 * Writes a packet of caplen (at most bucket_len) bytes as the kernel
 * would, and publishes it.  Returns 0 when the ring has no room (the
 * kernel's drop), 1 otherwise.
 */
int ring_image_produce(struct ring_image *img, __u32 caplen);

/*
 * Writes a given frame, caplen already limited by the caller, parsed
 * only when img->parse is set (stale bytes in parsed otherwise).
 */
int ring_image_produce_frame(struct ring_image *img, const void *frame,
			     __u32 caplen, __u32 len);

#endif
