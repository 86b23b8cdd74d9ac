/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Device names given to pfring_open(): "eth0", "any", and RX queue
 * selections "eth0@2", "eth0@0-3", "eth0@1,3", "eth0@0-1,4-5".
 */
#ifndef PFR_DEVNAME_H
#define PFR_DEVNAME_H

#include <net/if.h>
#include <linux/types.h>

#define PFR_MAX_QUEUE	63	/* the queue mask has 64 bits */

struct pfr_devname {
	char ifname[IFNAMSIZ];
	int any;		/* bound to every device: "any" */
	__u64 queue_mask;	/* bit n selects RX queue n; 0 means all */
};

/*
 * Returns 0, or -EINVAL (malformed), -ENAMETOOLONG (name too long),
 * -ERANGE (queue above PFR_MAX_QUEUE) or -EOPNOTSUPP (several devices).
 */
int pfr_devname_parse(const char *spec, struct pfr_devname *out);

#endif /* PFR_DEVNAME_H */
