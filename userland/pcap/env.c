// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The environment variables ntop's PF_RING-aware libpcap reads, with its
 * meaning, so that scripts written for it (Zeek's and Suricata's
 * PF_RING load balancing, for instance) work unchanged:
 *
 *   PCAP_PF_RING_CLUSTER_ID=N     join cluster N (1..254; other values
 *                                 are ignored, as ntop ignores them)
 *   PCAP_PF_RING_USE_CLUSTER_PER_FLOW, ..._2_TUPLE, ..._4_TUPLE,
 *   ..._TCP_5_TUPLE, ..._5_TUPLE  its type, the first one set in this
 *                                 order; none: round robin
 *   PCAP_PF_RING_APPNAME=NAME     the name /proc/net/pf_ring shows
 *                                 (1..32 characters, else ignored)
 *   PCAP_PF_RING_RECV_ONLY        receive-only socket
 *   PCAP_PF_RING_USERSPACE_BPF    filters run here, not in the kernel
 *
 * Variables are tested for presence, as ntop does: "=0" counts as set.
 */
#include "env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *var;
	cluster_type type;
} pfpcap_cluster_types[] = {
	{ "PCAP_PF_RING_USE_CLUSTER_PER_FLOW", cluster_per_flow },
	{ "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_2_TUPLE", cluster_per_flow_2_tuple },
	{ "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_4_TUPLE", cluster_per_flow_4_tuple },
	{ "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_TCP_5_TUPLE",
	  cluster_per_flow_tcp_5_tuple },
	{ "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_5_TUPLE", cluster_per_flow_5_tuple },
};

static cluster_type pfpcap_env_cluster_type(void)
{
	size_t i;

	for (i = 0; i < sizeof(pfpcap_cluster_types) / sizeof(*pfpcap_cluster_types); i++)
		if (getenv(pfpcap_cluster_types[i].var))
			return pfpcap_cluster_types[i].type;
	return cluster_round_robin;
}

static int pfpcap_env_cluster(pfring *ring, char *errbuf)
{
	const char *s = getenv("PCAP_PF_RING_CLUSTER_ID");
	int id;

	if (!s)
		return 0;
	id = atoi(s);
	if (id <= 0 || id >= 255)
		return 0;
	if (pfring_set_cluster(ring, (u_int)id, pfpcap_env_cluster_type()) < 0) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE,
			 "PCAP_PF_RING_CLUSTER_ID=%d: cannot join the cluster: %s",
			 id, strerror(errno));
		return -1;
	}
	return 0;
}

int pfpcap_env_apply(pfring *ring, char *errbuf)
{
	char *name = getenv("PCAP_PF_RING_APPNAME");

	if (pfpcap_env_cluster(ring, errbuf))
		return -1;
	if (name && name[0] && strlen(name) <= 32 &&
	    pfring_set_application_name(ring, name) < 0) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE,
			 "PCAP_PF_RING_APPNAME: %s", strerror(errno));
		return -1;
	}
	if (getenv("PCAP_PF_RING_RECV_ONLY") &&
	    pfring_set_socket_mode(ring, recv_only_mode) < 0) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE,
			 "PCAP_PF_RING_RECV_ONLY: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int pfpcap_env_userspace_bpf(void)
{
	return getenv("PCAP_PF_RING_USERSPACE_BPF") != NULL;
}
