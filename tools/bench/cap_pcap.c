// SPDX-License-Identifier: GPL-2.0
/*
 * Stock libpcap: pcap_next_ex() in a loop, promiscuous, the read timeout
 * given, and libpcap's own buffer size unless one is asked for (its
 * default is 2 MiB, on a TPACKET_V3 ring).
 */
#include <pcap/pcap.h>
#include <stdio.h>

#include "benchcap.h"

static pcap_t *pc;

static int pc_open(const struct cap_opts *o)
{
	char err[PCAP_ERRBUF_SIZE];

	pc = pcap_create(o->dev, err);
	if (!pc) {
		fprintf(stderr, "benchcap: pcap_create %s: %s\n", o->dev, err);
		return -1;
	}
	pcap_set_snaplen(pc, (int)o->snaplen);
	pcap_set_promisc(pc, 1);
	pcap_set_timeout(pc, (int)o->timeout_ms);
	if (o->ring_bytes)
		pcap_set_buffer_size(pc, (int)o->ring_bytes);
	if (pcap_activate(pc) < 0) {
		fprintf(stderr, "benchcap: pcap_activate %s: %s\n", o->dev,
			pcap_geterr(pc));
		pcap_close(pc);
		return -1;
	}
	return 0;
}

static int pc_run(void)
{
	struct pcap_pkthdr *h;
	const u_char *pkt;
	int rc;

	while (!stop_requested()) {
		rc = pcap_next_ex(pc, &h, &pkt);
		if (rc == 1)
			count_packet(pkt, h->caplen);
		else if (rc == PCAP_ERROR) {
			fprintf(stderr, "benchcap: pcap_next_ex: %s\n",
				pcap_geterr(pc));
			return -1;
		}
	}
	return 0;
}

static void pc_interrupt(void)
{
	pcap_breakloop(pc);
}

static void pc_close(struct cap_result *r)
{
	struct pcap_stat st;

	if (pcap_stats(pc, &st) == 0)
		r->drops = st.ps_drop;
	r->ring_bytes = 0;	/* libpcap does not say */
	pcap_close(pc);
}

const struct capture cap_pcap = {
	.name = "pcap",
	.open = pc_open,
	.run = pc_run,
	.interrupt = pc_interrupt,
	.close = pc_close,
};
