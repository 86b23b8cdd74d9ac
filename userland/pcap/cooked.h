/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Linux cooked headers for captures on "any" (cooked.c). */
#ifndef PFPCAP_COOKED_H
#define PFPCAP_COOKED_H

#include <stdint.h>
#include <pcap/pcap.h>
#include <pfring.h>

#define PFPCAP_COOKED_DEVS 32

struct pfpcap_cooked {
	int fd;			/* for device queries, opened on first use */
	struct {
		int ifindex;	/* 0: empty */
		int64_t when;	/* CLOCK_MONOTONIC seconds of the query */
		u_int16_t hatype;
		u_char mac[6];
	} devs[PFPCAP_COOKED_DEVS];
	u_char *buf;		/* the packet with its cooked header */
	size_t buf_len;
};

int pfpcap_cooked_init(struct pfpcap_cooked *c, u_int32_t max_frame);
void pfpcap_cooked_free(struct pfpcap_cooked *c);

/*
 * The frame of h as a DLT_LINUX_SLL or DLT_LINUX_SLL2 packet, as AF_PACKET
 * and libpcap would have delivered it; ph->caplen and ph->len are set,
 * caplen at most snaplen.  Valid until the next call.
 */
const u_char *pfpcap_cooked(struct pfpcap_cooked *c, int dlt, int snaplen,
			    const struct pfring_pkthdr *h, const u_char *frame,
			    struct pcap_pkthdr *ph);

#endif /* PFPCAP_COOKED_H */
