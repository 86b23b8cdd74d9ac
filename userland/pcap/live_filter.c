// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pcap_compile() and pcap_setfilter() on a ring.
 *
 * On Ethernet a program is compiled as libpcap compiles it for a live
 * Linux capture (linux_compile.c) and runs on AF_PACKET's view of the
 * frame, so a filter selects what it selects with the system libpcap.
 * Only when that code generator is out of reach is it compiled for the
 * frame as the ring holds it (tag inside), and run on that view.  The
 * cooked headers of "any" exist only here, so their programs always run
 * here.
 *
 * A program runs in the kernel when the module takes it (the rejected
 * packets then cost neither a copy nor a wake-up and are not counted),
 * else here on each packet read (user_filter.c).
 */
#include "live.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "linux_compile.h"
#include "real.h"

static void pfpcap_free_frame_prog(struct pfpcap_live *l)
{
	free(l->frame_prog.bf_insns);
	l->frame_prog.bf_insns = NULL;
	l->frame_prog.bf_len = 0;
}

void pfpcap_live_free_filter(struct pfpcap_live *l)
{
	pfpcap_user_filter_free(&l->filter);
	pfpcap_free_frame_prog(l);
}

static int pfpcap_same_prog(const struct bpf_program *a,
			    const struct bpf_program *b)
{
	return a->bf_insns && b->bf_insns && a->bf_len == b->bf_len &&
	       !memcmp(a->bf_insns, b->bf_insns,
		       a->bf_len * sizeof(*a->bf_insns));
}

int pfpcap_live_compile(struct pfpcap *p, struct bpf_program *fp,
			const char *str, int optimize, bpf_u_int32 netmask)
{
	struct pfpcap_live *l = p->priv;
	size_t size;

	if (p->dlt == DLT_EN10MB &&
	    !pfpcap_linux_compile(p->device, p->snaplen, fp, str, optimize,
				  netmask))
		return 0;
	if (REAL(pcap_compile)(p->dead, fp, str, optimize, netmask) < 0) {
		pfpcap_seterr(p, "%s", REAL(pcap_geterr)(p->dead));
		return PCAP_ERROR;
	}
	if (p->dlt != DLT_EN10MB)
		return 0;
	/* Remembered, to be run on the view it was made for. */
	pfpcap_free_frame_prog(l);
	size = fp->bf_len * sizeof(*fp->bf_insns);
	l->frame_prog.bf_insns = malloc(size + 1);
	if (l->frame_prog.bf_insns) {
		memcpy(l->frame_prog.bf_insns, fp->bf_insns, size);
		l->frame_prog.bf_len = fp->bf_len;
	}
	return 0;
}

/* Detaches the kernel's program (of view); 0 or PCAP_ERROR. */
static int pfpcap_kernel_detach(struct pfpcap *p, struct pfpcap_live *l,
				enum pfpcap_view view)
{
	int err;

	if (!l->kernel_filter)
		return 0;
	err = pfpcap_kfilter_detach(l->fd, view);
	if (err) {
		pfpcap_seterr(p, "PF_RING: removing the kernel filter: %s",
			      strerror(err));
		return PCAP_ERROR;
	}
	l->kernel_filter = 0;
	return 0;
}

/*
 * Whether fp passes every packet with every byte the capture keeps, as
 * libpcap's program for an empty expression does ("ret #snaplen").
 * Such a program is run nowhere: in the kernel it would cost every
 * packet a BPF run (about 100 instructions a packet here).
 */
static int pfpcap_passes_all(const struct pfpcap *p,
			     const struct pfpcap_live *l,
			     const struct bpf_program *fp)
{
	u_int keep = l->geom.bucket_len;

	if (p->snaplen > 0 && (u_int)p->snaplen < keep)
		keep = (u_int)p->snaplen;
	return fp->bf_len == 1 &&
	       fp->bf_insns[0].code == (BPF_RET | BPF_K) &&
	       fp->bf_insns[0].k >= keep;
}

int pfpcap_live_setfilter(struct pfpcap *p, const struct bpf_program *fp)
{
	static const struct bpf_program none;
	struct pfpcap_live *l = p->priv;
	struct pfpcap_user_filter old = l->filter;
	enum pfpcap_view view = PFPCAP_VIEW_LINUX;
	int err, in_kernel = 0;

	if (p->dlt != DLT_EN10MB || pfpcap_same_prog(fp, &l->frame_prog))
		view = PFPCAP_VIEW_FRAME;
	if (pfpcap_passes_all(p, l, fp))
		fp = &none;
	/* The old one stays in place until the new one is. */
	memset(&l->filter, 0, sizeof(l->filter));
	err = pfpcap_user_filter_set(&l->filter, fp, view, l->geom.bucket_len);
	if (err) {
		l->filter = old;
		pfpcap_seterr(p, "malloc: %s", strerror(err));
		return PCAP_ERROR;
	}
	/* The kernel sees Ethernet frames, not the cooked ones of "any". */
	if (fp->bf_len && p->dlt == DLT_EN10MB && !pfpcap_env_userspace_bpf()) {
		/* Attached at another level, the old one would run too. */
		if (old.view != view && pfpcap_kernel_detach(p, l, old.view))
			goto fail;
		in_kernel = !pfpcap_kfilter_attach(l->fd, fp->bf_insns,
						   fp->bf_len, view);
	}
	if (!in_kernel) {
		/* The old program would keep rejecting what the new accepts. */
		if (pfpcap_kernel_detach(p, l, old.view))
			goto fail;
	}
	l->kernel_filter = in_kernel;
	/*
	 * Whatever is queued now came in before this program ran in the
	 * kernel (if it does): it is checked here on the way out.
	 */
	l->refilter = in_kernel ? pfring_get_num_queued_pkts(l->ring) : 0;
	pfpcap_user_filter_free(&old);
	return 0;

fail:
	pfpcap_user_filter_free(&l->filter);
	l->filter = old;
	return PCAP_ERROR;
}
