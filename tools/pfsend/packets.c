// SPDX-License-Identifier: GPL-2.0
/*
 * pfsend's frames: generated UDP flows or the packets of a pcap file,
 * all in memory before the first send so that sending is only send().
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packets.h"

static int frames_add(struct frames *f, const uint8_t *data, uint32_t len)
{
	uint8_t **d = realloc(f->data, (f->n + 1) * sizeof(*d));
	uint32_t *l;

	if (!d)
		return -1;
	f->data = d;
	l = realloc(f->len, (f->n + 1) * sizeof(*l));
	if (!l)
		return -1;
	f->len = l;
	f->data[f->n] = malloc(len);
	if (!f->data[f->n])
		return -1;
	memcpy(f->data[f->n], data, len);
	f->len[f->n++] = len;
	f->bytes += len;
	return 0;
}

/* The Internet checksum of an IPv4 header. */
static uint16_t ip_csum(const uint8_t *h, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int frames_generate(struct frames *f, uint32_t len, uint32_t flows)
{
	static const uint8_t eth[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1,
					 0x08, 0x00 };
	static const uint8_t dst[4] = { 10, 0, 0, 1 };
	uint8_t p[1514];

	for (uint32_t i = 0; i < flows; i++) {
		uint16_t ip_len = (uint16_t)(len - 14), udp_len = (uint16_t)(len - 34);
		uint16_t sport = (uint16_t)(10000 + i % 50000), csum;

		memset(p, 0, sizeof(p));
		memcpy(p, eth, sizeof(eth));
		p[14] = 0x45;
		p[16] = ip_len >> 8;
		p[17] = ip_len & 0xff;
		p[22] = 64;		/* TTL */
		p[23] = 17;		/* UDP */
		p[26] = 10;		/* 10.1.x.y -> 10.0.0.1 */
		p[27] = 1;
		p[28] = (uint8_t)(i >> 8);
		p[29] = (uint8_t)i;
		memcpy(p + 30, dst, sizeof(dst));
		csum = ip_csum(p + 14, 20);
		p[24] = csum >> 8;
		p[25] = csum & 0xff;
		p[34] = sport >> 8;
		p[35] = sport & 0xff;
		p[36] = 0x13;		/* port 5001 */
		p[37] = 0x89;
		p[38] = udp_len >> 8;
		p[39] = udp_len & 0xff;
		for (uint32_t b = 42; b < len; b++)
			p[b] = (uint8_t)(b + i);
		if (frames_add(f, p, len)) {
			fprintf(stderr, "pfsend: out of memory\n");
			return -1;
		}
	}
	return 0;
}

int frames_load_pcap(struct frames *f, const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(path, err);
	int rc;

	if (!p) {
		fprintf(stderr, "pfsend: %s\n", err);
		return -1;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		fprintf(stderr, "pfsend: %s: link type %s, not Ethernet\n", path,
			pcap_datalink_val_to_name(pcap_datalink(p)));
		pcap_close(p);
		return -1;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		if (h->caplen < h->len) {
			fprintf(stderr, "pfsend: %s: packet %zu was truncated to %u of %u bytes\n",
				path, f->n + 1, h->caplen, h->len);
			pcap_close(p);
			return -1;
		}
		if (frames_add(f, data, h->caplen)) {
			fprintf(stderr, "pfsend: out of memory\n");
			pcap_close(p);
			return -1;
		}
	}
	if (rc == PCAP_ERROR)
		fprintf(stderr, "pfsend: %s: %s\n", path, pcap_geterr(p));
	pcap_close(p);
	if (rc == PCAP_ERROR)
		return -1;
	if (!f->n) {
		fprintf(stderr, "pfsend: %s holds no packet\n", path);
		return -1;
	}
	return 0;
}

void frames_free(struct frames *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->data[i]);
	free(f->data);
	free(f->len);
	memset(f, 0, sizeof(*f));
}
