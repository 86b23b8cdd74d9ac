/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Ethernet/IP header parser shared by pf_ring.ko and libpfring.
 *
 * The same source is compiled into the kernel module and into user space,
 * so it depends on nothing but <linux/types.h> and the UAPI header.
 *
 * pfr_parse() zeroes *out and fills it from the first caplen bytes of an
 * Ethernet frame.  It never reads beyond caplen.  Each header is taken
 * only when its fixed part was captured: a header cut short sets
 * PFRING_PARSED_TRUNCATED and leaves it and everything after it zero.
 *
 * - l3_offset is set for IPv4/IPv6 once the fixed header is captured, and
 *   for any other EtherType once at least one byte follows the L2 header.
 * - l4_offset is set for TCP (20 bytes), UDP (8), ICMP/ICMPv6 (4) and
 *   SCTP (12) together with PFRING_PARSED_L4, and for any other protocol
 *   (IPv6 "no next header" excepted) once one byte of it is captured.
 *   Non-first IP fragments have no l4_offset.
 * - payload_offset follows a complete TCP (with options), UDP or SCTP
 *   header; it may equal caplen when no payload byte was captured.
 * - More than 8 IPv6 extension headers stop the walk: l4_proto is then
 *   the type of the ninth and l4_offset stays 0.
 */
#ifndef _PFR_PARSE_H
#define _PFR_PARSE_H

#include <linux/types.h>
#include <linux/pf_ring.h>

void pfr_parse(const __u8 *frame, __u32 caplen, struct pfring_parsed *out);

#endif /* _PFR_PARSE_H */
