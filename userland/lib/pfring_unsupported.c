// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The parts of ntop's API that pf_ring.ko does not offer (filtering
 * rules, transmission, hardware timestamps, ...).  They exist so that
 * programs link, and fail the way ntop's library fails on an
 * adapter without the feature.  Unused parameters are part of ntop's
 * signatures.
 */
#include "pfring_priv.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

static int pfr_not_supported(void)
{
	errno = EOPNOTSUPP;
	return PF_RING_ERROR_NOT_SUPPORTED;
}

int pfring_bind(pfring *ring, char *device_name)
{
	return pfr_not_supported();
}

int pfring_recv_flow(pfring *ring, pfring_flow_update *flow,
		     u_int8_t wait_for_flows)
{
	return pfr_not_supported();
}

int pfring_recv_chunk(pfring *ring, void **chunk,
		      pfring_chunk_info *chunk_info,
		      u_int8_t wait_for_incoming_chunk)
{
	return pfr_not_supported();
}

int pfring_get_metadata(pfring *ring, u_char **metadata,
			u_int32_t *metadata_len)
{
	return pfr_not_supported();
}

int pfring_next_pkt_time(pfring *ring, struct timespec *ts)
{
	return pfr_not_supported();
}

int pfring_next_pkt_raw_timestamp(pfring *ring, u_int64_t *timestamp_ns)
{
	return pfr_not_supported();
}

int pfring_set_application_stats(pfring *ring, char *stats)
{
	return pfr_not_supported();
}

char *pfring_get_appl_stats_file_name(pfring *ring, char *path,
				      u_int path_len)
{
	pfr_not_supported();
	return NULL;
}

int pfring_set_if_promisc(const char *device, int set_promisc)
{
	return pfr_not_supported();
}

int pfring_set_vlan_id(pfring *ring, u_int16_t vlan_id)
{
	return pfr_not_supported();
}

int pfring_set_channel_id(pfring *ring, u_int32_t channel_id)
{
	return pfr_not_supported();
}

int pfring_set_channel_mask(pfring *ring, u_int64_t channel_mask)
{
	return pfr_not_supported();
}

int pfring_set_sampling_rate(pfring *ring, u_int32_t rate)
{
	return pfr_not_supported();
}

int pfring_set_filtering_sampling_rate(pfring *ring, u_int32_t rate)
{
	return pfr_not_supported();
}

int pfring_set_packet_slicing(pfring *ring, packet_slicing_level level,
			      u_int32_t additional_bytes)
{
	return pfr_not_supported();
}

int pfring_set_bound_dev_name(pfring *ring, char *custom_dev_name)
{
	return pfr_not_supported();
}

void pfring_config(u_short cpu_percentage)
{
	pfr_not_supported();
}

u_int32_t pfring_get_ring_id(pfring *ring)
{
	pfr_not_supported();
	return 0;
}

/* 0 is "speed unknown" for both. */
u_int32_t pfring_get_interface_speed(pfring *ring)
{
	pfr_not_supported();
	return 0;
}

u_int32_t pfring_get_ethtool_link_speed(const char *ifname)
{
	pfr_not_supported();
	return 0;
}

int pfring_get_card_settings(pfring *ring, pfring_card_settings *settings)
{
	return pfr_not_supported();
}

int pfring_set_master_id(pfring *ring, u_int32_t master_id)
{
	return pfr_not_supported();
}

int pfring_set_master(pfring *ring, pfring *master)
{
	return pfr_not_supported();
}

int pfring_handle_hash_filtering_rule(pfring *ring,
				      hash_filtering_rule *rule_to_add,
				      u_char add_rule)
{
	return pfr_not_supported();
}

int pfring_add_filtering_rule(pfring *ring, filtering_rule *rule_to_add)
{
	return pfr_not_supported();
}

int pfring_remove_filtering_rule(pfring *ring, u_int16_t rule_id)
{
	return pfr_not_supported();
}

int pfring_purge_idle_hash_rules(pfring *ring, u_int16_t inactivity_sec)
{
	return pfr_not_supported();
}

int pfring_purge_idle_rules(pfring *ring, u_int16_t inactivity_sec)
{
	return pfr_not_supported();
}

int pfring_get_hash_filtering_rule_stats(pfring *ring,
					 hash_filtering_rule *rule,
					 char *stats, u_int *stats_len)
{
	return pfr_not_supported();
}

int pfring_get_filtering_rule_stats(pfring *ring, u_int16_t rule_id,
				    char *stats, u_int *stats_len)
{
	return pfr_not_supported();
}

int pfring_toggle_filtering_policy(pfring *ring,
				   u_int8_t rules_default_accept_policy)
{
	return pfr_not_supported();
}

int pfring_set_filtering_mode(pfring *ring, filtering_mode mode)
{
	return pfr_not_supported();
}

int pfring_search_payload(pfring *ring, char *string_to_search)
{
	return pfr_not_supported();
}

int pfring_enable_rss_rehash(pfring *ring)
{
	return pfr_not_supported();
}

int pfring_set_virtual_device(pfring *ring,
			      virtual_filtering_device_info *info)
{
	return pfr_not_supported();
}

int pfring_set_default_hw_action(pfring *ring,
				 generic_default_action_type action)
{
	return pfr_not_supported();
}

int pfring_add_hw_rule(pfring *ring, hw_filtering_rule *rule)
{
	return pfr_not_supported();
}

int pfring_remove_hw_rule(pfring *ring, u_int16_t rule_id)
{
	return pfr_not_supported();
}

int pfring_send_last_rx_packet(pfring *ring, int tx_interface_id)
{
	return pfr_not_supported();
}

int pfring_set_reflector_device(pfring *ring, char *device_name)
{
	return pfr_not_supported();
}

int pfring_loopback_test(pfring *ring, char *buffer, u_int buffer_len,
			 u_int test_len)
{
	return pfr_not_supported();
}

int pfring_enable_hw_timestamp(pfring *ring, char *device_name,
			       u_int8_t enable_rx, u_int8_t enable_tx)
{
	return pfr_not_supported();
}

void pfring_enable_hw_timestamp_debug(void)
{
	pfr_not_supported();
}

int pfring_get_device_clock(pfring *ring, struct timespec *ts)
{
	return pfr_not_supported();
}

int pfring_set_device_clock(pfring *ring, struct timespec *ts)
{
	return pfr_not_supported();
}

int pfring_adjust_device_clock(pfring *ring, struct timespec *offset,
			       int8_t sign)
{
	return pfr_not_supported();
}

/* The read_* calls return a trailer length: 0 means "none found". */
int pfring_read_ixia_hw_timestamp(u_char *buffer, u_int32_t buffer_len,
				  struct timespec *ts)
{
	pfr_not_supported();
	return 0;
}

int pfring_handle_ixia_hw_timestamp(u_char *buffer,
				    struct pfring_pkthdr *hdr)
{
	return pfr_not_supported();
}

int pfring_read_metawatch_hw_timestamp(u_char *buffer, u_int32_t buffer_len,
				       struct timespec *ts)
{
	pfr_not_supported();
	return 0;
}

int pfring_read_metawatch_device_info(u_char *buffer, u_int32_t buffer_len,
				      u_int16_t *device_id,
				      u_int8_t *port_id)
{
	pfr_not_supported();
	return 0;
}

int pfring_handle_metawatch_hw_timestamp(u_char *buffer,
					 struct pfring_pkthdr *hdr)
{
	return pfr_not_supported();
}

int pfring_read_arista_7150_keyframe(u_char *buffer, u_int32_t buffer_len,
				     u_int64_t *ns_ts, u_int32_t *ticks_ts)
{
	return pfr_not_supported();
}

int pfring_read_arista_7150_hw_timestamp(u_char *buffer,
					 u_int32_t buffer_len,
					 u_int64_t *ns_ts)
{
	pfr_not_supported();
	return 0;
}

int pfring_handle_arista_hw_timestamp(u_char *buffer,
				      struct pfring_pkthdr *hdr)
{
	return pfr_not_supported();
}

void pfring_thirdparty_lib_init(const char *thirdparty_lib_name,
				struct thirdparty_func thirdparty_function_ptr[])
{
	pfr_not_supported();
}
