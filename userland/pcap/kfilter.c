// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel side of pcap_setfilter(): pf_ring.ko runs classic BPF on
 * the frame as the ring will hold it (VLAN tag inside), at SOL_PF_RING
 * with the option numbers of SOL_SOCKET.  Apart from the other files so
 * that <linux/filter.h> and <pcap/bpf.h>, which define the same macros,
 * never meet.
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

int pfpcap_kfilter_attach(int fd, const void *insns, unsigned int len)
{
	struct sock_fprog prog;

	if (len == 0 || len > USHRT_MAX)
		return EINVAL;
	prog.len = (unsigned short)len;
	prog.filter = (struct sock_filter *)insns;
	if (setsockopt(fd, SOL_PF_RING, PFRING_SO_ATTACH_FILTER, &prog,
		       sizeof(prog)) < 0)
		return errno;
	return 0;
}

int pfpcap_kfilter_detach(int fd)
{
	if (setsockopt(fd, SOL_PF_RING, PFRING_SO_DETACH_FILTER, NULL, 0) < 0 &&
	    errno != ENOENT)
		return errno;
	return 0;
}
