/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Flows: the headers of a packet, and a hash that is the same for both
 * directions of a connection.  Software queues and flow clusters use it.
 */
#ifndef _PFR_FLOW_H
#define _PFR_FLOW_H

#include <linux/types.h>
#include <linux/pf_ring.h>

struct sk_buff;

/* Which header fields a flow hash covers (ntop's cluster types). */
enum pfr_flow_fields {
	PFR_FLOW_6_TUPLE,	/* addresses, ports, protocol, VLAN */
	PFR_FLOW_2_TUPLE,	/* addresses */
	PFR_FLOW_4_TUPLE,	/* addresses, ports */
	PFR_FLOW_5_TUPLE,	/* addresses, ports, protocol */
	PFR_FLOW_TCP_5_TUPLE,	/* 5-tuple for TCP, 2-tuple for the rest */
};

/* A packet's flow, parsed on first use: most packets never need it. */
struct pfr_flow_ctx {
	const struct sk_buff *skb;
	bool parsed;
	struct pfring_parsed p;
};

void pfr_flow_parse(const struct sk_buff *skb, struct pfring_parsed *p);
u32 pfr_flow_hash(const struct pfring_parsed *p, enum pfr_flow_fields f);
void pfr_flow_init(void);

static inline const struct pfring_parsed *pfr_flow_get(struct pfr_flow_ctx *c)
{
	if (!c->parsed) {
		pfr_flow_parse(c->skb, &c->p);
		c->parsed = true;
	}
	return &c->p;
}

#endif /* _PFR_FLOW_H */
