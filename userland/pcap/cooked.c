// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tcpdump captures on "any" with DLT_LINUX_SLL2 (and offers
 * DLT_LINUX_SLL): a cooked header instead of the Ethernet one, telling
 * the device, its link type, the packet's direction and the source
 * address.  The ring holds Ethernet frames plus their device and
 * direction, so the cooked packet is rebuilt here, byte for byte as
 * AF_PACKET and libpcap 1.10 build it:
 *
 *  - protocol: the frame's type field, or for 802.3 frames the kernel's
 *    ETH_P_802_3 (raw IPX) / ETH_P_802_2;
 *  - packet type: outgoing for sent frames, else from the destination
 *    address as eth_type_trans() classifies it (the device's address is
 *    asked once in a while);
 *  - a VLAN tag the NIC stripped (and the ring put back): libpcap puts it
 *    back at the protocol field for SLL, and leaves it out for SLL2.
 */
#include "cooked.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <pcap/sll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

/* How long a device's address and type are trusted, in seconds. */
#define PFPCAP_DEV_TTL 2

int pfpcap_cooked_init(struct pfpcap_cooked *c, u_int32_t max_frame)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->buf_len = (size_t)max_frame + SLL2_HDR_LEN;
	c->buf = malloc(c->buf_len);
	return c->buf ? 0 : -ENOMEM;
}

void pfpcap_cooked_free(struct pfpcap_cooked *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->buf);
	c->buf = NULL;
}

static int64_t pfpcap_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* The cache entry of ifindex, (re)filled when missing or stale. */
static int pfpcap_dev(struct pfpcap_cooked *c, int ifindex)
{
	int i = (unsigned int)ifindex % PFPCAP_COOKED_DEVS;
	int64_t now = pfpcap_now_s();
	struct ifreq ifr;

	if (c->devs[i].ifindex == ifindex && now - c->devs[i].when < PFPCAP_DEV_TTL)
		return i;
	c->devs[i].ifindex = ifindex;
	c->devs[i].when = now;
	c->devs[i].hatype = ARPHRD_ETHER;
	memset(c->devs[i].mac, 0, 6);
	if (c->fd < 0)
		c->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&ifr, 0, sizeof(ifr));
	if (c->fd >= 0 && ifindex > 0 &&
	    if_indextoname((unsigned int)ifindex, ifr.ifr_name) &&
	    ioctl(c->fd, SIOCGIFHWADDR, &ifr) == 0) {
		c->devs[i].hatype = ifr.ifr_hwaddr.sa_family;
		memcpy(c->devs[i].mac, ifr.ifr_hwaddr.sa_data, 6);
	}
	return i;
}

/* What eth_type_trans() makes of a received frame's destination. */
static u_int8_t pfpcap_pkttype(struct pfpcap_cooked *c, int ifindex,
			       const u_char *frame)
{
	static const u_char bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (frame[0] & 1)
		return memcmp(frame, bcast, 6) ? PACKET_MULTICAST : PACKET_BROADCAST;
	return memcmp(frame, c->devs[pfpcap_dev(c, ifindex)].mac, 6) ?
	       PACKET_OTHERHOST : PACKET_HOST;
}

/* The protocol AF_PACKET reports for a type field (eth_type_trans()). */
static u_int16_t pfpcap_protocol(const u_char *type, u_int32_t left)
{
	u_int16_t t = (u_int16_t)(type[0] << 8 | type[1]);

	if (t >= ETH_P_802_3_MIN)
		return t;
	return left >= 4 && type[2] == 0xff && type[3] == 0xff ? ETH_P_802_3
							       : ETH_P_802_2;
}

const u_char *pfpcap_cooked(struct pfpcap_cooked *c, int dlt, int snaplen,
			    const struct pfring_pkthdr *h, const u_char *frame,
			    struct pcap_pkthdr *ph)
{
	const struct pfring_extended_pkthdr *x = &h->extended_hdr;
	u_int32_t caplen = h->caplen, len = h->len, skip = ETH_HLEN, hdr;
	u_int16_t proto = 0, hatype;
	u_int8_t type;
	u_char *b = c->buf;

	if (caplen < ETH_HLEN) {	/* nothing to take apart */
		skip = caplen;
	} else if (dlt == DLT_LINUX_SLL2 && (x->flags & PKT_FLAGS_VLAN_HWACCEL) &&
		   caplen >= ETH_HLEN + 4) {
		skip = ETH_HLEN + 4;	/* libpcap drops an offloaded tag here */
		proto = pfpcap_protocol(frame + ETH_HLEN + 2, caplen - ETH_HLEN - 2);
	} else {
		proto = pfpcap_protocol(frame + 12, caplen - 12);
	}
	hatype = c->devs[pfpcap_dev(c, x->if_index)].hatype;
	type = x->rx_direction ? pfpcap_pkttype(c, x->if_index, frame)
			       : PACKET_OUTGOING;

	hdr = dlt == DLT_LINUX_SLL2 ? SLL2_HDR_LEN : SLL_HDR_LEN;
	memset(b, 0, hdr);
	if (dlt == DLT_LINUX_SLL2) {
		struct sll2_header *s = (struct sll2_header *)b;

		s->sll2_protocol = htons(proto);
		s->sll2_if_index = htonl((u_int32_t)x->if_index);
		s->sll2_hatype = htons(hatype);
		s->sll2_pkttype = type;
		s->sll2_halen = 6;
		if (caplen >= 12)
			memcpy(s->sll2_addr, frame + 6, 6);
	} else {
		struct sll_header *s = (struct sll_header *)b;

		s->sll_pkttype = htons(type);
		s->sll_hatype = htons(hatype);
		s->sll_halen = htons(6);
		if (caplen >= 12)
			memcpy(s->sll_addr, frame + 6, 6);
		s->sll_protocol = htons(proto);
	}
	caplen -= skip;
	if (caplen > c->buf_len - hdr)
		caplen = (u_int32_t)(c->buf_len - hdr);
	memcpy(b + hdr, frame + skip, caplen);
	ph->caplen = hdr + caplen;
	if (ph->caplen > (u_int32_t)snaplen)
		ph->caplen = (u_int32_t)snaplen;
	ph->len = hdr + (len > skip ? len - skip : 0);
	return b;
}
