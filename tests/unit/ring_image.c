// SPDX-License-Identifier: GPL-2.0
/* In-memory ring images for tests; see ring_image.h. */
#include "ring_image.h"

#include <stdlib.h>
#include <string.h>

#include "pfr_parse.h"

void ring_image_init(struct ring_image *img, __u32 min_slots,
		     __u32 bucket_len, __u64 start)
{
	__u32 slot_len = PFRING_RECORD_LEN(IMG_HDR_LEN, bucket_len);
	/* As pfr_ring_alloc(): room for the longest skip of a short end. */
	__u64 want = (__u64)min_slots * slot_len + slot_len -
		     PFRING_RECORD_ALIGN;
	struct pfring_ring_info *info;
	__u64 data_size = 1;
	void *mem;

	while (data_size < want)
		data_size *= 2;
	/* A test asking for an impossible ring is a bug in the test. */
	if (data_size > 1U << 30 || PFRING_POS_BYTES(start) % PFRING_RECORD_ALIGN)
		abort();

	memset(img, 0, sizeof(*img));
	/*
	 * The module page-aligns mem_size; not doing so here leaves no
	 * slack after the data area for an overrun to hide in.
	 */
	img->size = IMG_SLOTS_OFFSET + (size_t)data_size;
	if (posix_memalign(&mem, 4096, img->size))
		abort();
	memset(mem, 0, img->size);
	img->mem = mem;
	img->hdr = mem;
	img->data = (unsigned char *)mem + IMG_SLOTS_OFFSET;
	img->data_size = (__u32)data_size;
	img->slot_len = slot_len;
	img->bucket_len = bucket_len;
	img->parse = 1;

	info = &img->hdr->info;
	info->magic = PFRING_RING_MAGIC;
	info->version = PFRING_RING_VERSION;
	info->num_slots = (img->data_size - slot_len + PFRING_RECORD_ALIGN) /
			  slot_len;
	info->slot_len = slot_len;
	info->slot_hdr_len = IMG_HDR_LEN;
	info->bucket_len = bucket_len;
	info->slots_offset = IMG_SLOTS_OFFSET;
	info->data_size = img->data_size;
	info->mem_size = img->size;
	img->hdr->prod = start;
	img->hdr->cons = start;
	img->prod = start;
	img->cached_cons = PFRING_POS_BYTES(start);
}

void ring_image_free(struct ring_image *img)
{
	free(img->mem);
	img->mem = NULL;
	img->hdr = NULL;
	img->data = NULL;
}

/* Records do not wrap: an end shorter than the longest one is skipped. */
static __u32 skip_at(const struct ring_image *img, __u32 off)
{
	return PFRING_RECORD_SKIP(img->data_size, img->slot_len, off);
}

__u32 ring_image_offset(const struct ring_image *img, __u64 pos)
{
	__u32 off = PFRING_POS_BYTES(pos) & (img->data_size - 1);

	return skip_at(img, off) ? 0 : off;
}

struct pfring_slot *ring_image_at(struct ring_image *img, __u64 pos)
{
	return (struct pfring_slot *)(img->data + ring_image_offset(img, pos));
}

unsigned char ring_image_byte(__u32 record, __u32 i)
{
	return (unsigned char)(record * 7 + i);
}

__u64 ring_image_ts(__u32 record)
{
	return 1000000000ULL * record + 1000;
}

/*
 * The room check of __pfr_ring_write(): the record, with the skip before
 * it, must end within data_size of the consumer.  NULL when it does not.
 */
static struct pfring_slot *reserve(struct ring_image *img, __u32 caplen,
				   __u32 *need)
{
	__u32 bytes = PFRING_POS_BYTES(img->prod);
	__u32 off = bytes & (img->data_size - 1);
	__u32 skip = skip_at(img, off);

	if (caplen > img->bucket_len)
		abort();
	*need = skip + PFRING_RECORD_LEN(IMG_HDR_LEN, caplen);
	if (bytes - img->cached_cons + *need > img->data_size) {
		__u32 cons = PFRING_POS_BYTES(__atomic_load_n(&img->hdr->cons,
							      __ATOMIC_ACQUIRE));

		if (bytes - cons > img->data_size) {
			img->bad_cons++;
			img->drops++;
			return NULL;
		}
		img->cached_cons = cons;
		if (bytes - cons + *need > img->data_size) {
			img->drops++;
			return NULL;
		}
	}
	return (struct pfring_slot *)(img->data + (skip ? 0 : off));
}

static void publish(struct ring_image *img, __u32 need)
{
	img->prod = PFRING_POS(PFRING_POS_RECORDS(img->prod) + 1,
			       PFRING_POS_BYTES(img->prod) + need);
	__atomic_store_n(&img->hdr->prod, img->prod, __ATOMIC_RELEASE);
}

int ring_image_produce(struct ring_image *img, __u32 caplen)
{
	__u32 record = PFRING_POS_RECORDS(img->prod), need, i;
	struct pfring_slot *s = reserve(img, caplen, &need);
	unsigned char *frame;

	if (!s)
		return 0;
	memset(s, 0, sizeof(*s));
	s->ts_ns = ring_image_ts(record);
	s->caplen = caplen;
	s->len = caplen + 4;
	s->ifindex = (__s32)record;
	s->hash = ~record;
	frame = (unsigned char *)(s + 1);
	for (i = 0; i < caplen; i++)
		frame[i] = ring_image_byte(record, i);
	publish(img, need);
	return 1;
}

int ring_image_produce_frame(struct ring_image *img, const void *frame,
			     __u32 caplen, __u32 len)
{
	struct pfring_slot *s;
	__u32 need;

	s = reserve(img, caplen, &need);
	if (!s)
		return 0;
	memset(s, 0, sizeof(*s));
	s->ts_ns = img->ts_ns ? img->ts_ns : 1700000000123456789ULL;
	s->caplen = caplen;
	s->len = len;
	s->ifindex = 7;
	s->direction = PFRING_DIR_RX;
	s->flags = caplen < len ? PFRING_SLOT_F_TRUNCATED : 0;
	s->hash = 0xabcd;
	memcpy(s + 1, frame, caplen);
	if (img->parse) {
		pfr_parse(frame, caplen, &s->parsed);
		s->flags |= PFRING_SLOT_F_PARSED;
	} else {
		/* What an earlier record left: fragment bits among them. */
		memset(&s->parsed, 0x45, sizeof(s->parsed));
	}
	publish(img, need);
	return 1;
}
