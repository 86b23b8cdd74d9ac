/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A filter run in the library, on the view it was compiled for. */
#ifndef PFPCAP_USER_FILTER_H
#define PFPCAP_USER_FILTER_H

#include <pcap/pcap.h>

#include "kfilter.h"

struct pfpcap_user_filter {
	struct bpf_program prog;	/* our copy; bf_insns NULL: none */
	enum pfpcap_view view;
	/* Linux view: the ancillary VLAN loads, patched for each packet. */
	struct pfpcap_vlan_load_at {
		u_int insn;			/* index in prog */
		enum pfpcap_vlan_load kind;
	} *vlan_loads;
	u_int n_vlan_loads;
	u_char *untagged;		/* scratch: a frame without its tag */
	u_int untagged_len;
};

/* 0 or an errno value; the old program stays on failure. */
int pfpcap_user_filter_set(struct pfpcap_user_filter *f,
			   const struct bpf_program *fp, enum pfpcap_view view,
			   u_int max_frame);
void pfpcap_user_filter_free(struct pfpcap_user_filter *f);
/* Whether the packet passes; tag_restored: the ring put back a stripped
 * outer tag (PKT_FLAGS_VLAN_HWACCEL). */
int pfpcap_user_filter_match(struct pfpcap_user_filter *f,
			     const struct pcap_pkthdr *ph, const u_char *pkt,
			     int tag_restored);

#endif /* PFPCAP_USER_FILTER_H */
