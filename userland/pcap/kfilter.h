/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The module's classic BPF filters (kfilter.c); 0 or an errno value. */
#ifndef PFPCAP_KFILTER_H
#define PFPCAP_KFILTER_H

/* What a filter program expects to see of a VLAN-tagged frame. */
enum pfpcap_view {
	PFPCAP_VIEW_LINUX,	/* AF_PACKET's: stripped tag in metadata */
	PFPCAP_VIEW_FRAME,	/* the ring's (a savefile's): tag in the frame */
};

int pfpcap_kfilter_attach(int fd, const void *insns, unsigned int len,
			  enum pfpcap_view view);
int pfpcap_kfilter_detach(int fd, enum pfpcap_view view);

/* Which of Linux's ancillary VLAN values an absolute load at k reads. */
enum pfpcap_vlan_load {
	PFPCAP_LOAD_OTHER,
	PFPCAP_LOAD_VLAN_TAG,
	PFPCAP_LOAD_VLAN_PRESENT,
};
enum pfpcap_vlan_load pfpcap_kfilter_vlan_load(unsigned int k);

#endif /* PFPCAP_KFILTER_H */
