// SPDX-License-Identifier: GPL-2.0
/* libpfring's open/receive path against the fake pf_ring.ko. */
#include <pfring.h>

#include "check_main.h"
#include "fake_kernel.h"
#include "frames.h"

static pfring *ring;

static void setup(void)
{
	fake_reset();
	ring = NULL;
}

static void teardown(void)
{
	if (ring)
		pfring_close(ring);
	fake_reset();
}

static void open_enabled(u_int32_t flags)
{
	ring = pfring_open("eth0", 256, flags);
	ck_assert_ptr_nonnull(ring);
	ck_assert_int_eq(pfring_enable_ring(ring), 0);
}

/* An IPv4/UDP frame whose ports and length tell the packets apart. */
static void make_udp(struct frame *f, uint16_t port, unsigned int payload)
{
	fr_init(f);
	fr_eth(f, 0x0800);
	fr_ipv4(f, 17, 1, 0, 5);
	fr_udp(f, port, 53);
	fr_zeros(f, payload);
}

static void produce_udp(uint16_t port, unsigned int payload)
{
	struct frame f;

	make_udp(&f, port, payload);
	ck_assert_int_eq(fake_produce(f.b, f.len), 1);
}

static uint16_t udp_src_port(const u_char *p)
{
	return (uint16_t)(p[34] << 8 | p[35]);
}

/* Runs fn with stderr sent to a file, and returns what it wrote. */
static const char *stderr_of(void (*fn)(void))
{
	static char out[512];
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	fflush(stderr);
	dup2(fileno(tmp), 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return out;
}

START_TEST(open_call_sequence)
{
	ring = pfring_open("eth0@1,3", 128, PF_RING_PROMISC);
	ck_assert_ptr_nonnull(ring);
	ck_assert_str_eq(fk.log, "socket bucket_len=128 bind=7/a ring_info mmap promisc=1");
	ck_assert_int_eq(fk.domain, PF_RING);
	ck_assert_int_eq(fk.type & ~SOCK_CLOEXEC, SOCK_RAW);
	ck_assert_int_eq(fk.protocol, htons(ETH_P_ALL));
	/* Nothing shows the kernel's parse without a long header. */
	ck_assert_uint_eq(fk.parse, 0);
	pfring_close(ring);
	ring = NULL;
	ck_assert_int_eq(fk.unmapped, 1);
	ck_assert_int_eq(fk.closed, 1);
	ck_assert_str_eq(fk.log, "socket bucket_len=128 bind=7/a ring_info mmap promisc=1 munmap close");
}
END_TEST

START_TEST(open_any_whole_frames)
{
	/* No promiscuous mode on "any"; caplen 0 means whole frames. */
	ring = pfring_open("any", 0, PF_RING_PROMISC);
	ck_assert_ptr_nonnull(ring);
	ck_assert_str_eq(fk.log, "socket bucket_len=65536 bind=0/0 ring_info mmap");
	ck_assert_int_eq(pfring_get_caplen(ring), 65536);
}
END_TEST

START_TEST(open_errors)
{
	fk.socket_errno = EPERM;
	ck_assert_ptr_null(pfring_open("eth0", 128, 0));
	ck_assert_int_eq(errno, EPERM);

	fake_reset();
	fk.socket_errno = EAFNOSUPPORT;
	ck_assert_ptr_null(pfring_open("eth0", 128, 0));
	ck_assert_int_eq(errno, EAFNOSUPPORT);

	fake_reset();
	ck_assert_ptr_null(pfring_open("nosuch0", 128, 0));
	ck_assert_int_eq(errno, ENODEV);
	ck_assert_int_eq(fk.closed, 1);

	fake_reset();
	fk.bind_errno = ENETDOWN;
	ck_assert_ptr_null(pfring_open("eth0", 128, 0));
	ck_assert_int_eq(errno, ENETDOWN);

	fake_reset();
	ck_assert_ptr_null(pfring_open("eth0@64", 128, 0));
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_str_eq(fk.log, "");

	ck_assert_ptr_null(pfring_open(NULL, 128, 0));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

static void open_eth0(void)
{
	ring = pfring_open("eth0", 128, 0);
}

START_TEST(ring_version_mismatch)
{
	char want[200];
	const char *msg;

	fk.ring_version = PFRING_RING_VERSION + 1;
	msg = stderr_of(open_eth0);
	ck_assert_ptr_null(ring);
	ck_assert_int_eq(errno, EPROTO);
	snprintf(want, sizeof(want),
		 "library (ring version %u) is older than the pf_ring module (ring version %u): rebuild the library",
		 PFRING_RING_VERSION, PFRING_RING_VERSION + 1);
	ck_assert_ptr_nonnull(strstr(msg, want));
	ck_assert_ptr_null(strstr(fk.log, "mmap"));

	/* A module of the fixed-slot layout (version 1). */
	fake_reset();
	fk.ring_version = PFRING_RING_VERSION - 1;
	msg = stderr_of(open_eth0);
	ck_assert_ptr_null(ring);
	snprintf(want, sizeof(want),
		 "pf_ring module (ring version %u) is older than the library (ring version %u): rebuild the module",
		 PFRING_RING_VERSION - 1, PFRING_RING_VERSION);
	ck_assert_ptr_nonnull(strstr(msg, want));
	ck_assert_ptr_null(strstr(fk.log, "mmap"));
}
END_TEST

START_TEST(recv_needs_enabled_ring)
{
	struct pfring_pkthdr h;
	u_char *p = NULL;

	ring = pfring_open("eth0", 128, 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_RING_NOT_ENABLED);
	ck_assert_int_eq(pfring_enable_ring(ring), 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 0);
	ck_assert_int_eq(pfring_disable_ring(ring), 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_RING_NOT_ENABLED);
	ck_assert_ptr_nonnull(strstr(fk.log, "activate deactivate"));
	ck_assert_int_eq(pfring_recv(ring, NULL, 0, &h, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, NULL, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(recv_zero_copy)
{
	struct pfring_pkthdr h;
	const u_char *base;
	u_char *p = NULL;
	uint16_t port;

	open_enabled(0);
	base = fk.img.mem;
	for (port = 1; port <= 5; port++)
		produce_udp(port, port * 10);
	for (port = 1; port <= 5; port++) {
		memset(&h, 0xaa, sizeof(h));
		ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
		ck_assert(p > base && p < base + fk.img.size);
		ck_assert_uint_eq(udp_src_port(p), port);
		ck_assert_uint_eq(h.caplen, 42u + port * 10);
		ck_assert_uint_eq(h.len, 42u + port * 10);
		ck_assert_int_eq(h.ts.tv_sec, 1700000000);
		ck_assert_int_eq(h.ts.tv_usec, 123456);
		ck_assert_uint_eq(h.extended_hdr.timestamp_ns,
				  1700000000123456789ULL);
		ck_assert_int_eq(h.extended_hdr.if_index, 7);
		ck_assert_uint_eq(h.extended_hdr.rx_direction, 1);
		ck_assert_uint_eq(h.extended_hdr.pkt_hash, 0xabcd);
		/* Without PF_RING_LONG_HEADER the parsing info is left alone. */
		ck_assert_uint_eq(h.extended_hdr.parsed_pkt.eth_type, 0xaaaa);
	}
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 0);
	/* Positions started just below 2^32: both counters have wrapped. */
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
	ck_assert_uint_eq(PFRING_POS_RECORDS(fk.img.hdr->cons), 3);
	ck_assert_uint_lt(PFRING_POS_BYTES(fk.img.hdr->cons), fk.img.data_size);
}
END_TEST

/* The stamp split into seconds and microseconds, one second after
 * another, backwards and near zero (libpfring keeps the last second). */
START_TEST(recv_stamps)
{
	static const struct {
		__u64 ns;
		long sec, usec;
	} st[] = {
		{ 1700000000999999999ULL, 1700000000, 999999 },
		{ 1700000001000000000ULL, 1700000001, 0 },
		{ 1700000000500000000ULL, 1700000000, 500000 },
		{ 5, 0, 0 },
		{ 999999999, 0, 999999 },
		{ 1700000001000001999ULL, 1700000001, 1 },
		{ 1700000001000002000ULL, 1700000001, 2 },
	};
	struct pfring_pkthdr h;
	u_char *p = NULL;
	size_t i;

	open_enabled(0);
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		fk.img.ts_ns = st[i].ns;
		produce_udp(1, 10);
	}
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
		ck_assert_uint_eq(h.extended_hdr.timestamp_ns, st[i].ns);
		ck_assert_int_eq(h.ts.tv_sec, st[i].sec);
		ck_assert_int_eq(h.ts.tv_usec, st[i].usec);
	}
}
END_TEST

START_TEST(recv_copy)
{
	struct pfring_pkthdr h;
	u_char buf[2048], *p = buf;
	struct frame f;

	open_enabled(0);
	make_udp(&f, 9, 100);
	ck_assert_int_eq(fake_produce(f.b, f.len), 1);
	ck_assert_int_eq(fake_produce(f.b, f.len), 1);
	ck_assert_int_eq(pfring_recv(ring, &p, 20, &h, 0), 1);
	ck_assert_ptr_eq(p, buf);
	ck_assert_uint_eq(h.caplen, 20);
	ck_assert_uint_eq(h.len, f.len);
	ck_assert_mem_eq(buf, f.b, 20);
	ck_assert_int_eq(pfring_recv(ring, &p, sizeof(buf), &h, 0), 1);
	ck_assert_uint_eq(h.caplen, f.len);
	ck_assert_mem_eq(buf, f.b, f.len);
}
END_TEST

START_TEST(recv_long_header)
{
	struct pfring_pkthdr h;
	struct pkt_parsing_info *pi = &h.extended_hdr.parsed_pkt;
	u_char *p;

	open_enabled(PF_RING_LONG_HEADER);
	ck_assert_uint_eq(fk.parse, 1);
	produce_udp(4242, 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(pi->eth_type, 0x0800);
	ck_assert_uint_eq(pi->ip_version, 4);
	ck_assert_uint_eq(pi->l3_proto, 17);
	ck_assert_uint_eq(pi->ip_src.v4, FR_IPV4_SRC);
	ck_assert_uint_eq(pi->l4_src_port, 4242);
	ck_assert_uint_eq(pi->l4_dst_port, 53);
	ck_assert_int_eq(pi->offset.l4_offset, 34);
	ck_assert_mem_eq(pi->smac, fr_smac, 6);
}
END_TEST

/*
 * A record the kernel did not parse holds stale bytes in parsed: none of
 * them may reach the header, fragment flags included.
 */
START_TEST(unparsed_record_ignored)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(PF_RING_LONG_HEADER | PF_RING_DO_NOT_PARSE);
	ck_assert_uint_eq(fk.parse, 0);
	produce_udp(4242, 0);
	memset(&h, 0xaa, sizeof(h));
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(udp_src_port(p), 4242);
	ck_assert_uint_eq(h.extended_hdr.flags &
			  (PKT_FLAGS_IP_FRAG_OFFSET | PKT_FLAGS_IP_MORE_FRAG), 0);
	ck_assert_uint_eq(h.extended_hdr.parsed_pkt.eth_type, 0xaaaa);
	ck_assert_uint_eq(h.extended_hdr.parsed_pkt.l4_src_port, 0xaaaa);
}
END_TEST

START_TEST(caplen_limited_by_bucket)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	produce_udp(1, 1000);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(h.caplen, 256);
	ck_assert_uint_eq(h.len, 1042);
}
END_TEST

/*
 * Frames of many sizes, some over the bucket, through several laps of
 * the data area: each arrives whole (or cut to the bucket), in order and
 * from inside the area, across the skips of its end.
 */
START_TEST(recv_across_laps)
{
	const unsigned char *lo, *hi, *slot;
	unsigned int sent = 0, got = 0, i, starts = 0, skips = 0;
	size_t prev_end = 0;
	struct pfring_pkthdr h;
	__u64 bytes = 0, before;
	struct frame f;
	u_char *p;

	open_enabled(0);
	lo = fk.img.data;
	hi = fk.img.data + fk.img.data_size;
	while (bytes < 6ULL * fk.img.data_size) {
		for (i = 0; i < 5; i++, sent++) {
			before = fk.img.prod;
			make_udp(&f, (uint16_t)sent, sent * 37 % 300);
			ck_assert_int_eq(fake_produce(f.b, f.len), 1);
			bytes += PFRING_POS_BYTES(fk.img.prod) -
				 PFRING_POS_BYTES(before);
		}
		for (; got < sent; got++) {
			make_udp(&f, (uint16_t)got, got * 37 % 300);
			ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
			ck_assert(p >= lo && p + h.caplen <= hi);
			ck_assert_uint_eq(h.len, f.len);
			ck_assert_uint_eq(h.caplen, f.len < 256 ? f.len : 256);
			ck_assert_mem_eq(p, f.b, h.caplen);
			slot = p - sizeof(struct pfring_slot);
			if (slot == lo) {
				starts++;
				skips += prev_end != fk.img.data_size;
			}
			prev_end = (size_t)(slot - lo) +
				   PFRING_RECORD_LEN(sizeof(struct pfring_slot),
						     h.caplen);
		}
	}
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 0);
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
	ck_assert_uint_ge(starts, 6);
	ck_assert_uint_ge(skips, 3);
}
END_TEST

/* Queued packets are records, whatever their size; a full ring drops. */
START_TEST(queued_counts_records)
{
	struct pfring_pkthdr h;
	pfring_stat st;
	u_int32_t n = 0;
	struct frame f;
	u_char *p;

	open_enabled(0);
	make_udp(&f, 1, 0);		/* 42 bytes: 144-byte records */
	while (fake_produce(f.b, f.len))
		n++;
	/* Many more than the full-size records the ring promises. */
	ck_assert_uint_ge(n, 2 * fk.img.hdr->info.num_slots);
	ck_assert_uint_eq(pfring_get_num_queued_pkts(ring), n);
	ck_assert_int_eq(pfring_is_pkt_available(ring), 1);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(pfring_get_num_queued_pkts(ring), n - 1);
	ck_assert_int_eq(pfring_stats(ring, &st), 0);
	ck_assert_uint_eq(st.recv, n);
	ck_assert_uint_eq(st.drop, 1);

	/* The kernel's count, for poll(), is in records too. */
	pfring_sync_indexes_with_kernel(ring);
	ck_assert_uint_eq(fake_queued(), n - 1);
}
END_TEST

static void arrive_while_sleeping(void)
{
	produce_udp(77, 0);
}

START_TEST(blocking_recv_sleeps_in_poll)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	fk.on_idle_poll = arrive_while_sleeping;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1), 1);
	ck_assert_uint_eq(udp_src_port(p), 77);
	ck_assert_int_eq(fk.polls, 1);
}
END_TEST

START_TEST(device_gone_after_queued_packets)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	produce_udp(1, 0);
	produce_udp(2, 0);
	fake_device_gone();
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1), 1);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1), 1);
	ck_assert_uint_eq(udp_src_port(p), 2);
	errno = 0;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, ENODEV);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1),
			 PF_RING_ERROR_GENERIC);
}
END_TEST

START_TEST(device_gone_busy_polling)
{
	struct pfring_pkthdr h;
	u_char *p;
	int i, rc = 0;

	open_enabled(0);
	produce_udp(1, 0);
	fake_device_gone();
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	for (i = 0; i < 5000 && rc == 0; i++)
		rc = pfring_recv(ring, &p, 0, &h, 0);
	ck_assert_int_eq(rc, PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, ENODEV);
	/* Noticed from the status word, without a system call. */
	ck_assert_int_eq(fk.polls, 0);
}
END_TEST

static int looped;

static void count_and_stop(const struct pfring_pkthdr *h, const u_char *p,
			   const u_char *user)
{
	(void)h;
	ck_assert_ptr_eq(user, (const u_char *)&looped);
	ck_assert_uint_eq(udp_src_port(p), (unsigned int)looped + 1);
	if (++looped == 3)
		pfring_breakloop(ring);
}

static void signal_arrives(void)
{
	pfring_breakloop(ring);
}

START_TEST(breakloop)
{
	struct pfring_pkthdr h;
	u_char *p;
	int i;

	open_enabled(0);
	for (i = 1; i <= 5; i++)
		produce_udp((uint16_t)i, 0);
	pfring_breakloop(ring);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 1), 0);

	/* pfring_loop() starts afresh and stops when asked to. */
	ck_assert_int_eq(pfring_loop(ring, count_and_stop,
				     (const u_char *)&looped, 1), 0);
	ck_assert_int_eq(looped, 3);

	/* A break while sleeping (a signal handler's) ends the loop. */
	fk.on_idle_poll = signal_arrives;
	ck_assert_int_eq(pfring_loop(ring, count_and_stop,
				     (const u_char *)&looped, 1), 0);
	ck_assert_int_eq(looped, 5);
}
END_TEST

START_TEST(stats_from_kernel)
{
	pfring_stat st;

	ring = pfring_open("eth0", 128, 0);
	fk.stats.recv = 10;
	fk.stats.drop_full = 3;
	fk.stats.bad_cons = 5;
	ck_assert_int_eq(pfring_stats(ring, &st), 0);
	ck_assert_uint_eq(st.recv, 10);
	ck_assert_uint_eq(st.drop, 3);
	ck_assert_uint_eq(st.shunt, 0);
}
END_TEST

START_TEST(corrupt_prod_is_an_error)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	/* More unreleased bytes than the data area has. */
	fk.img.hdr->prod = PFRING_POS(FAKE_START >> 32,
				      (__u32)FAKE_START + fk.img.data_size + 16);
	errno = 0;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);
	errno = 0;
	ck_assert_int_eq(pfring_is_pkt_available(ring), PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_uint_eq(pfring_get_num_queued_pkts(ring), 0);
	errno = 0;
	ck_assert_int_eq(pfring_poll(ring, 10), PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);
	/* Nothing was read, so nothing was released. */
	ck_assert_uint_eq(fk.img.hdr->cons, FAKE_START);
}
END_TEST

/* A record header that disagrees with prod stops pfring_recv() too. */
START_TEST(corrupt_record_is_an_error)
{
	struct pfring_pkthdr h;
	struct pfring_slot *s;
	__u64 second;
	u_char *p;

	open_enabled(0);
	produce_udp(1, 0);
	second = fk.img.prod;
	produce_udp(2, 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	s = ring_image_at(&fk.img, second);
	ck_assert_uint_eq(s->caplen, 42);

	s->caplen = fk.bucket_len + 1;
	errno = 0;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);

	/* Within bucket_len, but past what prod published. */
	s->caplen = 42 + 16;
	errno = 0;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);

	s->caplen = 42;
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(udp_src_port(p), 2);
}
END_TEST

/*
 * A burst hands out what is queued, up to its size, in order, with the
 * fields pfring_recv() gives, and leaves each record in place until the
 * next call releases the whole burst at once.
 */
START_TEST(burst_in_order)
{
	const u_char *base = NULL;
	pfring_packet_info pk[4];
	__u64 after_first = 0;
	uint16_t port;
	int i;

	open_enabled(0);
	base = fk.img.mem;
	for (port = 1; port <= 6; port++) {
		produce_udp(port, port * 10);
		if (port == 4)
			after_first = fk.img.prod;
	}
	memset(pk, 0xaa, sizeof(pk));
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0), 4);
	for (i = 0; i < 4; i++) {
		ck_assert(pk[i].data > base && pk[i].data < base + fk.img.size);
		ck_assert_uint_eq(udp_src_port(pk[i].data), i + 1);
		ck_assert_uint_eq(pk[i].caplen, 42u + (i + 1) * 10);
		ck_assert_uint_eq(pk[i].len, 42u + (i + 1) * 10);
		ck_assert_int_eq(pk[i].ts.tv_sec, 1700000000);
		ck_assert_int_eq(pk[i].ts.tv_usec, 123456);
		ck_assert_uint_eq(pk[i].hash, 0xabcd);
		ck_assert_uint_eq(pk[i].flags, 0);
	}
	/* Nothing is released while the burst is being read. */
	ck_assert_uint_eq(fk.img.hdr->cons, FAKE_START);

	/* Two are left: a burst of four gets those, and releases the first. */
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0), 2);
	ck_assert_uint_eq(fk.img.hdr->cons, after_first);
	ck_assert_uint_eq(udp_src_port(pk[0].data), 5);
	ck_assert_uint_eq(udp_src_port(pk[1].data), 6);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0), 0);
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
}
END_TEST

/* Bursts and single receives share the ring and its positions. */
START_TEST(burst_mixed_with_recv)
{
	pfring_packet_info pk[2];
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	produce_udp(1, 0);
	produce_udp(2, 0);
	produce_udp(3, 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(udp_src_port(p), 1);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 1, 0), 1);
	ck_assert_uint_eq(udp_src_port(pk[0].data), 2);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(udp_src_port(p), 3);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 2, 0), 0);
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
}
END_TEST

/* Fragment flags, the 16-bit lengths, a sleeping burst. */
START_TEST(burst_flags_lengths_wait)
{
	pfring_packet_info pk[2];
	struct frame f;

	open_enabled(PF_RING_LONG_HEADER);
	fr_init(&f);
	fr_eth(&f, 0x0800);
	fr_ipv4(&f, 17, 9, 0x2000, 5);	/* first fragment, more follow */
	fr_udp(&f, 1, 53);
	ck_assert_int_eq(fake_produce(f.b, f.len), 1);
	/* A 64 KiB frame, cut to the 256-byte bucket: len reads 65535. */
	ck_assert_int_eq(ring_image_produce_frame(&fk.img, f.b, f.len, 70000), 1);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 2, 0), 2);
	ck_assert_uint_eq(pk[0].flags, PKT_FLAGS_IP_MORE_FRAG);
	ck_assert_uint_eq(pk[1].caplen, f.len);
	ck_assert_uint_eq(pk[1].len, 65535);

	fk.on_idle_poll = arrive_while_sleeping;
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 2, 1), 1);
	ck_assert_uint_eq(udp_src_port(pk[0].data), 77);
	ck_assert_int_eq(fk.polls, 1);
}
END_TEST

START_TEST(burst_errors)
{
	pfring_packet_info pk[4];
	struct pfring_slot *s;
	__u64 second;

	ck_assert_int_eq(pfring_recv_burst(NULL, pk, 4, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ring = pfring_open("eth0", 256, 0);
	ck_assert_ptr_nonnull(ring);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0),
			 PF_RING_ERROR_RING_NOT_ENABLED);
	ck_assert_int_eq(pfring_enable_ring(ring), 0);
	ck_assert_int_eq(pfring_recv_burst(ring, NULL, 4, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 0, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);

	/* A corrupt record ends the burst before it, then is reported. */
	produce_udp(1, 0);
	second = fk.img.prod;
	produce_udp(2, 0);
	s = ring_image_at(&fk.img, second);
	s->caplen = fk.bucket_len + 1;
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0), 1);
	ck_assert_uint_eq(udp_src_port(pk[0].data), 1);
	errno = 0;
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EPROTO);
	s->caplen = 42;
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 0), 1);
	ck_assert_uint_eq(udp_src_port(pk[0].data), 2);

	/* A removed device is reported once the queue is read. */
	fake_device_gone();
	errno = 0;
	ck_assert_int_eq(pfring_recv_burst(ring, pk, 4, 1),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, ENODEV);
}
END_TEST

START_TEST(poll_releases_and_waits)
{
	struct pfring_pkthdr h;
	u_char *p;

	open_enabled(0);
	produce_udp(1, 0);
	ck_assert_int_eq(pfring_is_pkt_available(ring), 1);
	ck_assert_uint_eq(pfring_get_num_queued_pkts(ring), 1);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_eq(fk.img.hdr->cons, FAKE_START);
	ck_assert_int_eq(pfring_poll(ring, 10), 0);
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
	ck_assert_int_eq(pfring_is_pkt_available(ring), 0);

	fk.on_idle_poll = arrive_while_sleeping;
	ck_assert_int_eq(pfring_poll(ring, 10), 1);
	ck_assert_uint_eq(pfring_get_num_queued_pkts(ring), 1);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0), 1);
	ck_assert_uint_ne(fk.img.hdr->cons, fk.img.prod);
	pfring_sync_indexes_with_kernel(ring);
	ck_assert_uint_eq(fk.img.hdr->cons, fk.img.prod);
	ck_assert_uint_eq(PFRING_POS_RECORDS(fk.img.hdr->cons),
			  PFRING_POS_RECORDS(FAKE_START) + 2);

	fk.on_idle_poll = NULL;
	fake_device_gone();
	ck_assert_int_eq(pfring_poll(ring, 10), PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, ENODEV);
}
END_TEST

START_TEST(socket_settings)
{
	char long_name[] = "a-very-long-application-name-of-40-chars";
	struct pfring_pkthdr h;
	u_char mac[6], *p;
	u_int32_t v;
	int idx;

	ring = pfring_open("eth0", 128, PF_RING_REENTRANT);
	ck_assert_int_eq(pfring_set_direction(ring, rx_only_direction), 0);
	ck_assert_uint_eq(fk.direction, PFRING_DIR_SEL_RX_ONLY);
	ck_assert_int_eq(pfring_set_direction(ring, (packet_direction)7),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_set_socket_mode(ring, recv_only_mode), 0);
	ck_assert_uint_eq(fk.mode, PFRING_MODE_RECV_ONLY);
	ck_assert_int_eq(pfring_set_poll_watermark(ring, 64), 0);
	ck_assert_uint_eq(fk.watermark, 64);
	ck_assert_int_eq(pfring_set_poll_watermark(ring, 0),
			 PF_RING_ERROR_GENERIC);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(pfring_set_poll_watermark_timeout(ring, 5), 0);
	ck_assert_uint_eq(fk.watermark_timeout, 5);
	ck_assert_int_eq(pfring_set_poll_duration(ring, 20), 0);
	ck_assert_int_eq(pfring_set_application_name(ring, long_name), 0);
	ck_assert_uint_eq(strlen(fk.appname), PFRING_APPNAME_LEN - 1);
	ck_assert_int_eq(strncmp(fk.appname, long_name,
				 PFRING_APPNAME_LEN - 1), 0);
	ck_assert_int_eq(pfring_set_application_name(ring, "pfcount"), 0);
	ck_assert_str_eq(fk.appname, "pfcount");
	ck_assert_int_eq(pfring_set_promisc(ring, 5), 0);
	ck_assert_uint_eq(fk.promisc, 1);

	ck_assert_int_eq(pfring_version(ring, &v), 0);
	ck_assert_uint_eq(v, PFRING_MODULE_VERSION_NUM);
	ck_assert_int_eq(pfring_get_bound_device_ifindex(ring, &idx), 0);
	ck_assert_int_eq(idx, 7);
	ck_assert_int_eq(pfring_get_bound_device_address(ring, mac), 0);
	ck_assert_uint_eq(mac[5], 7);
	ck_assert_uint_eq(pfring_get_num_rx_channels(ring), 4);
	ck_assert_int_eq(pfring_get_selectable_fd(ring), FAKE_FD);
	ck_assert_uint_eq(pfring_get_slot_header_len(ring),
			  sizeof(struct pfring_slot));

	/* Send-only sockets do not receive. */
	ck_assert_int_eq(pfring_enable_ring(ring), 0);
	ck_assert_int_eq(pfring_set_socket_mode(ring, send_only_mode), 0);
	ck_assert_int_eq(pfring_recv(ring, &p, 0, &h, 0),
			 PF_RING_ERROR_RING_NOT_ENABLED);
}
END_TEST

START_TEST(clusters)
{
	ring = pfring_open("eth0", 128, 0);
	fk.log[0] = '\0';

	/* ntop's type numbers go to the kernel unchanged. */
	ck_assert_int_eq(pfring_set_cluster(ring, 70000,
					    cluster_per_flow_2_tuple), 0);
	ck_assert(fk.in_cluster);
	ck_assert_uint_eq(fk.cluster.cluster_id, 70000);
	ck_assert_uint_eq(fk.cluster.type, PFRING_CLUSTER_PER_FLOW_2_TUPLE);
	ck_assert_uint_eq(fk.cluster.position, PFRING_CLUSTER_POS_ANY);
	ck_assert_int_eq(pfring_remove_from_cluster(ring), 0);
	ck_assert(!fk.in_cluster);

	/* queue_id places the consumer among the members. */
	ck_assert_int_eq(pfring_set_cluster_consumer(ring, 9, 3,
				cluster_per_flow_tcp_5_tuple, 0), 0);
	ck_assert_uint_eq(fk.cluster.cluster_id, 9);
	ck_assert_uint_eq(fk.cluster.type, PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE);
	ck_assert_uint_eq(fk.cluster.position, 3);
	ck_assert_int_eq(pfring_set_cluster_consumer(ring, 9, 0,
				cluster_round_robin, 0), 0);
	ck_assert_uint_eq(fk.cluster.type, PFRING_CLUSTER_ROUND_ROBIN);
	ck_assert_uint_eq(fk.cluster.position, 0);
	ck_assert_int_eq(pfring_set_cluster(ring, 1, cluster_per_flow), 0);
	ck_assert_int_eq(pfring_set_cluster(ring, 1, cluster_per_flow_4_tuple), 0);
	ck_assert_int_eq(pfring_set_cluster(ring, 1, cluster_per_flow_5_tuple), 0);
	ck_assert_uint_eq(fk.cluster.type, PFRING_CLUSTER_PER_FLOW_5_TUPLE);
	ck_assert_str_eq(fk.log, "cluster=70000/2/-1 cluster_leave "
			 "cluster=9/5/3 cluster=9/1/0 cluster=1/0/-1 "
			 "cluster=1/3/-1 cluster=1/4/-1");

	/* Types the kernel does not know never reach it. */
	fk.log[0] = '\0';
	errno = 0;
	ck_assert_int_eq(pfring_set_cluster(ring, 1, cluster_per_inner_flow),
			 PF_RING_ERROR_NOT_SUPPORTED);
	ck_assert_int_eq(errno, EOPNOTSUPP);
	ck_assert_int_eq(pfring_set_cluster(ring, 1,
				cluster_per_flow_ip_with_dup_tuple),
			 PF_RING_ERROR_NOT_SUPPORTED);
	ck_assert_int_eq(pfring_set_cluster_consumer(ring, 1, 0,
				cluster_per_flow_ip_5_tuple, 0),
			 PF_RING_ERROR_NOT_SUPPORTED);
	ck_assert_int_eq(pfring_set_cluster_consumer(ring, 1, 0,
				cluster_per_flow, 1),
			 PF_RING_ERROR_NOT_SUPPORTED);
	ck_assert_int_eq(pfring_set_cluster(ring, 1, (cluster_type)14),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_set_cluster(NULL, 1, cluster_per_flow),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_set_cluster_consumer(NULL, 1, 0,
				cluster_per_flow, 0),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(pfring_remove_from_cluster(NULL),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_str_eq(fk.log, "");
}
END_TEST

/* Expressions compile for the frame as the ring holds it; the program
 * goes to the kernel at SOL_PF_RING; a bad expression is refused.
 */
START_TEST(bpf_filters)
{
	struct pfring_bpf_program prog = { 0 };
	struct frame udp, tagged, tcp;
	char want[64];

	fr_init(&udp);
	fr_eth(&udp, 0x0800);
	fr_ipv4(&udp, 17, 1, 0, 5);
	fr_udp(&udp, 1234, 53);
	fr_init(&tagged);
	fr_eth(&tagged, 0x8100);
	fr_tag(&tagged, 100, 0x0800);
	fr_ipv4(&tagged, 17, 1, 0, 5);
	fr_udp(&tagged, 1234, 53);
	fr_init(&tcp);
	fr_eth(&tcp, 0x0800);
	fr_ipv4(&tcp, 6, 1, 0, 5);
	fr_tcp(&tcp, 1234, 53, 0, 0, 0x02, 5);

	ck_assert_int_eq(pfring_parse_bpf_filter("udp port 53", 1500, &prog), 0);
	ck_assert_uint_ne(pfring_bpf_filter(prog.bf_insns, udp.b, udp.len, udp.len), 0);
	ck_assert_uint_eq(pfring_bpf_filter(prog.bf_insns, tcp.b, tcp.len, tcp.len), 0);
	ck_assert_uint_eq(pfring_bpf_filter(prog.bf_insns, tagged.b, tagged.len,
					    tagged.len), 0);
	snprintf(want, sizeof(want), "filter=%u unfilter", prog.bf_len);
	pfring_free_bpf_filter(&prog);
	ck_assert_ptr_null(prog.bf_insns);
	ck_assert_int_eq(pfring_parse_bpf_filter("vlan 100 and udp", 1500, &prog), 0);
	ck_assert_uint_ne(pfring_bpf_filter(prog.bf_insns, tagged.b, tagged.len,
					    tagged.len), 0);
	ck_assert_uint_eq(pfring_bpf_filter(prog.bf_insns, udp.b, udp.len, udp.len), 0);
	pfring_free_bpf_filter(&prog);

	ring = pfring_open("eth0", 128, 0);
	ck_assert_ptr_nonnull(ring);
	fk.log[0] = 0;
	ck_assert_int_eq(pfring_set_bpf_filter(ring, "udp port 53"), 0);
	ck_assert_int_eq(pfring_remove_bpf_filter(ring), 0);
	ck_assert_str_eq(fk.log, want);
	errno = 0;
	ck_assert_int_eq(pfring_set_bpf_filter(ring, "udp and and"),
			 PF_RING_ERROR_INVALID_ARGUMENT);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_str_eq(fk.log, want);
}
END_TEST

START_TEST(unsupported_calls)
{
	struct pfring_pkthdr h;
	char path[64];

	ring = pfring_open("eth0", 128, 0);
	errno = 0;
	ck_assert_int_eq(pfring_set_channel_id(ring, 1),
			 PF_RING_ERROR_NOT_SUPPORTED);
	ck_assert_int_eq(errno, EOPNOTSUPP);
	ck_assert_ptr_null(pfring_get_appl_stats_file_name(ring, path,
							   sizeof(path)));
	ck_assert_uint_eq(pfring_get_interface_speed(ring), 0);
	memset(&h, 0, sizeof(h));
	ck_assert_int_eq(pfring_handle_ixia_hw_timestamp((u_char *)path, &h),
			 PF_RING_ERROR_NOT_SUPPORTED);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("recv");
	TCase *tc = tcase_create("fake_kernel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_call_sequence);
	tcase_add_test(tc, open_any_whole_frames);
	tcase_add_test(tc, open_errors);
	tcase_add_test(tc, ring_version_mismatch);
	tcase_add_test(tc, recv_needs_enabled_ring);
	tcase_add_test(tc, recv_zero_copy);
	tcase_add_test(tc, recv_stamps);
	tcase_add_test(tc, recv_copy);
	tcase_add_test(tc, recv_long_header);
	tcase_add_test(tc, unparsed_record_ignored);
	tcase_add_test(tc, caplen_limited_by_bucket);
	tcase_add_test(tc, recv_across_laps);
	tcase_add_test(tc, queued_counts_records);
	tcase_add_test(tc, blocking_recv_sleeps_in_poll);
	tcase_add_test(tc, device_gone_after_queued_packets);
	tcase_add_test(tc, device_gone_busy_polling);
	tcase_add_test(tc, breakloop);
	tcase_add_test(tc, stats_from_kernel);
	tcase_add_test(tc, corrupt_prod_is_an_error);
	tcase_add_test(tc, corrupt_record_is_an_error);
	tcase_add_test(tc, burst_in_order);
	tcase_add_test(tc, burst_mixed_with_recv);
	tcase_add_test(tc, burst_flags_lengths_wait);
	tcase_add_test(tc, burst_errors);
	tcase_add_test(tc, poll_releases_and_waits);
	tcase_add_test(tc, socket_settings);
	tcase_add_test(tc, clusters);
	tcase_add_test(tc, bpf_filters);
	tcase_add_test(tc, unsupported_calls);
	suite_add_tcase(s, tc);
	return s;
}
