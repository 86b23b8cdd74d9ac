/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * PF_RING socket: the interface between pf_ring.ko and user space.
 *
 * This is the only header shared by the kernel module and the library.
 * Everything in it is fixed-width, pointer-free and explicitly padded;
 * every size is pinned with BUILD_BUG_ON (kernel) and _Static_assert
 * (user space, at the end of this file).
 *
 * Ring protocol
 * -------------
 * A socket owns one ring: a header page followed by a data area of
 * data_size bytes (a power of two) holding variable-length records.
 * User space maps all of it with
 * mmap(NULL, info.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0).
 *
 * A record is a struct pfring_slot followed by caplen bytes of frame,
 * rounded up to PFRING_RECORD_ALIGN: its length is
 * PFRING_RECORD_LEN(slot_hdr_len, caplen) and never more than slot_len,
 * the length of a record with caplen == bucket_len.  Records never
 * wrap: a record starts at data offset o only if at least slot_len bytes
 * remain there (data_size - o >= slot_len); otherwise the next record is
 * at offset 0 and the bytes up to the end are skipped
 * (PFRING_RECORD_SKIP).  Both sides apply
 * this rule, so there is no marker in the ring.
 *
 * There is one producer position and one consumer position, each a
 * __u64 written with one store: a free-running 32-bit byte counter in
 * the low half (data offset = bytes & (data_size - 1)) and a free-running
 * 32-bit record counter in the high half (PFRING_POS_*).  Only
 * differences matter, so both may wrap.
 *
 *   prod  written by the kernel only, read by user space.
 *   cons  written by user space only, read by the kernel.
 *
 * The kernel fills bytes [prod, cons + data_size) and user space reads
 * the records in [cons, prod).  The kernel never writes bytes user space
 * has not released, and never trusts either shared position: it
 * addresses memory only with its own copy of prod, and treats a cons
 * whose byte counter is more than data_size behind its own as "ring
 * full" (counted in pfring_stats.bad_cons).  The record counter of cons
 * is used only to count queued packets (poll watermark,
 * SO_GET_NUM_QUEUED_PKTS), so a wrong one costs at most a wake-up.  User
 * space can therefore corrupt only its own view of its own ring.
 *
 * Barriers (the kernel uses smp_* helpers, user space __atomic builtins):
 *
 *   kernel (producer)                 user space (consumer)
 *   -----------------                 ---------------------
 *   c = load_acquire(cons)     (A)    p = load_acquire(prod)       (C)
 *   if there is room:                 read records [cons, p)
 *     write the record at prod        store_release(cons, p)       (D)
 *     store_release(prod, next)  (B)
 *
 *   (A) pairs with (D): user space has finished reading a record before
 *       the kernel can see it released and overwrite it.
 *   (B) pairs with (C): a record's contents are visible before user
 *       space sees the position that publishes it.
 *
 * Both sides cache the other side's position and touch the shared cache
 * line only when their cached copy says the ring is full (kernel) or
 * empty (user space); prod and cons live on separate cache lines.
 *
 * Wake-ups: by default poll() reports POLLIN when the records queued
 * fill an eighth of data_size (PFRING_WAKE_FRACTION, as a TPACKET_V3
 * ring of 8 blocks hands over a block), whatever their size.  After
 * SO_SET_POLL_WATERMARK it does so when at least poll_watermark packets
 * are queued instead.  Either way also when at least one is queued and
 * poll_watermark_timeout milliseconds have passed since the reader
 * started waiting (timeout 0: the watermark alone).  "Queued" counts
 * from the cons the kernel sees, so a reader publishes cons before it
 * sleeps.  The kernel wakes a sleeping reader once per watermark
 * crossing, not per packet.
 *
 * A bound device that goes away: poll() reports POLLERR, recv() fails
 * with ENODEV, and the kernel sets PFRING_STATUS_DEV_GONE in status (for
 * readers that never sleep); queued packets stay readable.  A new bind
 * clears it.
 */
#ifndef _UAPI_LINUX_PF_RING_H
#define _UAPI_LINUX_PF_RING_H

#include <linux/types.h>

#define PF_RING				27	/* socket family */

/* Version of the kernel module, as SO_GET_RING_VERSION reports it. */
#define PFRING_MODULE_VERSION		"1.0.0"
#define PFRING_MODULE_VERSION_NUM	0x010000

/*
 * Version of the ring layout and slot header.  Bumped whenever a shared
 * structure changes; the library refuses a ring of another version.
 */
#define PFRING_RING_MAGIC		0x50465247	/* "PFRG" */
#define PFRING_RING_VERSION		2

/* setsockopt()/getsockopt() level for the options below. */
#define SOL_PF_RING			0

/*
 * Classic BPF filters, at SOL_PF_RING with the numbers <asm/socket.h>
 * gives them at SOL_SOCKET (as ntop's library sets them).  The filter
 * sees the frame as the ring holds it, VLAN tag inside the frame even
 * when the NIC stripped it (compile for DLT_EN10MB as for a savefile);
 * its return value caps the bytes copied and 0 rejects the packet,
 * which is then neither copied nor counted.  Ancillary loads
 * (SKF_AD_OFF + ...) PROTOCOL, PKTTYPE, IFINDEX, MARK, QUEUE, HATYPE,
 * RXHASH and CPU are answered; the VLAN ones read 0 (no tag beside the
 * frame).  The socket-level SO_ATTACH_FILTER and SO_ATTACH_BPF work as
 * well, with AF_PACKET's view of the skb; SO_LOCK_FILTER at either
 * level freezes both, and a locked filter cannot be changed (EPERM).
 */
#define PFRING_SO_ATTACH_FILTER		26	/* struct sock_fprog; EINVAL if invalid */
#define PFRING_SO_DETACH_FILTER		27	/* no value; ENOENT if none */
#define PFRING_SO_LOCK_FILTER		44	/* __u32: 1 to lock */

/* setsockopt() options (ntop's names and numbers) */
#define SO_ADD_TO_CLUSTER		99	/* struct pfring_cluster_req */
#define SO_REMOVE_FROM_CLUSTER		100	/* no value */
#define SO_ACTIVATE_RING		106	/* no value */
#define SO_RING_BUCKET_LEN		107	/* __u32: longest caplen */
#define SO_SET_APPL_NAME		110	/* string, NUL included: <= PFRING_APPNAME_LEN */
#define SO_SET_PACKET_DIRECTION		111	/* __u32: enum pfring_direction_sel */
#define SO_DEACTIVATE_RING		116	/* no value */
#define SO_SET_POLL_WATERMARK		117	/* __u32: packets, >= 1 (see Wake-ups) */
#define SO_SET_POLL_WATERMARK_TIMEOUT	121	/* __u32: milliseconds, 0: none */
#define SO_SET_SOCKET_MODE		126	/* __u32: enum pfring_socket_mode_sel */
#define SO_SET_IFF_PROMISC		140	/* __u32: 0 or 1, undone at close */

/* getsockopt() options (ntop's names and numbers) */
#define SO_GET_RING_VERSION		170	/* __u32: PFRING_MODULE_VERSION_NUM */
#define SO_GET_NUM_RX_CHANNELS		174	/* __u32: RX queues of the bound device */
#define SO_GET_BOUND_DEVICE_ADDRESS	177	/* __u8[6]: MAC of the bound device */
#define SO_GET_NUM_QUEUED_PKTS		178	/* __u32 */
#define SO_GET_PKT_HEADER_LEN		179	/* __u32: sizeof(struct pfring_slot) */
#define SO_GET_BUCKET_LEN		181	/* __u32 */
#define SO_GET_BOUND_DEVICE_IFINDEX	184	/* __s32: 0 when bound to "any" */

/* Options of this implementation (outside ntop's range). */
#define SO_SET_RING_SLOTS		230	/* __u32: full-size records wanted, before the ring exists */
#define SO_GET_RING_INFO		231	/* struct pfring_ring_info; allocates the ring */
/*
 * The ring is allocated by SO_GET_RING_INFO, SO_ACTIVATE_RING or mmap(),
 * whichever comes first.  Without CAP_IPC_LOCK its pages count against
 * RLIMIT_MEMLOCK (ENOBUFS when over); a ring over 1 GiB or half of RAM
 * is refused with ENOMEM.
 */
#define SO_GET_STATS			232	/* struct pfring_stats */
#define SO_SET_PARSE_HEADERS		233	/* __u32: 1 (default) or 0, see below */
/*
 * With SO_SET_PARSE_HEADERS 1 the kernel parses each packet's L2-L4
 * headers into its record's parsed field and sets PFRING_SLOT_F_PARSED;
 * with 0 it does not (parsing costs about a quarter of the module's
 * time per packet) and the parsed field holds stale bytes of this ring.
 */
/*
 * Transmit: send()/sendto()/sendmsg() of one whole frame, from its MAC
 * header, goes out on the bound device (or on the one a struct
 * sockaddr_pfring names, queue_mask 0).  Errors: EINVAL for a frame
 * shorter than the device's link header or empty, EMSGSIZE when longer
 * than MTU + link header (+ 4 when it carries an 802.1Q tag),
 * EDESTADDRREQ when unbound or bound to "any", ENXIO for a device that
 * is gone (ENODEV when it goes during the call), ENETDOWN for one that
 * is down.  A socket that also captures
 * sent packets on that device sees its own frames.
 */

#define PFRING_APPNAME_LEN		32
#define PFRING_DEFAULT_BUCKET_LEN	1536
#define PFRING_MAX_BUCKET_LEN		65536
#define PFRING_MIN_SLOTS		16
#define PFRING_MAX_SLOTS		(1U << 20)
#define PFRING_WAKE_FRACTION		8	/* default: data_size / 8 queued */
#define PFRING_DEFAULT_WATERMARK_TIMEOUT_MS 10

enum pfring_direction_sel {
	PFRING_DIR_SEL_RX_AND_TX = 0,	/* ntop: rx_and_tx_direction */
	PFRING_DIR_SEL_RX_ONLY = 1,	/* ntop: rx_only_direction */
	PFRING_DIR_SEL_TX_ONLY = 2,	/* ntop: tx_only_direction */
};

enum pfring_socket_mode_sel {
	PFRING_MODE_SEND_AND_RECV = 0,	/* ntop: send_and_recv_mode */
	PFRING_MODE_SEND_ONLY = 1,	/* ntop: send_only_mode */
	PFRING_MODE_RECV_ONLY = 2,	/* ntop: recv_only_mode */
};

/*
 * Clusters: the sockets bound to one device (or all to "any") that join
 * the same cluster id share that device's packets, each packet going to
 * exactly one member: in turn, or by a hash of the fields the type names
 * that is the same for both directions of a flow.  Members are ordered by
 * position (PFRING_CLUSTER_POS_ANY: after the others).  A socket may join
 * before binding; it joins at bind time, and again after a rebind.
 */
enum pfring_cluster_type_sel {
	PFRING_CLUSTER_PER_FLOW = 0,		/* ntop: cluster_per_flow (+ VLAN) */
	PFRING_CLUSTER_ROUND_ROBIN = 1,
	PFRING_CLUSTER_PER_FLOW_2_TUPLE = 2,	/* addresses */
	PFRING_CLUSTER_PER_FLOW_4_TUPLE = 3,	/* addresses, ports */
	PFRING_CLUSTER_PER_FLOW_5_TUPLE = 4,	/* addresses, ports, protocol */
	PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE = 5, /* 5-tuple for TCP, else 2 */
};

#define PFRING_CLUSTER_POS_ANY		0xffffffffU

struct pfring_cluster_req {
	__u32 cluster_id;
	__u32 type;			/* enum pfring_cluster_type_sel */
	__u32 position;
	__u32 reserved;			/* must be zero */
};

/*
 * bind() address.  spr_ifindex 0 binds to every device of the netns.
 * spr_queue_mask selects receive queues: the driver's, or the device's
 * software queues when /proc/net/pf_ring/dev/<ifname>/soft_queues is set
 * (then transmitted packets are spread over the queues too; otherwise a
 * socket that selects queues gets no transmitted packets).  "any" takes
 * no queue mask.
 */
#define PFRING_IFINDEX_ANY		0

struct sockaddr_pfring {
	__u16 spr_family;		/* PF_RING */
	__u16 spr_reserved;		/* must be zero */
	__s32 spr_ifindex;		/* device in the socket's netns, or ANY */
	__u64 spr_queue_mask;		/* RX queues wanted, bit n = queue n; 0 = all */
};

/* Records start and end at multiples of this many bytes. */
#define PFRING_RECORD_ALIGN		16
#define PFRING_RECORD_LEN(hdr_len, caplen) \
	(((hdr_len) + (caplen) + PFRING_RECORD_ALIGN - 1) & \
	 ~(__u32)(PFRING_RECORD_ALIGN - 1))
/*
 * Bytes skipped before the next record when the data offset is off:
 * records never wrap, so where fewer than slot_len bytes remain the
 * record goes to offset 0 instead.
 */
#define PFRING_RECORD_SKIP(data_size, slot_len, off) \
	((data_size) - (off) < (slot_len) ? (data_size) - (off) : 0)

/* The halves of a ring position (struct pfring_ring_hdr prod, cons). */
#define PFRING_POS(records, bytes) \
	(((__u64)(__u32)(records) << 32) | (__u32)(bytes))
#define PFRING_POS_BYTES(pos)		((__u32)(pos))
#define PFRING_POS_RECORDS(pos)		((__u32)((pos) >> 32))

/* Written once by the kernel when the ring is allocated. */
struct pfring_ring_info {
	__u32 magic;			/* PFRING_RING_MAGIC */
	__u32 version;			/* PFRING_RING_VERSION */
	__u32 num_slots;		/* full-size records the ring always has room for */
	__u32 slot_len;			/* longest record: PFRING_RECORD_LEN(slot_hdr_len, bucket_len) */
	__u32 slot_hdr_len;		/* sizeof(struct pfring_slot) */
	__u32 bucket_len;		/* longest caplen of a record */
	__u32 slots_offset;		/* data area, from the start of the mapping */
	__u32 data_size;		/* bytes of the data area, power of two */
	__u64 mem_size;			/* length to mmap() */
	__u8  reserved1[24];
};

/* The first page of the mapping. */
struct pfring_ring_hdr {
	struct pfring_ring_info info;
	__u64 prod;			/* kernel writes, (B); user reads, (C) */
	__u32 status;			/* kernel writes: PFRING_STATUS_* */
	__u8  pad_prod[52];
	__u64 cons;			/* user writes, (D); kernel reads, (A) */
	__u8  pad_cons[56];
};

/* struct pfring_ring_hdr.status */
#define PFRING_STATUS_DEV_GONE		(1 << 0)	/* bound device removed */

#define PFRING_DIR_RX			0
#define PFRING_DIR_TX			1

/* struct pfring_slot.flags */
#define PFRING_SLOT_F_VLAN_RESTORED	(1 << 0)	/* tag stripped by the NIC, put back */
#define PFRING_SLOT_F_TRUNCATED		(1 << 1)	/* caplen < len */
#define PFRING_SLOT_F_PARSED		(1 << 2)	/* parsed is filled in */

/* struct pfring_parsed.flags */
#define PFRING_PARSED_VLAN		(1 << 0)	/* at least one 802.1Q/802.1ad tag */
#define PFRING_PARSED_QINQ		(1 << 1)	/* two or more tags */
#define PFRING_PARSED_FRAGMENT		(1 << 2)	/* IP fragment */
#define PFRING_PARSED_FIRST_FRAGMENT	(1 << 3)	/* fragment with offset 0 */
#define PFRING_PARSED_L4		(1 << 4)	/* ports/icmp fields are valid */
#define PFRING_PARSED_TRUNCATED		(1 << 5)	/* headers cut short by caplen */
#define PFRING_PARSED_MORE_FRAGS	(1 << 6)	/* IP "more fragments" set */

/*
 * Headers found in the captured bytes (a header cut off by caplen is not
 * there).  Offsets count from the first
 * byte of the frame; 0 means "not present".  Addresses keep network byte
 * order (IPv4 in the first 4 bytes); ports and the VLAN ids are in host
 * byte order.
 */
struct pfring_parsed {
	__u16 eth_type;			/* after the last VLAN tag */
	__u16 vlan_id;			/* outer tag, 0 if none */
	__u16 qinq_vlan_id;		/* inner tag, 0 if none */
	__u16 l3_offset;
	__u16 l4_offset;
	__u16 payload_offset;
	__u8  ip_version;		/* 4, 6 or 0 */
	__u8  l4_proto;			/* IPPROTO_*, after IPv6 extension headers */
	__u8  ip_tos;
	__u8  flags;			/* PFRING_PARSED_* */
	__u16 l4_src_port;
	__u16 l4_dst_port;
	__u8  tcp_flags;
	__u8  icmp_type;
	__u8  icmp_code;
	__u8  reserved0;
	__u32 frag_id;			/* IPv4 id or IPv6 fragment id */
	__u32 tcp_seq;
	__u8  ip_src[16];
	__u8  ip_dst[16];
};

/* The header of every record; the frame follows it. */
struct pfring_slot {
	__u64 ts_ns;			/* CLOCK_REALTIME, nanoseconds */
	__u32 caplen;			/* bytes of frame in this record */
	__u32 len;			/* bytes of frame on the wire */
	__s32 ifindex;			/* device the frame was seen on */
	__u16 rx_queue;			/* RX queue recorded by the driver, else 0 */
	__u8  direction;		/* PFRING_DIR_RX or PFRING_DIR_TX */
	__u8  flags;			/* PFRING_SLOT_F_* */
	__u32 hash;			/* hash recorded by the driver, else 0 */
	__u32 reserved0;
	struct pfring_parsed parsed;	/* valid with PFRING_SLOT_F_PARSED */
};

/* SO_GET_STATS: counted by the kernel, never from the shared page. */
struct pfring_stats {
	__u64 recv;			/* packets written into the ring */
	__u64 drop_full;		/* packets lost because the ring was full */
	__u64 bad_cons;			/* times the consumer index was out of range */
	__u64 tx_sent;			/* frames send() handed to the device */
	__u64 tx_failed;		/* send() calls that failed */
	__u64 reserved[3];
};

#if !defined(__KERNEL__) && !defined(__cplusplus)
_Static_assert(sizeof(struct sockaddr_pfring) == 16, "sockaddr_pfring");
_Static_assert(sizeof(struct pfring_ring_info) == 64, "pfring_ring_info");
_Static_assert(sizeof(struct pfring_ring_hdr) == 192, "pfring_ring_hdr");
_Static_assert(sizeof(struct pfring_parsed) == 64, "pfring_parsed");
_Static_assert(sizeof(struct pfring_slot) == 96, "pfring_slot");
_Static_assert(sizeof(struct pfring_stats) == 64, "pfring_stats");
_Static_assert(sizeof(struct pfring_cluster_req) == 16, "pfring_cluster_req");
#endif

#endif /* _UAPI_LINUX_PF_RING_H */
