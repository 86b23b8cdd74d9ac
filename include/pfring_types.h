/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Data types of the pfring_* API.
 *
 * Names, members and layouts are those of ntop's PF_RING (kernel/linux/
 * pf_ring.h and userland/lib/pfring.h) so that existing programs build
 * unchanged; packed exactly where ntop packs.  Pointers that ntop types
 * as kernel objects are plain void pointers here: user space never
 * dereferences them and the layout is the same.  Nothing in this file
 * describes the pf_ring.ko ring itself; that is <linux/pf_ring.h>.
 */
#ifndef _PFRING_TYPES_H_
#define _PFRING_TYPES_H_

#include <sys/types.h>
#include <sys/time.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ETH_ALEN
#define ETH_ALEN			6
#endif
#ifndef IFNAMSIZ
#define IFNAMSIZ			16
#endif

#define MAX_CAPLEN			65600
#define DEFAULT_POLL_DURATION		500	/* ms */
#define MAX_NUM_RX_CHANNELS		64	/* channel masks are 64 bits */
#define UNKNOWN_NUM_RX_CHANNELS		1
#define RING_ANY_CHANNEL		((u_int64_t)-1)
#define RING_ANY_VLAN			((u_int16_t)0xFFFF)
#define RING_NO_VLAN			((u_int16_t)0)
#define REFLECTOR_NAME_LEN		8
#define NO_TUNNEL_ID			0xFFFFFFFF
#define UNKNOWN_INTERFACE		-1
#define FAKE_PACKET			-2
#define FILTERING_RULE_AUTO_RULE_ID	0xFFFF
#define FILTER_TUNNEL_ID_FLAG		(1 << 0)

#ifndef NEXTHDR_HOP
#define NEXTHDR_HOP			0
#define NEXTHDR_IPV6			41
#define NEXTHDR_ROUTING			43
#define NEXTHDR_FRAGMENT		44
#define NEXTHDR_ESP			50
#define NEXTHDR_AUTH			51
#define NEXTHDR_NONE			59
#define NEXTHDR_DEST			60
#define NEXTHDR_MOBILITY		135
#endif

/* Error codes returned by the int-valued functions. */
#define PF_RING_ERROR_GENERIC			-1
#define PF_RING_ERROR_INVALID_ARGUMENT		-2
#define PF_RING_ERROR_NO_PKT_AVAILABLE		-3
#define PF_RING_ERROR_NO_TX_SLOT_AVAILABLE	-4
#define PF_RING_ERROR_WRONG_CONFIGURATION	-5
#define PF_RING_ERROR_END_OF_DEMO_MODE		-6
#define PF_RING_ERROR_NOT_SUPPORTED		-7
#define PF_RING_ERROR_INVALID_LIB_VERSION	-8
#define PF_RING_ERROR_UNKNOWN_ADAPTER		-9
#define PF_RING_ERROR_NOT_ENOUGH_MEMORY		-10
#define PF_RING_ERROR_INVALID_STATUS		-11
#define PF_RING_ERROR_RING_NOT_ENABLED		-12

/* struct pfring_extended_pkthdr.flags */
#define PKT_FLAGS_CHECKSUM_OFFLOAD	(1 << 0)
#define PKT_FLAGS_CHECKSUM_OK		(1 << 1)
#define PKT_FLAGS_IP_MORE_FRAG		(1 << 2)
#define PKT_FLAGS_IP_FRAG_OFFSET	(1 << 3)
#define PKT_FLAGS_VLAN_HWACCEL		(1 << 4)
#define PKT_FLAGS_FLOW_OFFLOAD_UPDATE	(1 << 6)
#define PKT_FLAGS_FLOW_OFFLOAD_PACKET	(1 << 7)
#define PKT_FLAGS_FLOW_OFFLOAD_MARKER	(1 << 8)

/* ------------------------------------------------------------------ */
/* Packet header                                                       */

struct pkt_offset {
	int16_t eth_offset;
	int16_t vlan_offset;		/* first VLAN tag's TCI */
	int16_t l3_offset;
	int16_t l4_offset;
	int16_t payload_offset;
} __attribute__((packed));

/* IPv6 in network byte order, IPv4 (v4) in host byte order, as ntop. */
typedef union {
	struct in6_addr v6;
	u_int32_t v4;
} ip_addr;

#define ipv4_tos	ip_tos
#define ipv6_tos	ip_tos
#define ipv4_src	ip_src.v4
#define ipv4_dst	ip_dst.v4
#define ipv6_src	ip_src.v6
#define ipv6_dst	ip_dst.v6
#define host4_low	host_low.v4
#define host4_high	host_high.v4
#define host6_low	host_low.v6
#define host6_high	host_high.v6
#define host4_peer_a	host_peer_a.v4
#define host4_peer_b	host_peer_b.v4
#define host6_peer_a	host_peer_a.v6
#define host6_peer_b	host_peer_b.v6

struct eth_vlan_hdr {
	u_int16_t h_vlan_id;
	u_int16_t h_proto;
} __attribute__((packed));

typedef struct {
	u_int32_t tunnel_id;		/* NO_TUNNEL_ID when not tunnelled */
	u_int8_t tunneled_ip_version;
	u_int8_t tunneled_proto;
	ip_addr tunneled_ip_src, tunneled_ip_dst;
	u_int16_t tunneled_l4_src_port, tunneled_l4_dst_port;
} __attribute__((packed)) tunnel_info;

typedef enum {
	long_pkt_header = 0,
	short_pkt_header
} pkt_header_len;

struct pkt_parsing_info {
	u_int8_t dmac[ETH_ALEN], smac[ETH_ALEN];
	u_int16_t eth_type;
	u_int16_t vlan_id;
	u_int16_t qinq_vlan_id;
	u_int8_t ip_version;
	u_int8_t l3_proto, ip_tos;	/* l3_proto: the IP payload protocol */
	ip_addr ip_src, ip_dst;
	u_int16_t l4_src_port, l4_dst_port;
	u_int8_t icmp_type, icmp_code;
	struct {
		u_int8_t flags;
		u_int32_t seq_num, ack_num;
	} tcp;
	tunnel_info tunnel;
	int32_t last_matched_rule_id;
	struct pkt_offset offset;
} __attribute__((packed));

struct pfring_extended_pkthdr {
	u_int64_t timestamp_ns;
	u_int32_t flags;		/* PKT_FLAGS_* */
	u_int8_t rx_direction;		/* 1: received, 0: transmitted */
	int32_t if_index;
	u_int32_t pkt_hash;
	struct {
		int32_t bounce_interface;
		void *reserved;
	} tx;
	struct pkt_parsing_info parsed_pkt;	/* PF_RING_LONG_HEADER only */
} __attribute__((packed));

/*
 * Starts like struct pcap_pkthdr, so it can be passed where one is wanted.
 * ntop packs it; its members sit at the same offsets unpacked, and
 * unpacked it can be cast to struct pcap_pkthdr without an alignment
 * warning.
 */
struct pfring_pkthdr {
	struct timeval ts;
	u_int32_t caplen;
	u_int32_t len;
	struct pfring_extended_pkthdr extended_hdr;
};

/* ------------------------------------------------------------------ */
/* Socket settings                                                     */

typedef enum {
	rx_and_tx_direction = 0,
	rx_only_direction,
	tx_only_direction
} packet_direction;

typedef enum {
	send_and_recv_mode = 0,
	send_only_mode,
	recv_only_mode
} socket_mode;

typedef enum {
	cluster_per_flow = 0,
	cluster_round_robin,
	cluster_per_flow_2_tuple,
	cluster_per_flow_4_tuple,
	cluster_per_flow_5_tuple,
	cluster_per_flow_tcp_5_tuple,
	cluster_per_inner_flow,
	cluster_per_inner_flow_2_tuple,
	cluster_per_inner_flow_4_tuple,
	cluster_per_inner_flow_5_tuple,
	cluster_per_inner_flow_tcp_5_tuple,
	cluster_per_flow_ip_5_tuple,
	cluster_per_inner_flow_ip_5_tuple,
	cluster_per_flow_ip_with_dup_tuple
} cluster_type;

typedef enum {
	hardware_and_software = 0,
	hardware_only,
	software_only
} filtering_mode;

typedef enum {
	FULL_PACKET_SLICING = 0,
	L2_SLICING = 2,
	L3_SLICING = 3,
	L4_SLICING = 4
} packet_slicing_level;

typedef enum {
	standard_nic_family = 0,
	intel_82599_family
} pfring_device_type;

typedef struct {
	char device_name[IFNAMSIZ];
	pfring_device_type device_type;
	void *proc_entry;
} __attribute__((packed)) virtual_filtering_device_info;

/* ------------------------------------------------------------------ */
/* Software filtering rules                                            */

typedef enum {
	forward_packet_and_stop_rule_evaluation = 0,
	dont_forward_packet_and_stop_rule_evaluation,
	execute_action_and_continue_rule_evaluation,
	execute_action_and_stop_rule_evaluation,
	forward_packet_add_rule_and_stop_rule_evaluation,
	reflect_packet_and_stop_rule_evaluation,
	reflect_packet_and_continue_rule_evaluation,
	bounce_packet_and_stop_rule_evaluation,
	bounce_packet_and_continue_rule_evaluation
} rule_action_behaviour;

typedef struct {
	unsigned long jiffies_last_match;
	void *reflector_dev;
} __attribute__((packed)) filtering_internals;

typedef struct {
	int32_t if_index;
	u_int8_t smac[ETH_ALEN], dmac[ETH_ALEN];
	u_int16_t vlan_id;
	u_int16_t eth_type;
	u_int8_t proto;
	ip_addr shost, dhost;
	ip_addr shost_mask, dhost_mask;
	u_int16_t sport_low, sport_high;
	u_int16_t dport_low, dport_high;
	struct {
		u_int8_t flags;
	} tcp;
} __attribute__((packed)) filtering_rule_core_fields;

typedef struct {
	u_int16_t optional_fields;	/* FILTER_TUNNEL_ID_FLAG */
	struct {
		u_int32_t tunnel_id;
		ip_addr shost, dhost;
		ip_addr shost_mask, dhost_mask;
	} tunnel;
	char payload_pattern[32];
} __attribute__((packed)) filtering_rule_extended_fields;

typedef struct {
	u_int16_t rule_id;
	rule_action_behaviour rule_action;
	u_int8_t balance_id, balance_pool;
	u_int8_t locked;
	u_int8_t bidirectional;
	filtering_rule_core_fields core_fields;
	filtering_rule_extended_fields extended_fields;
	char reflector_device_name[REFLECTOR_NAME_LEN];
	filtering_internals internals;
} __attribute__((packed)) filtering_rule;

typedef struct {
	u_int16_t rule_id;
	u_int16_t vlan_id;
	u_int8_t ip_version;
	u_int8_t proto;
	ip_addr host_peer_a, host_peer_b;
	u_int16_t port_peer_a, port_peer_b;
	rule_action_behaviour rule_action;
	char reflector_device_name[REFLECTOR_NAME_LEN];
	filtering_internals internals;
} __attribute__((packed)) hash_filtering_rule;

typedef struct {
	u_int64_t match;
	u_int64_t filtered;
	u_int64_t match_forward;
	u_int32_t inactivity;
} __attribute__((packed)) hash_filtering_rule_stats;

/* ------------------------------------------------------------------ */
/* Hardware filtering rules                                            */

typedef struct {
	u_int8_t proto;
	u_int32_t s_addr, d_addr;
	u_int16_t s_port, d_port;
	u_int16_t queue_id;
} __attribute__((packed)) intel_82599_five_tuple_filter_hw_rule;

typedef struct {
	u_int16_t vlan_id;
	u_int8_t proto;
	u_int32_t s_addr, d_addr;
	u_int16_t s_port, d_port;
	u_int16_t queue_id;
} __attribute__((packed)) intel_82599_perfect_filter_hw_rule;

typedef enum {
	drop_rule,
	redirect_rule,
	mirror_rule
} silicom_redirector_rule_type;

typedef struct {
	silicom_redirector_rule_type rule_type;
	u_int8_t rule_port;
	u_int8_t rule_target_port;
	u_int16_t vlan_id_low, vlan_id_high;
	u_int8_t l3_proto;
	ip_addr src_addr, dst_addr;
	u_int32_t src_mask, dst_mask;
	u_int16_t src_port_low, src_port_high;
	u_int16_t dst_port_low, dst_port_high;
} __attribute__((packed)) silicom_redirector_hw_rule;

typedef enum {
	accolade_drop,
	accolade_pass
} accolade_rule_action_type;

typedef struct {
	accolade_rule_action_type action;
	u_int32_t port_mask;
	u_int8_t ip_version;
	u_int8_t protocol;
	u_int16_t vlan_id;
	u_int32_t mpls_label;
	ip_addr src_addr, dst_addr;
	u_int32_t src_addr_bits, dst_addr_bits;
	u_int16_t src_port_low;
	u_int16_t src_port_high;
	u_int16_t dst_port_low;
	u_int16_t dst_port_high;
	u_int8_t l4_port_not;
} __attribute__((packed)) accolade_hw_rule;

typedef enum {
	flow_drop_rule,
	flow_mark_rule
} generic_flow_rule_action_type;

typedef struct {
	generic_flow_rule_action_type action;
	u_int32_t flow_id;
	u_int32_t thread;
} __attribute__((packed)) generic_flow_id_hw_rule;

typedef struct {
	generic_flow_rule_action_type action;
	ip_addr src_ip;
	ip_addr dst_ip;
	u_int16_t src_port;
	u_int16_t dst_port;
	u_int8_t ip_version;
	u_int8_t protocol;
	u_int8_t interface;
} __attribute__((packed)) generic_flow_tuple_hw_rule;

typedef enum {
	intel_82599_five_tuple_rule,
	intel_82599_perfect_filter_rule,
	silicom_redirector_rule,
	generic_flow_id_rule,
	generic_flow_tuple_rule,
	accolade_rule,
	accolade_default
} hw_filtering_rule_type;

typedef struct {
	hw_filtering_rule_type rule_family_type;
	u_int16_t rule_id;
	union {
		intel_82599_five_tuple_filter_hw_rule five_tuple_rule;
		intel_82599_perfect_filter_hw_rule perfect_rule;
		silicom_redirector_hw_rule redirector_rule;
		generic_flow_id_hw_rule flow_id_rule;
		generic_flow_tuple_hw_rule flow_tuple_rule;
		accolade_hw_rule accolade_rule;
	} rule_family;
} __attribute__((packed)) hw_filtering_rule;

typedef enum {
	default_pass = 0,
	default_drop
} generic_default_action_type;

/* ------------------------------------------------------------------ */
/* Flow offload                                                        */

struct pfring_timespec {
	u_int32_t tv_sec;
	u_int32_t tv_nsec;
} __attribute__((packed));

typedef struct {
	u_int32_t flow_id;
	u_int8_t ip_version;
	u_int8_t l4_protocol;
	u_int8_t tos;
	u_int8_t tcp_flags;
	ip_addr src_ip;
	ip_addr dst_ip;
	u_int16_t vlan_id;
	u_int16_t reserved;
	u_int16_t src_port;
	u_int16_t dst_port;
	u_int32_t fwd_packets;
	u_int32_t fwd_bytes;
	u_int32_t rev_packets;
	u_int32_t rev_bytes;
	struct pfring_timespec fwd_ts_first;
	struct pfring_timespec fwd_ts_last;
	struct pfring_timespec rev_ts_first;
	struct pfring_timespec rev_ts_last;
} __attribute__((packed)) generic_flow_update;

typedef generic_flow_update pfring_flow_update;

/* ------------------------------------------------------------------ */
/* Library-level types                                                 */

typedef struct {
	u_int32_t max_packet_size;
	u_int32_t rx_ring_slots;
	u_int32_t tx_ring_slots;
} pfring_card_settings;

typedef struct {
	u_int64_t recv;
	u_int64_t drop;
	u_int64_t shunt;
} pfring_stat;

typedef enum {
	PCAP_CHUNK,
	PCAP_NSEC_CHUNK,
	PCAPNG_NSEC_CHUNK,
	UNKNOWN_CHUNK_TYPE
} pfring_chunk_type;

typedef struct {
	u_int32_t length;
	pfring_chunk_type type;
} pfring_chunk_info;

typedef struct {
	u_char *data;
	struct timeval ts;
	u_int16_t caplen;
	u_int16_t len;
	u_int32_t flags;
	u_int32_t hash;
} pfring_packet_info;

struct pfring_bpf_program {
	u_int bf_len;
	void *bf_insns;
};

typedef struct pfring_if {
	char *name;
	char *system_name;
	char *module;
	char *module_version;
	char *sn;
	char mac[6];
	struct {			/* PCI address: domain (slot), bus, ... */
		int slot;
		int bus;
		int device;
		int function;
	} bus_id;
	int ifindex;
	int status;			/* 1: up, 0: down, -1: unknown */
	int license;
	time_t license_expiration;
	struct pfring_if *next;
} pfring_if_t;

#ifdef __cplusplus
}
#endif

#endif /* _PFRING_TYPES_H_ */
