// SPDX-License-Identifier: GPL-2.0
/*
 * Layouts programs depend on: pfring_pkthdr starts as a pcap_pkthdr, and
 * the ring's shared page and record arithmetic are what both sides of
 * <linux/pf_ring.h> compute.
 */
#include <stddef.h>

#include <linux/pf_ring.h>

#include <pcap/pcap.h>
#include <pfring.h>

#include "check_main.h"

_Static_assert(offsetof(struct pfring_pkthdr, ts) ==
	       offsetof(struct pcap_pkthdr, ts), "ts");
_Static_assert(offsetof(struct pfring_pkthdr, caplen) ==
	       offsetof(struct pcap_pkthdr, caplen), "caplen");
_Static_assert(offsetof(struct pfring_pkthdr, len) ==
	       offsetof(struct pcap_pkthdr, len), "len");
_Static_assert(offsetof(struct pfring_pkthdr, extended_hdr) >=
	       sizeof(struct pcap_pkthdr), "extended_hdr");

static void take_pcap_header(const struct pcap_pkthdr *ph, u_int32_t caplen)
{
	ck_assert_uint_eq(ph->caplen, caplen);
	ck_assert_int_eq(ph->ts.tv_sec, 12);
}

START_TEST(pkthdr_passes_as_pcap_header)
{
	struct pfring_pkthdr h;

	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = 12;
	h.caplen = 60;
	take_pcap_header((const struct pcap_pkthdr *)&h, 60);
}
END_TEST

/* The packed members keep ntop's offsets. */
START_TEST(ntop_packed_offsets)
{
	ck_assert_uint_eq(offsetof(struct pfring_extended_pkthdr, flags), 8);
	ck_assert_uint_eq(offsetof(struct pfring_extended_pkthdr, rx_direction),
			  12);
	ck_assert_uint_eq(offsetof(struct pfring_extended_pkthdr, if_index), 13);
	ck_assert_uint_eq(offsetof(struct pkt_parsing_info, eth_type), 12);
	ck_assert_uint_eq(offsetof(struct pkt_parsing_info, ip_version), 18);
	ck_assert_uint_eq(offsetof(struct pkt_parsing_info, ip_src), 21);
	ck_assert_uint_eq(sizeof(struct pkt_offset), 10);
}
END_TEST

/* prod and cons on cache lines of their own; positions stored whole. */
START_TEST(ring_header_offsets)
{
	ck_assert_uint_eq(offsetof(struct pfring_ring_info, slots_offset), 24);
	ck_assert_uint_eq(offsetof(struct pfring_ring_info, data_size), 28);
	ck_assert_uint_eq(offsetof(struct pfring_ring_info, mem_size), 32);
	ck_assert_uint_eq(offsetof(struct pfring_ring_hdr, prod), 64);
	ck_assert_uint_eq(offsetof(struct pfring_ring_hdr, status), 72);
	ck_assert_uint_eq(offsetof(struct pfring_ring_hdr, cons), 128);
	ck_assert_uint_eq(sizeof(((struct pfring_ring_hdr *)0)->prod), 8);
	ck_assert_uint_eq(sizeof(((struct pfring_ring_hdr *)0)->cons), 8);
	/* Every record starts aligned for the slot's __u64. */
	ck_assert_uint_eq(sizeof(struct pfring_slot) % PFRING_RECORD_ALIGN, 0);
}
END_TEST

START_TEST(record_len_rounds_to_align)
{
	const __u32 hdr = sizeof(struct pfring_slot);

	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, 0), 96);
	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, 1), 112);
	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, 16), 112);
	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, 17), 128);
	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, PFRING_DEFAULT_BUCKET_LEN),
			  1632);
	ck_assert_uint_eq(PFRING_RECORD_LEN(hdr, PFRING_MAX_BUCKET_LEN),
			  65632);
}
END_TEST

/* The halves never carry into each other: each wraps on its own. */
START_TEST(position_halves)
{
	__u64 pos = PFRING_POS(0xffffffffu, 0xfffffff0u);
	__u32 records = 0xffffffffu, bytes = 0xfffffff0u;

	ck_assert_uint_eq(pos, 0xfffffffffffffff0ULL);
	ck_assert_uint_eq(PFRING_POS_RECORDS(pos), 0xffffffffu);
	ck_assert_uint_eq(PFRING_POS_BYTES(pos), 0xfffffff0u);
	pos = PFRING_POS(records + 1, bytes + 0x20);
	ck_assert_uint_eq(pos, 0x10);
	/* Sums done in 64 bits are cut to their half, not carried. */
	pos = PFRING_POS(5, (__u64)bytes + 0x20);
	ck_assert_uint_eq(PFRING_POS_RECORDS(pos), 5);
	ck_assert_uint_eq(PFRING_POS_BYTES(pos), 0x10);
	pos = PFRING_POS((__u64)records + 2, 7);
	ck_assert_uint_eq(pos, PFRING_POS(1, 7));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("pkthdr");
	TCase *ring = tcase_create("ring");

	tcase_add_test(tc, pkthdr_passes_as_pcap_header);
	tcase_add_test(tc, ntop_packed_offsets);
	suite_add_tcase(s, tc);
	tcase_add_test(ring, ring_header_offsets);
	tcase_add_test(ring, record_len_rounds_to_align);
	tcase_add_test(ring, position_halves);
	suite_add_tcase(s, ring);
	return s;
}
