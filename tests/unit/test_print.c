// SPDX-License-Identifier: GPL-2.0
/* pfring_print_pkt() and pfring_print_parsed_pkt(). */
#include <string.h>

#include <pfring.h>

#include "check_main.h"
#include "frames.h"

static void contains(const char *line, const char *want)
{
	ck_assert_msg(strstr(line, want) != NULL, "\"%s\" not in \"%s\"",
		      want, line);
}

START_TEST(ipv4_tcp_line)
{
	struct frame f;
	char line[512];
	int n;

	fr_init(&f);
	fr_eth(&f, 0x8100);
	fr_tag(&f, 7, 0x0800);
	fr_ipv4(&f, 6, 1, 0, 5);
	fr_tcp(&f, 1234, 80, 100, 200, 0x12, 5);
	n = pfring_print_pkt(line, sizeof(line), f.b, 1500, f.len);
	ck_assert_int_eq(n, (int)strlen(line));
	contains(line, "[66:77:88:99:aa:bb -> 00:11:22:33:44:55]");
	contains(line, "[vlan=7]");
	contains(line, "[IPv4][10.0.0.1:1234 -> 10.0.0.2:80]");
	contains(line, "[l3_proto=TCP][tcp_flags=SA][tcp_seq=100][tcp_ack=200]");
	contains(line, "[caplen=58][len=1500]");
	contains(line, "[l3=18][l4=38][payload=58]");
	ck_assert_int_eq(line[n - 1], '\n');
	ck_assert_ptr_eq(strchr(line, '\n'), line + n - 1);
}
END_TEST

START_TEST(ipv6_icmp_and_non_ip_lines)
{
	struct frame f;
	char line[512];

	fr_init(&f);
	fr_eth(&f, 0x86dd);
	fr_ipv6(&f, 58, 0);
	fr_icmp(&f, 128, 0);
	pfring_print_pkt(line, sizeof(line), f.b, f.len, f.len);
	contains(line, "[IPv6][2001:db8::1 -> 2001:db8::2]");
	contains(line, "[l3_proto=ICMPv6][icmp_type=128][icmp_code=0]");

	fr_init(&f);
	fr_eth(&f, 0x0806);
	fr_zeros(&f, 28);
	pfring_print_pkt(line, sizeof(line), f.b, f.len, f.len);
	contains(line, "[eth_type=0x0806]");

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 1, 100, 5);
	pfring_print_pkt(line, sizeof(line), f.b, f.len, f.len);
	contains(line, "[l3_proto=UDP]");
	contains(line, "[fragment]");
}
END_TEST

START_TEST(short_buffer_is_cut_and_terminated)
{
	struct frame f;
	char line[512], small[16];
	size_t len;
	int n;

	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 1, 0, 5);
	fr_udp(&f, 1, 2);
	pfring_print_pkt(line, sizeof(line), f.b, f.len, f.len);
	len = strlen(line);
	for (n = 1; n <= (int)sizeof(small); n++) {
		memset(small, 'x', sizeof(small));
		ck_assert_int_eq(pfring_print_pkt(small, (u_int)n, f.b, f.len,
						  f.len), n - 1);
		ck_assert_int_eq(small[n - 1], '\0');
		ck_assert(strncmp(small, line, (size_t)n - 1) == 0);
	}
	ck_assert_uint_gt(len, sizeof(small));
	ck_assert_int_eq(pfring_print_pkt(small, 0, f.b, f.len, f.len), 0);
	ck_assert_int_eq(pfring_print_pkt(NULL, 10, f.b, f.len, f.len),
			 PF_RING_ERROR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(parsed_line_uses_header)
{
	struct pfring_pkthdr h;
	char line[512];

	memset(&h, 0, sizeof(h));
	h.caplen = 60;
	h.len = 60;
	h.extended_hdr.if_index = 3;
	h.extended_hdr.rx_direction = 0;
	h.extended_hdr.parsed_pkt.ip_version = 4;
	h.extended_hdr.parsed_pkt.l3_proto = 17;
	h.extended_hdr.parsed_pkt.ip_src.v4 = 0xc0a80001;
	h.extended_hdr.parsed_pkt.ip_dst.v4 = 0xc0a80002;
	h.extended_hdr.parsed_pkt.l4_src_port = 53;
	h.extended_hdr.parsed_pkt.l4_dst_port = 5353;
	pfring_print_parsed_pkt(line, sizeof(line), NULL, &h);
	contains(line, "[192.168.0.1:53 -> 192.168.0.2:5353]");
	contains(line, "[if_index=3][TX]");
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("print");

	tcase_add_test(tc, ipv4_tcp_line);
	tcase_add_test(tc, ipv6_icmp_and_non_ip_lines);
	tcase_add_test(tc, short_buffer_is_cut_and_terminated);
	tcase_add_test(tc, parsed_line_uses_header);
	suite_add_tcase(s, tc);
	return s;
}
