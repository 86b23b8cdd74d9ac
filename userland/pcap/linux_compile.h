/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcap_compile() with libpcap's Linux VLAN code (linux_compile.c). */
#ifndef PFPCAP_LINUX_COMPILE_H
#define PFPCAP_LINUX_COMPILE_H

#include <pcap/pcap.h>

int pfpcap_linux_compile(const char *device, int snaplen,
			 struct bpf_program *fp, const char *str, int optimize,
			 bpf_u_int32 netmask);

#endif /* PFPCAP_LINUX_COMPILE_H */
