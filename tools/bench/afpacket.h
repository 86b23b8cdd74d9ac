/* SPDX-License-Identifier: GPL-2.0 */
/* What the two AF_PACKET readers share: socket, ring, wait and close. */
#ifndef BENCH_AFPACKET_H
#define BENCH_AFPACKET_H

#include <stddef.h>
#include <stdint.h>

#include "benchcap.h"

/*
 * Bytes PACKET_RESERVE keeps in front of each frame, as libpcap does (room
 * to put back a VLAN tag).
 */
#define AFP_RESERVE 4

/* libpcap's default buffer, the ring size when none is asked for. */
#define AFP_DEFAULT_BUFFER ((size_t)2 * 1024 * 1024)

/*
 * An AF_PACKET socket of TPACKET version `version` with AFP_RESERVE bytes
 * of headroom and the receive ring req (a tpacket_req or tpacket_req3) of
 * `bytes` mapped at *ring, bound to dev in promiscuous mode (only once the
 * ring exists, so no packet arrives before it).  Returns the socket, or
 * -1 after printing why.
 */
int afp_open(int version, const void *req, size_t req_len, size_t bytes,
	     const char *dev, unsigned char **ring);
/* Sleeps until the ring has something; a signal also ends the wait. */
void afp_wait(int fd);
/* struct capture's interrupt: the signal itself ends poll(). */
void afp_interrupt(void);
/* Reports the drops and the ring size, then unmaps and closes. */
void afp_close(int fd, unsigned char *ring, size_t bytes, struct cap_result *r);

#endif
