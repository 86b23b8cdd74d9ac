// SPDX-License-Identifier: GPL-2.0
/*
 * Direction: a socket on the sending end sees its frames as TX when
 * enable_tx_capture=1 (none when 0); rx-only and tx-only filters and
 * send-only mode hold; loopback traffic is captured once, not twice.
 * Usage: t_direction <expected enable_tx_capture: 0|1>
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"

struct counts {
	unsigned int rx, tx;
};

static struct counts drain(struct kt_ring *r)
{
	const struct pfring_slot *s;
	struct counts c = { 0, 0 };

	while ((s = kt_ring_next(r))) {
		if (s->direction == PFRING_DIR_TX)
			c.tx++;
		else
			c.rx++;
	}
	return c;
}

int main(int argc, char **argv)
{
	int tx_on = argc > 1 && atoi(argv[1]);
	struct kt_ring both, rx_only, tx_only, send_only, lo;
	uint8_t frame[64];
	struct counts c;
	int tx, i;

	kt_private_netns();
	kt_veth("va", "vb");
	kt_ring_open(&both, "va", 128, 64);
	kt_ring_open(&rx_only, "va", 128, 64);
	kt_ring_open(&tx_only, "va", 128, 64);
	kt_ring_open(&send_only, "va", 128, 64);
	KT_REQUIRE(!kt_setopt_u32(rx_only.fd, SO_SET_PACKET_DIRECTION,
				  PFRING_DIR_SEL_RX_ONLY), "rx only");
	KT_REQUIRE(!kt_setopt_u32(tx_only.fd, SO_SET_PACKET_DIRECTION,
				  PFRING_DIR_SEL_TX_ONLY), "tx only");
	KT_REQUIRE(!kt_setopt_u32(send_only.fd, SO_SET_SOCKET_MODE,
				  PFRING_MODE_SEND_ONLY), "send only");

	/* 5 frames sent from va, 3 received by va (sent from vb). */
	tx = kt_tx_open("va");
	for (i = 0; i < 5; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	close(tx);
	tx = kt_tx_open("vb");
	for (i = 0; i < 3; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	close(tx);
	usleep(100 * 1000);

	c = drain(&both);
	KT_CHECK(c.rx == 3 && c.tx == (tx_on ? 5u : 0u), "both: rx %u tx %u",
		 c.rx, c.tx);
	c = drain(&rx_only);
	KT_CHECK(c.rx == 3 && c.tx == 0, "rx only: rx %u tx %u", c.rx, c.tx);
	c = drain(&tx_only);
	KT_CHECK(c.rx == 0 && c.tx == (tx_on ? 5u : 0u), "tx only: rx %u tx %u",
		 c.rx, c.tx);
	c = drain(&send_only);
	KT_CHECK(c.rx == 0 && c.tx == 0, "send only: rx %u tx %u", c.rx, c.tx);

	/* Loopback: each frame once, as RX. */
	kt_ring_open(&lo, "lo", 128, 64);
	tx = kt_tx_open("lo");
	for (i = 0; i < 4; i++)
		kt_tx(tx, frame, kt_frame(frame, i, sizeof(frame)));
	close(tx);
	usleep(100 * 1000);
	c = drain(&lo);
	KT_CHECK(c.rx == 4 && c.tx == 0, "lo: rx %u tx %u", c.rx, c.tx);

	kt_ring_close(&both);
	kt_ring_close(&rx_only);
	kt_ring_close(&tx_only);
	kt_ring_close(&send_only);
	kt_ring_close(&lo);
	return kt_done(tx_on ? "direction (tx capture on)" :
			       "direction (tx capture off)");
}
