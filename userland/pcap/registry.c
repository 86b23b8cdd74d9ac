// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The registry of our handles: a pcap_t is ours when its address is here.
 * The address alone decides, so a foreign pcap_t is never dereferenced.
 *
 * A fixed array of atomic pointers, searched up to the highest slot ever
 * used: lookups take no lock, as pcap_breakloop() must work from a signal
 * handler, and a program holding one or two captures pays one or two
 * comparisons per call.
 */
#include "pfpcap.h"

#include <errno.h>

#define PFPCAP_MAX_HANDLES 4096

static struct pfpcap *pfpcap_handles[PFPCAP_MAX_HANDLES];
static unsigned int pfpcap_used;	/* slots [0, used) may be taken */

int pfpcap_register(struct pfpcap *p)
{
	unsigned int i, used;
	struct pfpcap *expected;

	for (i = 0; i < PFPCAP_MAX_HANDLES; i++) {
		expected = NULL;
		if (!__atomic_compare_exchange_n(&pfpcap_handles[i], &expected,
						 p, 0, __ATOMIC_RELEASE,
						 __ATOMIC_RELAXED))
			continue;
		used = __atomic_load_n(&pfpcap_used, __ATOMIC_RELAXED);
		while (used < i + 1 &&
		       !__atomic_compare_exchange_n(&pfpcap_used, &used, i + 1,
						    0, __ATOMIC_RELEASE,
						    __ATOMIC_RELAXED))
			;
		return 0;
	}
	return -ENFILE;
}

void pfpcap_unregister(struct pfpcap *p)
{
	unsigned int i, used = __atomic_load_n(&pfpcap_used, __ATOMIC_ACQUIRE);

	for (i = 0; i < used; i++) {
		if (__atomic_load_n(&pfpcap_handles[i], __ATOMIC_RELAXED) == p) {
			__atomic_store_n(&pfpcap_handles[i], NULL,
					 __ATOMIC_RELEASE);
			return;
		}
	}
}

struct pfpcap *pfpcap_lookup(const pcap_t *pt)
{
	unsigned int i, used = __atomic_load_n(&pfpcap_used, __ATOMIC_ACQUIRE);

	if (!pt)
		return NULL;
	for (i = 0; i < used; i++)
		if ((const void *)__atomic_load_n(&pfpcap_handles[i],
						  __ATOMIC_ACQUIRE) ==
		    (const void *)pt)
			return (struct pfpcap *)pt;
	return NULL;
}
