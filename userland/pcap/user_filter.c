// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Filters run in the library (PCAP_PF_RING_USERSPACE_BPF, "any" with a
 * cooked link type, and packets queued before a kernel filter was
 * attached) decide as the kernel would on the same view.  For a program
 * of the Linux view that means what libpcap does for AF_PACKET: the
 * outer tag the ring put back is taken out of the frame again, and the
 * program's ancillary VLAN loads read that tag (vlan_tag as libpcap
 * gives it, VID only).  The system's filter machine knows no ancillary
 * loads, so they become immediate loads of the packet's values, patched
 * into our copy of the program before each run.
 */
#include "user_filter.h"
#include "real.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define ETH_VLAN_TAG_OFF	12	/* after the two addresses */
#define VLAN_TAG_LEN		4
#define VLAN_VID_MASK		0x0fff

void pfpcap_user_filter_free(struct pfpcap_user_filter *f)
{
	free(f->prog.bf_insns);
	free(f->vlan_loads);
	free(f->untagged);
	memset(f, 0, sizeof(*f));
}

static int pfpcap_is_abs_load(const struct bpf_insn *insn)
{
	return BPF_CLASS(insn->code) == BPF_LD &&
	       BPF_MODE(insn->code) == BPF_ABS;
}

int pfpcap_user_filter_set(struct pfpcap_user_filter *f,
			   const struct bpf_program *fp, enum pfpcap_view view,
			   u_int max_frame)
{
	struct pfpcap_user_filter n = { .view = view };
	enum pfpcap_vlan_load kind;
	u_int i;

	if (!fp->bf_len) {		/* no program: everything passes */
		pfpcap_user_filter_free(f);
		f->view = view;
		return 0;
	}
	n.prog.bf_len = fp->bf_len;
	n.prog.bf_insns = malloc(fp->bf_len * sizeof(*fp->bf_insns) + 1);
	if (!n.prog.bf_insns)
		return ENOMEM;
	memcpy(n.prog.bf_insns, fp->bf_insns, fp->bf_len * sizeof(*fp->bf_insns));
	if (view == PFPCAP_VIEW_LINUX) {
		n.vlan_loads = calloc(fp->bf_len, sizeof(*n.vlan_loads));
		n.untagged_len = max_frame;
		n.untagged = malloc(max_frame + 1);
		if (!n.vlan_loads || !n.untagged) {
			pfpcap_user_filter_free(&n);
			return ENOMEM;
		}
		for (i = 0; i < fp->bf_len; i++) {
			if (!pfpcap_is_abs_load(&fp->bf_insns[i]))
				continue;
			kind = pfpcap_kfilter_vlan_load(fp->bf_insns[i].k);
			if (kind == PFPCAP_LOAD_OTHER)
				continue;
			n.vlan_loads[n.n_vlan_loads].insn = i;
			n.vlan_loads[n.n_vlan_loads++].kind = kind;
		}
	}
	pfpcap_user_filter_free(f);
	*f = n;
	return 0;
}

/* The packet's tag goes into the program as constants. */
static void pfpcap_patch_vlan(struct pfpcap_user_filter *f, int present,
			      u_int vid)
{
	struct bpf_insn *insn;
	u_int i;

	for (i = 0; i < f->n_vlan_loads; i++) {
		insn = &f->prog.bf_insns[f->vlan_loads[i].insn];
		insn->code = BPF_LD | BPF_IMM;
		insn->k = f->vlan_loads[i].kind == PFPCAP_LOAD_VLAN_PRESENT ?
			  (u_int)present : vid;
	}
}

int pfpcap_user_filter_match(struct pfpcap_user_filter *f,
			     const struct pcap_pkthdr *ph, const u_char *pkt,
			     int tag_restored)
{
	struct pcap_pkthdr h;
	u_int vid;

	if (!f->prog.bf_insns)
		return 1;
	if (f->view == PFPCAP_VIEW_FRAME || !tag_restored ||
	    ph->caplen < ETH_VLAN_TAG_OFF + VLAN_TAG_LEN ||
	    ph->caplen - VLAN_TAG_LEN > f->untagged_len) {
		pfpcap_patch_vlan(f, 0, 0);
		return REAL(pcap_offline_filter)(&f->prog, ph, pkt);
	}
	vid = ((u_int)pkt[ETH_VLAN_TAG_OFF + 2] << 8 |
	       pkt[ETH_VLAN_TAG_OFF + 3]) & VLAN_VID_MASK;
	h = *ph;
	h.caplen -= VLAN_TAG_LEN;
	h.len -= VLAN_TAG_LEN;
	memcpy(f->untagged, pkt, ETH_VLAN_TAG_OFF);
	memcpy(f->untagged + ETH_VLAN_TAG_OFF,
	       pkt + ETH_VLAN_TAG_OFF + VLAN_TAG_LEN,
	       h.caplen - ETH_VLAN_TAG_OFF);
	pfpcap_patch_vlan(f, 1, vid);
	return REAL(pcap_offline_filter)(&f->prog, &h, f->untagged);
}
