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

int pfpcap_kfilter_attach(int fd, const void *insns, unsigned int len,
			  enum pfpcap_view view)
{
	struct sock_fprog prog;
	int rc;

	if (len == 0 || len > USHRT_MAX)
		return EINVAL;
	prog.len = (unsigned short)len;
	prog.filter = (struct sock_filter *)insns;
	if (view == PFPCAP_VIEW_FRAME)
		rc = setsockopt(fd, SOL_PF_RING, PFRING_SO_ATTACH_FILTER,
				&prog, sizeof(prog));
	else
		rc = setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
				sizeof(prog));
	return rc < 0 ? errno : 0;
}

int pfpcap_kfilter_detach(int fd, enum pfpcap_view view)
{
	int rc;

	if (view == PFPCAP_VIEW_FRAME)
		rc = setsockopt(fd, SOL_PF_RING, PFRING_SO_DETACH_FILTER,
				NULL, 0);
	else
		rc = setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, NULL, 0);
	return rc < 0 && errno != ENOENT ? errno : 0;
}

enum pfpcap_vlan_load pfpcap_kfilter_vlan_load(unsigned int k)
{
	if (k == (unsigned int)(SKF_AD_OFF + SKF_AD_VLAN_TAG))
		return PFPCAP_LOAD_VLAN_TAG;
	if (k == (unsigned int)(SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT))
		return PFPCAP_LOAD_VLAN_PRESENT;
	return PFPCAP_LOAD_OTHER;
}
