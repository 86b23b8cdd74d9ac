/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpfring: the pfring_* capture API on top of pf_ring.ko.
 *
 * Source-compatible with ntop's non-ZC PF_RING API: same names,
 * signatures, flag values and return conventions.  Functions this
 * implementation does not provide return PF_RING_ERROR_NOT_SUPPORTED (or
 * NULL/0 for other return types) and set errno to EOPNOTSUPP.
 *
 * A zero-copy packet (pfring_recv() with buffer_len 0) stays valid until
 * the next pfring_recv(), pfring_poll(), pfring_sync_indexes_with_kernel()
 * or pfring_close() on the same handle.
 */
#ifndef _PFRING_H_
#define _PFRING_H_

/*
 * ntop's pfring.h pulls in these system headers and PF_RING programs
 * rely on that, so they are included here for source compatibility.
 */
#include <sys/types.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>

#include <linux/pf_ring.h>

#include "pfring_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility; its API is what is here. */
#pragma GCC visibility push(default)

/* pfring_open() flags */
#define PF_RING_ZC_SYMMETRIC_RSS	(1 << 0)
#define PF_RING_REENTRANT		(1 << 1)
#define PF_RING_LONG_HEADER		(1 << 2)
#define PF_RING_PROMISC			(1 << 3)
#define PF_RING_TIMESTAMP		(1 << 4)
#define PF_RING_HW_TIMESTAMP		(1 << 5)
#define PF_RING_RX_PACKET_BOUNCE	(1 << 6)
#define PF_RING_ZC_FIXED_RSS_Q_0	(1 << 7)
#define PF_RING_STRIP_HW_TIMESTAMP	(1 << 8)
#define PF_RING_DO_NOT_PARSE		(1 << 9)
#define PF_RING_DO_NOT_TIMESTAMP	(1 << 10)
#define PF_RING_CHUNK_MODE		(1 << 11)
#define PF_RING_IXIA_TIMESTAMP		(1 << 12)
#define PF_RING_USERSPACE_BPF		(1 << 13)
#define PF_RING_ZC_NOT_REPROGRAM_RSS	(1 << 14)
#define PF_RING_VSS_APCON_TIMESTAMP	(1 << 15)
#define PF_RING_ZC_IPONLY_RSS		(1 << 16)
#define PF_RING_FLOW_OFFLOAD		(1 << 17)
#define PF_RING_FLOW_OFFLOAD_NOUPDATES	(1 << 18)
#define PF_RING_KEEP_CRC		(1 << 19)
#define PF_RING_L7_FILTERING		(1 << 20)
#define PF_RING_DO_NOT_STRIP_FCS	(1 << 21)
#define PF_RING_TX_BPF			(1 << 22)
#define PF_RING_FLOW_OFFLOAD_RESET	(1 << 23)
#define PF_RING_DISCARD_INJECTED_PKTS	(1 << 24)
#define PF_RING_ARISTA_TIMESTAMP	(1 << 25)
#define PF_RING_METAWATCH_TIMESTAMP	(1 << 26)
#define PF_RING_HW_TIMESTAMP_UNSYNC	(1 << 27)

#define PF_RING_DNA_SYMMETRIC_RSS	PF_RING_ZC_SYMMETRIC_RSS
#define PF_RING_DNA_FIXED_RSS_Q_0	PF_RING_ZC_FIXED_RSS_Q_0

typedef struct __pfring pfring;

typedef void (*pfringProcesssPacket)(const struct pfring_pkthdr *h,
				     const u_char *p,
				     const u_char *user_bytes);

/* Opening and closing */
pfring *pfring_open(const char *device_name, u_int32_t caplen,
		    u_int32_t flags);
u_int8_t pfring_open_multichannel(const char *device_name, u_int32_t caplen,
				  u_int32_t flags,
				  pfring *ring[MAX_NUM_RX_CHANNELS]);
int pfring_enable_ring(pfring *ring);
int pfring_disable_ring(pfring *ring);
void pfring_shutdown(pfring *ring);
void pfring_close(pfring *ring);
int pfring_bind(pfring *ring, char *device_name);

/* Receiving */
int pfring_recv(pfring *ring, u_char **buffer, u_int buffer_len,
		struct pfring_pkthdr *hdr, u_int8_t wait_for_incoming_packet);
int pfring_recv_parsed(pfring *ring, u_char **buffer, u_int buffer_len,
		       struct pfring_pkthdr *hdr,
		       u_int8_t wait_for_incoming_packet, u_int8_t level,
		       u_int8_t add_timestamp, u_int8_t add_hash);
/* Up to num_packets in place, valid until the next receive call. */
int pfring_recv_burst(pfring *ring, pfring_packet_info *packets,
		      u_int8_t num_packets, u_int8_t wait_for_packets);
int pfring_recv_flow(pfring *ring, pfring_flow_update *flow,
		     u_int8_t wait_for_flows);
int pfring_recv_chunk(pfring *ring, void **chunk,
		      pfring_chunk_info *chunk_info,
		      u_int8_t wait_for_incoming_chunk);
int pfring_get_metadata(pfring *ring, u_char **metadata,
			u_int32_t *metadata_len);
int pfring_loop(pfring *ring, pfringProcesssPacket looper,
		const u_char *user_bytes, u_int8_t wait_for_packet);
void pfring_breakloop(pfring *ring);
int pfring_poll(pfring *ring, u_int wait_duration);
int pfring_is_pkt_available(pfring *ring);
int pfring_next_pkt_time(pfring *ring, struct timespec *ts);
int pfring_next_pkt_raw_timestamp(pfring *ring, u_int64_t *timestamp_ns);
u_int32_t pfring_get_num_queued_pkts(pfring *ring);
void pfring_sync_indexes_with_kernel(pfring *ring);

/* Socket settings */
int pfring_set_poll_watermark(pfring *ring, u_int16_t watermark);
int pfring_set_poll_watermark_timeout(pfring *ring,
				      u_int16_t poll_watermark_timeout);
int pfring_set_poll_duration(pfring *ring, u_int duration);
int pfring_set_direction(pfring *ring, packet_direction direction);
int pfring_set_socket_mode(pfring *ring, socket_mode mode);
int pfring_set_application_name(pfring *ring, char *name);
int pfring_set_application_stats(pfring *ring, char *stats);
char *pfring_get_appl_stats_file_name(pfring *ring, char *path,
				      u_int path_len);
int pfring_set_promisc(pfring *ring, int set_promisc);
int pfring_set_if_promisc(const char *device, int set_promisc);
int pfring_set_vlan_id(pfring *ring, u_int16_t vlan_id);
int pfring_set_channel_id(pfring *ring, u_int32_t channel_id);
int pfring_set_channel_mask(pfring *ring, u_int64_t channel_mask);
int pfring_set_sampling_rate(pfring *ring, u_int32_t rate);
int pfring_set_filtering_sampling_rate(pfring *ring, u_int32_t rate);
int pfring_set_packet_slicing(pfring *ring, packet_slicing_level level,
			      u_int32_t additional_bytes);
int pfring_set_bound_dev_name(pfring *ring, char *custom_dev_name);
void pfring_config(u_short cpu_percentage);

/* Information */
int pfring_stats(pfring *ring, pfring_stat *stats);
int pfring_version(pfring *ring, u_int32_t *version);
void pfring_version_noring(u_int32_t *version);
int pfring_get_selectable_fd(pfring *ring);
int pfring_get_bound_device_ifindex(pfring *ring, int *if_index);
int pfring_get_bound_device_address(pfring *ring, u_char mac_address[6]);
int pfring_get_device_ifindex(pfring *ring, char *device_name,
			      int *if_index);
u_int8_t pfring_get_num_rx_channels(pfring *ring);
int pfring_get_mtu_size(pfring *ring);
int pfring_get_link_status(pfring *ring);
int pfring_get_link_type(pfring *ring);
int pfring_get_caplen(pfring *ring);
u_int16_t pfring_get_slot_header_len(pfring *ring);
u_int32_t pfring_get_ring_id(pfring *ring);
u_int32_t pfring_get_interface_speed(pfring *ring);
u_int32_t pfring_get_ethtool_link_speed(const char *ifname);
int pfring_get_card_settings(pfring *ring, pfring_card_settings *settings);
pfring_if_t *pfring_findalldevs(void);
void pfring_freealldevs(pfring_if_t *list);

/* Clusters */
int pfring_set_cluster_consumer(pfring *ring, u_int16_t cluster_id,
				u_int16_t queue_id, cluster_type the_type,
				u_int32_t options);
int pfring_set_cluster(pfring *ring, u_int clusterId, cluster_type the_type);
int pfring_remove_from_cluster(pfring *ring);
int pfring_set_master_id(pfring *ring, u_int32_t master_id);
int pfring_set_master(pfring *ring, pfring *master);

/* Filtering */
int pfring_set_bpf_filter(pfring *ring, const char *filter_buffer);
int pfring_remove_bpf_filter(pfring *ring);
int pfring_handle_hash_filtering_rule(pfring *ring,
				      hash_filtering_rule *rule_to_add,
				      u_char add_rule);
int pfring_add_filtering_rule(pfring *ring, filtering_rule *rule_to_add);
int pfring_remove_filtering_rule(pfring *ring, u_int16_t rule_id);
int pfring_purge_idle_hash_rules(pfring *ring, u_int16_t inactivity_sec);
int pfring_purge_idle_rules(pfring *ring, u_int16_t inactivity_sec);
int pfring_get_hash_filtering_rule_stats(pfring *ring,
					 hash_filtering_rule *rule,
					 char *stats, u_int *stats_len);
int pfring_get_filtering_rule_stats(pfring *ring, u_int16_t rule_id,
				    char *stats, u_int *stats_len);
int pfring_toggle_filtering_policy(pfring *ring,
				   u_int8_t rules_default_accept_policy);
int pfring_set_filtering_mode(pfring *ring, filtering_mode mode);
int pfring_search_payload(pfring *ring, char *string_to_search);
int pfring_enable_rss_rehash(pfring *ring);
int pfring_set_virtual_device(pfring *ring,
			      virtual_filtering_device_info *info);
int pfring_set_default_hw_action(pfring *ring,
				 generic_default_action_type action);
int pfring_add_hw_rule(pfring *ring, hw_filtering_rule *rule);
int pfring_remove_hw_rule(pfring *ring, u_int16_t rule_id);
int pfring_parse_bpf_filter(const char *filter_buffer, u_int caplen,
			    struct pfring_bpf_program *filter);
void pfring_free_bpf_filter(struct pfring_bpf_program *filter);
u_int32_t pfring_bpf_filter(void *bpf_insn, u_char *buffer,
			    u_int32_t caplen, u_int32_t len);

/* Transmission */
int pfring_send(pfring *ring, char *pkt, u_int pkt_len,
		u_int8_t flush_packet);
int pfring_send_get_time(pfring *ring, char *pkt, u_int pkt_len,
			 struct timespec *ts);
int pfring_send_last_rx_packet(pfring *ring, int tx_interface_id);
int pfring_set_tx_watermark(pfring *ring, u_int16_t watermark);
int pfring_flush_tx_packets(pfring *ring);
int pfring_set_reflector_device(pfring *ring, char *device_name);
int pfring_loopback_test(pfring *ring, char *buffer, u_int buffer_len,
			 u_int test_len);

/* Hardware timestamps */
int pfring_enable_hw_timestamp(pfring *ring, char *device_name,
			       u_int8_t enable_rx, u_int8_t enable_tx);
void pfring_enable_hw_timestamp_debug(void);
int pfring_get_device_clock(pfring *ring, struct timespec *ts);
int pfring_set_device_clock(pfring *ring, struct timespec *ts);
int pfring_adjust_device_clock(pfring *ring, struct timespec *offset,
			       int8_t sign);
int pfring_read_ixia_hw_timestamp(u_char *buffer, u_int32_t buffer_len,
				  struct timespec *ts);
int pfring_handle_ixia_hw_timestamp(u_char *buffer,
				    struct pfring_pkthdr *hdr);
int pfring_read_metawatch_hw_timestamp(u_char *buffer, u_int32_t buffer_len,
				       struct timespec *ts);
int pfring_read_metawatch_device_info(u_char *buffer, u_int32_t buffer_len,
				      u_int16_t *device_id,
				      u_int8_t *port_id);
int pfring_handle_metawatch_hw_timestamp(u_char *buffer,
					 struct pfring_pkthdr *hdr);
int pfring_read_arista_7150_keyframe(u_char *buffer, u_int32_t buffer_len,
				     u_int64_t *ns_ts, u_int32_t *ticks_ts);
int pfring_read_arista_7150_hw_timestamp(u_char *buffer,
					 u_int32_t buffer_len,
					 u_int64_t *ns_ts);
int pfring_handle_arista_hw_timestamp(u_char *buffer,
				      struct pfring_pkthdr *hdr);

/* Packet utilities */
int pfring_parse_pkt(u_char *pkt, struct pfring_pkthdr *hdr,
		     u_int8_t level, u_int8_t add_timestamp,
		     u_int8_t add_hash);
int pfring_print_parsed_pkt(char *buff, u_int buff_len, const u_char *p,
			    const struct pfring_pkthdr *h);
int pfring_print_pkt(char *buff, u_int buff_len, const u_char *p, u_int len,
		     u_int caplen);
char *pfring_format_numbers(double val, char *buf, u_int buf_len,
			    u_int8_t add_decimals);

/* Third-party modules */
struct thirdparty_func {
	const char *name;
	void (*ptr)(void);
};

void pfring_thirdparty_lib_init(const char *thirdparty_lib_name,
				struct thirdparty_func thirdparty_function_ptr[]);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* _PFRING_H_ */
