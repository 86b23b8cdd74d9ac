// SPDX-License-Identifier: GPL-2.0
/*
 * shim_inject DEV COUNT OUT.pcap: sends COUNT test frames (ethertype
 * 0x88b5, seq in bytes 14..17, 60..1514 bytes) on DEV with pcap_inject()
 * and pcap_sendpacket() in turn, through the shim (PF_RING), and writes
 * the frames it sent to OUT.pcap for comparison with a capture.
 * Exit 0: all sent; 77: PF_RING cannot send (reason printed); 1: error.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#define PF_RING_FAMILY 27

static size_t frame(u_char *f, uint32_t seq)
{
	static const u_char src[6] = { 0x02, 0, 0, 0, 0, 0x11 };
	size_t len = 60 + (seq * 331u) % (1514 - 60 + 1), i;

	if (seq % 5 == 4)
		len = 1514;
	memset(f, 0xff, 6);
	memcpy(f + 6, src, 6);
	f[12] = 0x88;
	f[13] = 0xb5;
	f[14] = seq >> 24;
	f[15] = seq >> 16;
	f[16] = seq >> 8;
	f[17] = seq;
	for (i = 18; i < len; i++)
		f[i] = (u_char)(seq * 3 + i * 11);
	return len;
}

int main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr h;
	pcap_dumper_t *d;
	u_char buf[1514];
	unsigned long count, i;
	int domain = 0, rc;
	socklen_t dlen = sizeof(domain);
	pcap_t *p, *dead;
	size_t len;

	if (argc != 4) {
		fprintf(stderr, "usage: shim_inject DEV COUNT OUT.pcap\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	p = pcap_open_live(argv[1], 2048, 0, 100, errbuf);
	if (!p) {
		fprintf(stderr, "shim_inject: %s\n", errbuf);
		return 1;
	}
	if (getsockopt(pcap_get_selectable_fd(p), SOL_SOCKET, SO_DOMAIN,
		       &domain, &dlen) || domain != PF_RING_FAMILY) {
		fprintf(stderr, "shim_inject: not a PF_RING socket (family %d)\n",
			domain);
		return 1;
	}
	dead = pcap_open_dead(DLT_EN10MB, 65535);
	d = dead ? pcap_dump_open(dead, argv[3]) : NULL;
	if (!d) {
		fprintf(stderr, "shim_inject: %s: %s\n", argv[3],
			dead ? pcap_geterr(dead) : "pcap_open_dead");
		return 1;
	}
	for (i = 0; i < count; i++) {
		len = frame(buf, (uint32_t)i);
		if (i % 2)
			rc = pcap_sendpacket(p, buf, (int)len) ? -1 : (int)len;
		else
			rc = pcap_inject(p, buf, len);
		if (rc != (int)len) {
			printf("SKIP: PF_RING cannot send: %s %s\n",
			       i % 2 ? "pcap_sendpacket" : "pcap_inject",
			       pcap_geterr(p));
			return i == 0 ? 77 : 1;
		}
		gettimeofday(&h.ts, NULL);
		h.caplen = h.len = (bpf_u_int32)len;
		pcap_dump((u_char *)d, &h, buf);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	pcap_close(p);
	printf("sent %lu frames\n", count);
	return 0;
}
