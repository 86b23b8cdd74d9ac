// SPDX-License-Identifier: GPL-2.0
/*
 * Classic BPF on a PF_RING socket: the SOL_PF_RING filter sees the frame
 * as the ring holds it (a VLAN tag the receive path moved into metadata
 * is back at offset 12, also for loads that straddle it), rejected
 * frames are neither copied nor counted, the return value caps the
 * copy; invalid programs are refused with EINVAL; detach, lock (at
 * either level) and the socket-level SO_ATTACH_FILTER with AF_PACKET's
 * view (tag in metadata) behave as on other sockets.
 */
#include <errno.h>
#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

#define NFRAMES 200

static int attach(int fd, int level, struct sock_filter *insns, size_t n)
{
	struct sock_fprog prog = { .len = (unsigned short)n, .filter = insns };

	return setsockopt(fd, level, level == SOL_SOCKET ? SO_ATTACH_FILTER :
			  PFRING_SO_ATTACH_FILTER, &prog, sizeof(prog));
}

/* Even sequence numbers pass, 80 bytes of them. */
static void check_select_and_snap(void)
{
	struct sock_filter even[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 17),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, 80),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	const struct pfring_slot *s;
	uint8_t frame[1514];
	struct kt_ring r;
	int tx = kt_tx_open("va");
	uint32_t i, n = 0;

	kt_ring_open(&r, "vb", 1514, 1024);
	KT_REQUIRE(!attach(r.fd, SOL_PF_RING, even, 4), "attach: %s",
		   strerror(errno));
	for (i = 0; i < NFRAMES; i++)
		kt_tx(tx, frame, kt_frame(frame, i, 60 + i * 7));
	usleep(200 * 1000);
	while ((s = kt_ring_next(&r))) {
		uint32_t seq = 2 * n, len = 60 + seq * 7;

		kt_frame(frame, seq, len);
		KT_CHECK(s->len == len && s->caplen == (len < 80 ? len : 80),
			 "frame %u: caplen %u len %u", seq, s->caplen, s->len);
		KT_CHECK(!memcmp(s + 1, frame, s->caplen), "frame %u differs", seq);
		n++;
	}
	KT_CHECK(n == NFRAMES / 2, "%u frames passed, want %u", n, NFRAMES / 2);
	KT_CHECK(kt_ring_stats(&r).recv == NFRAMES / 2 &&
		 kt_ring_stats(&r).drop_full == 0, "recv %llu drop %llu",
		 (unsigned long long)kt_ring_stats(&r).recv,
		 (unsigned long long)kt_ring_stats(&r).drop_full);

	/* Detached: everything again; a second detach has nothing to do. */
	KT_REQUIRE(!setsockopt(r.fd, SOL_PF_RING, PFRING_SO_DETACH_FILTER, NULL, 0),
		   "detach: %s", strerror(errno));
	KT_ERRNO(setsockopt(r.fd, SOL_PF_RING, PFRING_SO_DETACH_FILTER, NULL, 0),
		 ENOENT);
	for (i = 0; i < 10; i++)
		kt_tx(tx, frame, kt_frame(frame, i, 100));
	usleep(100 * 1000);
	for (n = 0; kt_ring_next(&r); n++)
		;
	KT_CHECK(n == 10, "%u frames after detach, want 10", n);
	kt_ring_close(&r);
	close(tx);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/*
 * A VLAN frame: the receive path strips the tag, the filter still finds
 * it at 12 (also for words across 10..13 and 14..17); an untagged frame
 * with the same payload does not pass.
 */
static void check_vlan_view(void)
{
	uint8_t tagged[100], plain[96];
	struct kt_ring r, af;
	const struct pfring_slot *s;
	int tx = kt_tx_open("va");
	int n;

	kt_frame(plain, 1, sizeof(plain));
	plain[12] = 0x08;
	plain[13] = 0x00;
	memcpy(tagged, plain, 12);
	memcpy(tagged + 12, "\x81\x00\x00\x64", 4);	/* VLAN 100 */
	memcpy(tagged + 16, plain + 12, sizeof(plain) - 12);

	struct sock_filter vlan_ip[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x8100, 0, 7),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 16),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x0800, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 10),	/* MAC tail + TPID */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, be32(tagged + 10), 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 14),	/* TCI + ethertype */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, be32(tagged + 14), 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	/* AF_PACKET's view: the tag is beside the frame. */
	struct sock_filter tag_present[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};

	kt_ring_open(&r, "vb", 0, 0);
	kt_ring_open(&af, "vb", 0, 0);
	KT_REQUIRE(!attach(r.fd, SOL_PF_RING, vlan_ip, 10), "attach: %s",
		   strerror(errno));
	KT_REQUIRE(!attach(af.fd, SOL_SOCKET, tag_present, 4),
		   "SOL_SOCKET attach: %s", strerror(errno));
	kt_tx(tx, plain, sizeof(plain));
	kt_tx(tx, tagged, sizeof(tagged));
	kt_tx(tx, plain, sizeof(plain));
	usleep(100 * 1000);
	for (n = 0; (s = kt_ring_next(&r)); n++) {
		KT_CHECK(s->caplen == sizeof(tagged) &&
			 !memcmp(s + 1, tagged, sizeof(tagged)),
			 "tagged frame differs (caplen %u)", s->caplen);
		KT_CHECK(s->flags & PFRING_SLOT_F_VLAN_RESTORED, "flags %#x",
			 s->flags);
	}
	KT_CHECK(n == 1, "SOL_PF_RING filter passed %d frames, want 1", n);
	for (n = 0; (s = kt_ring_next(&af)); n++)
		KT_CHECK(!memcmp(s + 1, tagged, sizeof(tagged)),
			 "socket filter: frame differs");
	KT_CHECK(n == 1, "SOL_SOCKET filter passed %d frames, want 1", n);
	kt_ring_close(&r);
	kt_ring_close(&af);
	close(tx);
}

/* Loads past the end and division by a zero X reject; nothing breaks. */
static void check_runtime_faults(void)
{
	struct sock_filter past_end[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 5000),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct sock_filter ind_wrap[] = {
		BPF_STMT(BPF_LDX | BPF_IMM, 0xfffffff0),
		BPF_STMT(BPF_LD | BPF_B | BPF_IND, 0x20),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct sock_filter div_zero[] = {
		BPF_STMT(BPF_LDX | BPF_IMM, 0),
		BPF_STMT(BPF_LD | BPF_IMM, 7),
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct sock_filter shift_big[] = {	/* A << 40 is 0: rejected */
		BPF_STMT(BPF_LDX | BPF_IMM, 40),
		BPF_STMT(BPF_LD | BPF_IMM, 1),
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_X, 0),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter last_byte[] = {	/* the last byte loads */
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 99),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct {
		struct sock_filter *p;
		size_t n;
		int want;
	} cases[] = {
		{ past_end, 2, 0 }, { ind_wrap, 3, 0 }, { div_zero, 4, 0 },
		{ shift_big, 4, 0 }, { last_byte, 2, 1 },
	};
	uint8_t frame[100];
	int tx = kt_tx_open("va");
	size_t c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct kt_ring r;
		int n;

		kt_ring_open(&r, "vb", 0, 0);
		KT_REQUIRE(!attach(r.fd, SOL_PF_RING, cases[c].p, cases[c].n),
			   "case %zu: %s", c, strerror(errno));
		kt_tx(tx, frame, kt_frame(frame, 3, sizeof(frame)));
		usleep(50 * 1000);
		for (n = 0; kt_ring_next(&r); n++)
			;
		KT_CHECK(n == cases[c].want, "case %zu: %d frames, want %d", c,
			 n, cases[c].want);
		kt_ring_close(&r);
	}
	close(tx);
}

static void check_invalid(void)
{
	static struct sock_filter big[BPF_MAXINSNS + 1];
	struct sock_filter no_ret[] = { BPF_STMT(BPF_LD | BPF_IMM, 1) };
	struct sock_filter jump_out[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter ja_out[] = {
		BPF_STMT(BPF_JMP | BPF_JA, 1),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter div0[] = {
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter mem16[] = {
		BPF_STMT(BPF_ST, BPF_MEMWORDS),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter bad_op[] = {
		{ 0xff, 0, 0, 0 },
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter bad_anc[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_NLATTR),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter shift32[] = {
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter ok[] = { BPF_STMT(BPF_RET | BPF_K, 0xffff) };
	struct sock_fprog bad_ptr = { .len = 1, .filter = (void *)8 };
	int fd = kt_socket();
	size_t i;

	for (i = 0; i < BPF_MAXINSNS + 1; i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	KT_ERRNO(attach(fd, SOL_PF_RING, ok, 0), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, big, BPF_MAXINSNS + 1), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, no_ret, 1), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, jump_out, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, ja_out, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, div0, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, mem16, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, bad_op, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, bad_anc, 2), EINVAL);
	KT_ERRNO(attach(fd, SOL_PF_RING, shift32, 2), EINVAL);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, PFRING_SO_ATTACH_FILTER, &bad_ptr,
			    sizeof(bad_ptr)), EFAULT);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, PFRING_SO_ATTACH_FILTER, ok, 3),
		 EINVAL);
	KT_CHECK(!attach(fd, SOL_PF_RING, big, BPF_MAXINSNS),
		 "the largest program: %s", strerror(errno));

	/* Locked (here at SOL_SOCKET): no attach, detach or unlock. */
	KT_REQUIRE(!setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &(int){ 1 },
			       sizeof(int)), "lock: %s", strerror(errno));
	KT_ERRNO(attach(fd, SOL_PF_RING, ok, 1), EPERM);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, PFRING_SO_DETACH_FILTER, NULL, 0),
		 EPERM);
	KT_ERRNO(kt_setopt_u32(fd, PFRING_SO_LOCK_FILTER, 0), EPERM);
	KT_CHECK(!kt_setopt_u32(fd, PFRING_SO_LOCK_FILTER, 1), "relock: %s",
		 strerror(errno));
	KT_ERRNO(kt_setopt_u32(fd, PFRING_SO_LOCK_FILTER, 2), EINVAL);
	close(fd);
}

int main(void)
{
	kt_private_netns();
	kt_veth("va", "vb");
	check_select_and_snap();
	check_vlan_view();
	check_runtime_faults();
	check_invalid();
	return kt_done("filter");
}
