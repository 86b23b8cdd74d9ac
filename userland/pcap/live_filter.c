// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pcap_setfilter() on a ring: in the kernel when the module takes the
 * program (the rejected packets then cost neither a copy nor a wake-up
 * and are not counted), else here, with the system's
 * pcap_offline_filter() on each packet read.  pcap_compile() made the
 * program for the link type handed out: for Ethernet that is the frame
 * as both the ring and the module's filter see it; the cooked headers
 * of "any" exist only here, so their programs always run here.
 */
#include "live.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"

void pfpcap_live_free_filter(struct pfpcap_live *l)
{
	free(l->prog.bf_insns);
	l->prog.bf_insns = NULL;
	l->prog.bf_len = 0;
}

int pfpcap_live_setfilter(struct pfpcap *p, const struct bpf_program *fp)
{
	struct pfpcap_live *l = p->priv;
	struct bpf_insn *insns = NULL;
	int err = EOPNOTSUPP;

	/* The caller may free its program as soon as we return. */
	if (fp->bf_len) {
		insns = malloc(fp->bf_len * sizeof(*insns));
		if (!insns) {
			pfpcap_seterr(p, "malloc: %s", strerror(errno));
			return PCAP_ERROR;
		}
		memcpy(insns, fp->bf_insns, fp->bf_len * sizeof(*insns));
	}
	/* The kernel sees Ethernet frames, not the cooked ones of "any". */
	if (insns && p->dlt == DLT_EN10MB && !pfpcap_env_userspace_bpf())
		err = pfpcap_kfilter_attach(l->fd, insns, fp->bf_len);
	if (err && l->kernel_filter) {
		/* The old program would keep rejecting what the new accepts. */
		err = pfpcap_kfilter_detach(l->fd);
		if (err) {
			free(insns);
			pfpcap_seterr(p, "PF_RING: removing the kernel filter: %s",
				      strerror(err));
			return PCAP_ERROR;
		}
		err = EOPNOTSUPP;
	}
	l->kernel_filter = !err;
	/*
	 * Whatever is queued now came in before this program ran in the
	 * kernel (if it does): it is checked here on the way out.
	 */
	l->refilter = l->kernel_filter ? pfring_get_num_queued_pkts(l->ring) : 0;
	pfpcap_live_free_filter(l);
	l->prog.bf_len = fp->bf_len;
	l->prog.bf_insns = insns;
	return 0;
}
