/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libpfring internals shared between its source files. */
#ifndef PFR_PRIV_H
#define PFR_PRIV_H

#include <stdint.h>

#include <pfring.h>

#include "devname.h"
#include "ring_consumer.h"

struct __pfring {
	int fd;
	u_int32_t flags;		/* pfring_open() flags */
	struct pfr_devname dev;
	struct pfr_ring ring;
	void *mem;			/* the ring mapping */
	size_t mem_size;
	u_int32_t bucket_len;
	u_int32_t slot_hdr_len;
	int enabled;
	socket_mode mode;
	u_int poll_duration;		/* ms, for blocking receives */
	int dev_gone;			/* POLLERR seen: device removed */
	int break_loop;			/* atomic: set by pfring_breakloop() */
	int reentrant;
	u_int64_t ts_sec;		/* the last stamp's second, see pfr_fill_ts() */
	pthread_mutex_t lock;		/* PF_RING_REENTRANT only */
};

/* setsockopt()/getsockopt() at SOL_PF_RING; 0 or PF_RING_ERROR_GENERIC. */
int pfr_setopt(pfring *ring, int opt, const void *val, socklen_t len);
int pfr_setopt_u32(pfring *ring, int opt, u_int32_t val);
int pfr_getopt(pfring *ring, int opt, void *val, socklen_t len);

/* Fills *info from the parser output for the captured bytes of frame. */
void pfr_fill_parsing_info(struct pkt_parsing_info *info,
			   const struct pfring_parsed *p,
			   const u_char *frame, u_int32_t caplen);

/* ioctl() on an interface through a throw-away datagram socket. */
int pfr_if_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr);

/* pfring_findalldevs() reading queue counts below other directories. */
pfring_if_t *pfr_findalldevs_at(const char *proc_dir, const char *sys_dir);

#endif /* PFR_PRIV_H */
