/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_MAIN_H
#define _PFR_MAIN_H

#include <linux/types.h>

/* Module parameters, fixed at load time. */
extern unsigned int pfr_min_num_slots;
extern unsigned int pfr_transparent_mode;
extern bool pfr_enable_tx_capture;
extern bool pfr_quick_mode;
extern bool pfr_enable_debug;
extern unsigned int pfr_soft_queues;

#define pfr_dbg(fmt, ...)						\
	do {								\
		if (pfr_enable_debug)					\
			pr_info(fmt, ##__VA_ARGS__);			\
	} while (0)

#endif /* _PFR_MAIN_H */
