// SPDX-License-Identifier: GPL-2.0
/* In-memory ring images for tests; see ring_image.h. */
#include "ring_image.h"

#include <stdlib.h>
#include <string.h>

#include "pfr_parse.h"

#define IMG_SLOTS_OFFSET	4096

static __u32 round_up(__u32 v, __u32 to)
{
	return (v + to - 1) / to * to;
}

void ring_image_init(struct ring_image *img, __u32 num_slots,
		     __u32 bucket_len, __u32 start)
{
	__u32 slot_len = round_up(sizeof(struct pfring_slot) + bucket_len, 64);
	struct pfring_ring_info *info;

	img->size = IMG_SLOTS_OFFSET + (size_t)num_slots * slot_len;
	img->mem = aligned_alloc(4096, round_up((__u32)img->size, 4096));
	memset(img->mem, 0, img->size);
	img->hdr = img->mem;
	info = &img->hdr->info;
	info->magic = PFRING_RING_MAGIC;
	info->version = PFRING_RING_VERSION;
	info->num_slots = num_slots;
	info->slot_len = slot_len;
	info->slot_hdr_len = sizeof(struct pfring_slot);
	info->bucket_len = bucket_len;
	info->slots_offset = IMG_SLOTS_OFFSET;
	info->mem_size = img->size;
	img->hdr->prod = start;
	img->hdr->cons = start;
	img->prod = start;
}

void ring_image_free(struct ring_image *img)
{
	free(img->mem);
	img->mem = NULL;
}

struct pfring_slot *ring_image_slot(struct ring_image *img, __u32 idx)
{
	const struct pfring_ring_info *info = &img->hdr->info;

	return (struct pfring_slot *)((unsigned char *)img->mem +
		info->slots_offset +
		(size_t)(idx & (info->num_slots - 1)) * info->slot_len);
}

unsigned char ring_image_byte(__u32 idx, __u32 i)
{
	return (unsigned char)(idx * 7 + i);
}

static void publish(struct ring_image *img)
{
	img->prod++;
	__atomic_store_n(&img->hdr->prod, img->prod, __ATOMIC_RELEASE);
}

void ring_image_produce(struct ring_image *img, __u32 caplen)
{
	struct pfring_slot *s = ring_image_slot(img, img->prod);
	unsigned char *frame = (unsigned char *)(s + 1);
	__u32 i, room = img->hdr->info.slot_len - sizeof(*s);

	memset(s, 0, sizeof(*s));
	s->ts_ns = 1000000000ULL * img->prod + 1000;
	s->caplen = caplen;
	s->len = caplen;
	/* A lying caplen must not make the test itself write out of bounds. */
	for (i = 0; i < caplen && i < room; i++)
		frame[i] = ring_image_byte(img->prod, i);
	publish(img);
}

void ring_image_produce_frame(struct ring_image *img, const void *frame,
			      __u32 caplen, __u32 len)
{
	struct pfring_slot *s = ring_image_slot(img, img->prod);

	memset(s, 0, sizeof(*s));
	s->ts_ns = 1700000000123456789ULL;
	s->caplen = caplen;
	s->len = len;
	s->ifindex = 7;
	s->direction = PFRING_DIR_RX;
	s->hash = 0xabcd;
	memcpy(s + 1, frame, caplen);
	pfr_parse(frame, caplen, &s->parsed);
	publish(img);
}
