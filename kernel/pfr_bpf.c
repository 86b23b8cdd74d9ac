// SPDX-License-Identifier: GPL-2.0
/*
 * Per-socket classic BPF filters, run by the hook before the copy.
 *
 * Why not the kernel's own socket filter: that one sees the skb, and
 * the receive path has already moved any VLAN tag out of the frame into
 * skb metadata, so "vlan and udp" compiled the way libpcap compiles for
 * a ring or a savefile (tag inside the frame) would never match.  This
 * interpreter reads the frame through the same view as the copy into
 * the ring (pfr_skb_copy_frame(): the stripped tag put back), so a
 * filter accepts exactly the frames a reader of the ring would select
 * with the same program.  Programs are checked once when attached; the
 * run needs no allocation and ends, since classic BPF jumps only
 * forward.  (The socket-level SO_ATTACH_FILTER of <asm/socket.h> still
 * works too, with AF_PACKET's semantics: see pfr_tap.c.)
 */
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include "pfr_bpf.h"
#include "pfr_ring.h"

/* Ancillary loads of <linux/filter.h> this interpreter answers. */
static bool pfr_bpf_anc_ok(u32 k)
{
	switch (k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:
	case SKF_AD_PKTTYPE:
	case SKF_AD_IFINDEX:
	case SKF_AD_MARK:
	case SKF_AD_QUEUE:
	case SKF_AD_HATYPE:
	case SKF_AD_RXHASH:
	case SKF_AD_CPU:
	case SKF_AD_VLAN_TAG:
	case SKF_AD_VLAN_TAG_PRESENT:
	case SKF_AD_VLAN_TPID:
		return true;
	}
	return false;
}

/* Whether instruction i of a len-long program is valid where it is. */
static bool pfr_bpf_insn_ok(const struct sock_filter *f, u32 i, u32 len)
{
	u32 left = len - i - 1;	/* instructions after this one */

	switch (f->code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
		return (s32)f->k >= 0 || pfr_bpf_anc_ok(f->k);
	case BPF_LD | BPF_W | BPF_IND:
	case BPF_LD | BPF_H | BPF_IND:
	case BPF_LD | BPF_B | BPF_IND:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LDX | BPF_B | BPF_MSH:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_MOD | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
		return true;
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_K:
		return f->k != 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		return f->k < 32;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		return f->k < BPF_MEMWORDS;
	case BPF_JMP | BPF_JA:
		return f->k < left;
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return f->jt < left && f->jf < left;
	}
	return false;
}

/* A checked copy of a user's program, or an ERR_PTR. */
struct pfr_bpf *pfr_bpf_create(const struct sock_filter *insns, u32 len)
{
	struct pfr_bpf *prog;
	u32 i;

	if (!len || len > BPF_MAXINSNS)
		return ERR_PTR(-EINVAL);
	for (i = 0; i < len; i++)
		if (!pfr_bpf_insn_ok(&insns[i], i, len))
			return ERR_PTR(-EINVAL);
	/* Falling off the end would be running past the array. */
	if (BPF_CLASS(insns[len - 1].code) != BPF_RET)
		return ERR_PTR(-EINVAL);

	prog = kmalloc(struct_size(prog, insns, len), GFP_KERNEL_ACCOUNT);
	if (!prog)
		return ERR_PTR(-ENOMEM);
	prog->len = len;
	memcpy(prog->insns, insns, flex_array_size(prog, insns, len));
	return prog;
}

/* The frame as the ring holds it: MAC addresses, restored tag, rest. */
struct pfr_bpf_frame {
	const struct sk_buff *skb;
	int mac_off;
	u32 len;
	bool tagged;		/* tag in metadata, shown at offset 12 */
	u8 tag[VLAN_HLEN];
};

/* Reads n (1, 2 or 4) bytes at frame offset k; NULL past the end. */
static const u8 *pfr_bpf_load(const struct pfr_bpf_frame *fr, u32 k, u32 n,
			      u8 *buf)
{
	const u32 tag_at = 2 * ETH_ALEN;
	u32 done = 0;

	if (k > fr->len || n > fr->len - k)
		return NULL;
	if (!fr->tagged)
		return skb_header_pointer(fr->skb, fr->mac_off + k, n, buf);
	/* A load may straddle the restored tag: gather it piecewise. */
	while (done < n) {
		u32 at = k + done, chunk;
		int skb_off;

		if (at < tag_at) {
			chunk = min(n - done, tag_at - at);
			skb_off = fr->mac_off + at;
		} else if (at < tag_at + VLAN_HLEN) {
			chunk = min(n - done, tag_at + VLAN_HLEN - at);
			memcpy(buf + done, fr->tag + at - tag_at, chunk);
			done += chunk;
			continue;
		} else {
			chunk = n - done;
			skb_off = fr->mac_off + at - VLAN_HLEN;
		}
		if (skb_copy_bits(fr->skb, skb_off, buf + done, chunk))
			return NULL;
		done += chunk;
	}
	return buf;
}

static u32 pfr_bpf_anc(const struct pfr_bpf_frame *fr,
		       const struct pfr_pkt_meta *meta, u32 k)
{
	const struct sk_buff *skb = fr->skb;

	switch (k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:
		return ntohs(skb->protocol);
	case SKF_AD_PKTTYPE:
		return skb->pkt_type;
	case SKF_AD_IFINDEX:
		return meta->ifindex;
	case SKF_AD_MARK:
		return skb->mark;
	case SKF_AD_QUEUE:
		return meta->rx_queue;
	case SKF_AD_HATYPE:
		return skb->dev ? skb->dev->type : 0;
	case SKF_AD_RXHASH:
		return skb->hash;
	case SKF_AD_CPU:
		return raw_smp_processor_id();
	}
	/* The tag is in the frame, never beside it. */
	return 0;
}

/*
 * Returns how many bytes of the frame to keep: 0 rejects it.  The
 * caller holds rcu_read_lock() (the program may be replaced).
 */
u32 pfr_bpf_run(const struct pfr_bpf *prog, const struct sk_buff *skb,
		const struct pfr_pkt_meta *meta)
{
	const struct sock_filter *pc = prog->insns;
	struct pfr_bpf_frame fr = {
		.skb = skb,
		.len = pfr_skb_wire_len(skb),
		.mac_off = pfr_skb_mac_off(skb),
		.tagged = skb_vlan_tag_present(skb),
	};
	u32 mem[BPF_MEMWORDS] = {};
	u32 a = 0, x = 0, off;
	const u8 *p;
	u8 buf[4];

	if (fr.tagged) {
		*(__be16 *)fr.tag = skb->vlan_proto;
		*(__be16 *)(fr.tag + 2) = htons(skb_vlan_tag_get(skb));
	}

	for (;; pc++) {
		const u32 k = pc->k;

		switch (pc->code) {
		case BPF_LD | BPF_W | BPF_ABS:
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_B | BPF_ABS:
			if ((s32)k < 0) {
				a = pfr_bpf_anc(&fr, meta, k);
				continue;
			}
			off = k;
			goto load;
		case BPF_LD | BPF_W | BPF_IND:
		case BPF_LD | BPF_H | BPF_IND:
		case BPF_LD | BPF_B | BPF_IND:
			off = x + k;
			if (off < x)
				return 0;
load:
			switch (BPF_SIZE(pc->code)) {
			case BPF_W:
				p = pfr_bpf_load(&fr, off, 4, buf);
				if (!p)
					return 0;
				a = (u32)p[0] << 24 | (u32)p[1] << 16 |
				    (u32)p[2] << 8 | p[3];
				break;
			case BPF_H:
				p = pfr_bpf_load(&fr, off, 2, buf);
				if (!p)
					return 0;
				a = (u32)p[0] << 8 | p[1];
				break;
			default:
				p = pfr_bpf_load(&fr, off, 1, buf);
				if (!p)
					return 0;
				a = *p;
			}
			continue;
		case BPF_LDX | BPF_B | BPF_MSH:
			p = pfr_bpf_load(&fr, k, 1, buf);
			if (!p)
				return 0;
			x = (*p & 0xf) << 2;
			continue;
		case BPF_LD | BPF_W | BPF_LEN:
			a = fr.len;
			continue;
		case BPF_LDX | BPF_W | BPF_LEN:
			x = fr.len;
			continue;
		case BPF_LD | BPF_IMM:
			a = k;
			continue;
		case BPF_LDX | BPF_IMM:
			x = k;
			continue;
		case BPF_LD | BPF_MEM:
			a = mem[k];
			continue;
		case BPF_LDX | BPF_MEM:
			x = mem[k];
			continue;
		case BPF_ST:
			mem[k] = a;
			continue;
		case BPF_STX:
			mem[k] = x;
			continue;
		case BPF_ALU | BPF_ADD | BPF_K:
			a += k;
			continue;
		case BPF_ALU | BPF_ADD | BPF_X:
			a += x;
			continue;
		case BPF_ALU | BPF_SUB | BPF_K:
			a -= k;
			continue;
		case BPF_ALU | BPF_SUB | BPF_X:
			a -= x;
			continue;
		case BPF_ALU | BPF_MUL | BPF_K:
			a *= k;
			continue;
		case BPF_ALU | BPF_MUL | BPF_X:
			a *= x;
			continue;
		case BPF_ALU | BPF_DIV | BPF_K:
			a /= k;
			continue;
		case BPF_ALU | BPF_DIV | BPF_X:
			if (!x)
				return 0;
			a /= x;
			continue;
		case BPF_ALU | BPF_MOD | BPF_K:
			a %= k;
			continue;
		case BPF_ALU | BPF_MOD | BPF_X:
			if (!x)
				return 0;
			a %= x;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= k;
			continue;
		case BPF_ALU | BPF_AND | BPF_X:
			a &= x;
			continue;
		case BPF_ALU | BPF_OR | BPF_K:
			a |= k;
			continue;
		case BPF_ALU | BPF_OR | BPF_X:
			a |= x;
			continue;
		case BPF_ALU | BPF_XOR | BPF_K:
			a ^= k;
			continue;
		case BPF_ALU | BPF_XOR | BPF_X:
			a ^= x;
			continue;
		case BPF_ALU | BPF_LSH | BPF_K:
			a <<= k;
			continue;
		case BPF_ALU | BPF_LSH | BPF_X:
			/* Shifting a u32 by 32 or more is undefined in C. */
			a = x < 32 ? a << x : 0;
			continue;
		case BPF_ALU | BPF_RSH | BPF_K:
			a >>= k;
			continue;
		case BPF_ALU | BPF_RSH | BPF_X:
			a = x < 32 ? a >> x : 0;
			continue;
		case BPF_ALU | BPF_NEG:
			a = -a;
			continue;
		case BPF_MISC | BPF_TAX:
			x = a;
			continue;
		case BPF_MISC | BPF_TXA:
			a = x;
			continue;
		case BPF_JMP | BPF_JA:
			pc += k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == k ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_X:
			pc += a == x ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > k ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JGT | BPF_X:
			pc += a > x ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= k ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JGE | BPF_X:
			pc += a >= x ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & k) ? pc->jt : pc->jf;
			continue;
		case BPF_JMP | BPF_JSET | BPF_X:
			pc += (a & x) ? pc->jt : pc->jf;
			continue;
		case BPF_RET | BPF_K:
			return k;
		case BPF_RET | BPF_A:
			return a;
		default:
			/* pfr_bpf_create() let nothing else in. */
			return 0;
		}
	}
}
