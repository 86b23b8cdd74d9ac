// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Clusters: the sockets of one device that join the same cluster id share
 * its packets, each packet going to one member (pf_ring.ko's rules are in
 * <linux/pf_ring.h>).
 */
#include "pfring_priv.h"

/* ntop's cluster_type numbers the types pf_ring.ko knows the same way. */
#define PFR_SAME_TYPE(ntop, ours) ((int)(ntop) == (int)(ours))
_Static_assert(PFR_SAME_TYPE(cluster_per_flow, PFRING_CLUSTER_PER_FLOW) &&
	       PFR_SAME_TYPE(cluster_round_robin, PFRING_CLUSTER_ROUND_ROBIN) &&
	       PFR_SAME_TYPE(cluster_per_flow_2_tuple,
			     PFRING_CLUSTER_PER_FLOW_2_TUPLE) &&
	       PFR_SAME_TYPE(cluster_per_flow_4_tuple,
			     PFRING_CLUSTER_PER_FLOW_4_TUPLE) &&
	       PFR_SAME_TYPE(cluster_per_flow_5_tuple,
			     PFRING_CLUSTER_PER_FLOW_5_TUPLE) &&
	       PFR_SAME_TYPE(cluster_per_flow_tcp_5_tuple,
			     PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE),
	       "cluster_type and enum pfring_cluster_type_sel differ");

static int pfr_join_cluster(pfring *ring, u_int32_t cluster_id,
			    u_int32_t position, cluster_type type)
{
	struct pfring_cluster_req req;

	if (!ring || (u_int32_t)type > cluster_per_flow_ip_with_dup_tuple)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	/* Inner (tunnelled) flows and the IP-only types need another parser. */
	if ((u_int32_t)type > cluster_per_flow_tcp_5_tuple) {
		errno = EOPNOTSUPP;
		return PF_RING_ERROR_NOT_SUPPORTED;
	}
	memset(&req, 0, sizeof(req));
	req.cluster_id = cluster_id;
	req.type = (__u32)type;
	req.position = position;
	return pfr_setopt(ring, SO_ADD_TO_CLUSTER, &req, sizeof(req));
}

int pfring_set_cluster(pfring *ring, u_int clusterId, cluster_type the_type)
{
	return pfr_join_cluster(ring, clusterId, PFRING_CLUSTER_POS_ANY,
				the_type);
}

/*
 * queue_id is the consumer's place among the members: members are
 * ordered by it, so consumers that restart with the same ids get the
 * same share of the flows.  No option is defined.
 */
int pfring_set_cluster_consumer(pfring *ring, u_int16_t cluster_id,
				u_int16_t queue_id, cluster_type the_type,
				u_int32_t options)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	if (options) {
		errno = EOPNOTSUPP;
		return PF_RING_ERROR_NOT_SUPPORTED;
	}
	return pfr_join_cluster(ring, cluster_id, queue_id, the_type);
}

/* The ring goes back to receiving every packet of its device. */
int pfring_remove_from_cluster(pfring *ring)
{
	if (!ring)
		return PF_RING_ERROR_INVALID_ARGUMENT;
	return pfr_setopt(ring, SO_REMOVE_FROM_CLUSTER, NULL, 0);
}
