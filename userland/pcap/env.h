/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ntop's PCAP_PF_RING_* environment variables (env.c). */
#ifndef PFPCAP_ENV_H
#define PFPCAP_ENV_H

#include <pcap/pcap.h>
#include <pfring.h>

/*
 * Applies PCAP_PF_RING_CLUSTER_ID (with the PCAP_PF_RING_USE_CLUSTER_*
 * type), PCAP_PF_RING_APPNAME and PCAP_PF_RING_RECV_ONLY to a new ring.
 * Returns 0, or -1 with a message in errbuf (PCAP_ERRBUF_SIZE bytes).
 */
int pfpcap_env_apply(pfring *ring, char *errbuf);

/* PCAP_PF_RING_USERSPACE_BPF: filter here, never in the kernel. */
int pfpcap_env_userspace_bpf(void);

#endif /* PFPCAP_ENV_H */
