/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_HOOK_H
#define _PFR_HOOK_H

#include <linux/types.h>

struct pfr_tap;

void pfr_hook_attach(struct pfr_tap *tap);	/* RTNL */
void pfr_hook_detach(struct pfr_tap *tap);	/* RTNL */
bool pfr_hook_driver_registered(void);
void pfr_hook_init(void);
void pfr_hook_exit(void);

#endif /* _PFR_HOOK_H */
