/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in for pf_ring.ko: the socket calls libpfring makes are
 * redirected here at link time (-Wl,--wrap=...), and the ring lives in a
 * ring_image.  It checks the calls the way the module documents them in
 * <linux/pf_ring.h> and records their order in fk.log.
 */
#ifndef PFR_FAKE_KERNEL_H
#define PFR_FAKE_KERNEL_H

#include <linux/pf_ring.h>

#include "ring_image.h"

#define FAKE_FD		1000
#define FAKE_IFINDEX	7	/* "eth0"; any other name does not exist */
/*
 * Both positions start here: the record counter wraps at the second
 * record, the byte counter within the first lap, and the first records
 * of the rings the tests open meet the end of the data area.
 */
#define FAKE_START	PFRING_POS(0xfffffffeu, 0xffffff00u)

struct fake_kernel {
	/* Set by tests. */
	int socket_errno;
	int bind_errno;
	__u32 ring_version;
	__u32 num_slots;		/* SO_SET_RING_SLOTS: full-size records */
	struct pfring_stats stats;
	int gone;			/* device removed: see fake_device_gone() */
	void (*on_idle_poll)(void);	/* poll() found nothing queued */

	/* Observed. */
	char log[1024];
	int domain, type, protocol;
	__u32 bucket_len;
	struct sockaddr_pfring addr;
	int bound;
	__u32 promisc, direction, mode, watermark, watermark_timeout;
	__u32 parse;			/* SO_SET_PARSE_HEADERS, 1 by default */
	char appname[PFRING_APPNAME_LEN];
	struct pfring_cluster_req cluster;
	int in_cluster;
	int polls;
	struct ring_image img;
	int allocated, unmapped, closed;
};

extern struct fake_kernel fk;

void fake_reset(void);
/* The module's side of a device removal: POLLERR and the status word. */
void fake_device_gone(void);
/*
 * The module's side of a packet arriving: caplen is clamped as it would,
 * and a full ring drops it (counted in fk.stats).  Returns 1 if written.
 */
int fake_produce(const void *frame, __u32 len);
/* Packets poll() counts as queued, as pfr_ring_queued() counts them. */
__u32 fake_queued(void);

#endif
