// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel side of pcap_setfilter().  pf_ring.ko runs classic BPF on
 * two views of a frame (include/linux/pf_ring.h): at SOL_SOCKET the view
 * of AF_PACKET (an outer VLAN tag the stack stripped is out of the frame
 * and in ancillary data), which is what libpcap compiles for on Linux;
 * at SOL_PF_RING the frame as the ring holds it, tag inside, which is
 * what a savefile's program expects.  Apart from the other files so that
 * <linux/filter.h> and <pcap/bpf.h>, which define the same macros, never
 * meet.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <sys/socket.h>
#include <linux/filter.h>
#include <linux/pf_ring.h>

#include "kfilter.h"

/* struct bpf_insn and struct sock_filter are the same classic BPF. */
_Static_assert(sizeof(struct sock_filter) == 8, "sock_filter layout");

/* Where each view's program goes: the option names differ, not the ABI. */
static const struct {
	int level, attach, detach;
} pfpcap_kfilter_opts[] = {
	[PFPCAP_VIEW_LINUX] = { SOL_SOCKET, SO_ATTACH_FILTER, SO_DETACH_FILTER },
	[PFPCAP_VIEW_FRAME] = { SOL_PF_RING, PFRING_SO_ATTACH_FILTER,
				PFRING_SO_DETACH_FILTER },
};

int pfpcap_kfilter_attach(int fd, const void *insns, unsigned int len,
			  enum pfpcap_view view)
{
	struct sock_fprog prog;

	if (len == 0 || len > USHRT_MAX)
		return EINVAL;
	prog.len = (unsigned short)len;
	prog.filter = (struct sock_filter *)insns;
	if (setsockopt(fd, pfpcap_kfilter_opts[view].level,
		       pfpcap_kfilter_opts[view].attach, &prog,
		       sizeof(prog)) < 0)
		return errno;
	return 0;
}

int pfpcap_kfilter_detach(int fd, enum pfpcap_view view)
{
	if (setsockopt(fd, pfpcap_kfilter_opts[view].level,
		       pfpcap_kfilter_opts[view].detach, NULL, 0) < 0 &&
	    errno != ENOENT)
		return errno;
	return 0;
}

enum pfpcap_vlan_load pfpcap_kfilter_vlan_load(unsigned int k)
{
	if (k == (unsigned int)(SKF_AD_OFF + SKF_AD_VLAN_TAG))
		return PFPCAP_LOAD_VLAN_TAG;
	if (k == (unsigned int)(SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT))
		return PFPCAP_LOAD_VLAN_PRESENT;
	return PFPCAP_LOAD_OTHER;
}
