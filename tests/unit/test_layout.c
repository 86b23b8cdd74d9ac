// SPDX-License-Identifier: GPL-2.0
/* Layouts programs depend on: pfring_pkthdr starts as a pcap_pkthdr. */
#include <stddef.h>

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

Suite *test_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("pkthdr");

	tcase_add_test(tc, pkthdr_passes_as_pcap_header);
	tcase_add_test(tc, ntop_packed_offsets);
	suite_add_tcase(s, tc);
	return s;
}
