// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pcap_findalldevs(): the system libpcap's list (addresses, flags,
 * descriptions, its pseudo-devices and "any"), with the receive queues
 * PF_RING can capture on, "dev@0" .. "dev@N-1", after every device that
 * has more than one.  The queues come from pfring_findalldevs().
 *
 * The entries added are built as libpcap builds its own (malloc'ed
 * pcap_if_t, name and description strings, no addresses), so the
 * system's pcap_freealldevs() frees the merged list.
 */
#include "pfpcap.h"
#include "real.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pfring.h>

static pcap_if_t *pfpcap_queue_entry(const char *name, const pcap_if_t *dev)
{
	const char *q = strchr(name, '@') + 1;
	pcap_if_t *e = calloc(1, sizeof(*e));
	int n;

	if (!e)
		return NULL;
	e->name = strdup(name);
	n = snprintf(NULL, 0, "Receive queue %s of %s (PF_RING)", q, dev->name);
	e->description = malloc((size_t)n + 1);
	if (!e->name || !e->description) {
		free(e->name);
		free(e->description);
		free(e);
		return NULL;
	}
	snprintf(e->description, (size_t)n + 1, "Receive queue %s of %s (PF_RING)",
		 q, dev->name);
	e->flags = dev->flags;
	return e;
}

/* The entry named like the part of qname before '@', if listed. */
static pcap_if_t *pfpcap_find_base(pcap_if_t *list, const char *qname)
{
	size_t len = (size_t)(strchr(qname, '@') - qname);

	for (; list; list = list->next)
		if (strlen(list->name) == len && !strncmp(list->name, qname, len))
			return list;
	return NULL;
}

static int pfpcap_add_queues(pcap_if_t *list, char *errbuf)
{
	pfring_if_t *rdevs = pfring_findalldevs(), *r;
	pcap_if_t *base = NULL, *last = NULL, *e;

	/* pfring_findalldevs() lists a device's queues right after it. */
	for (r = rdevs; r; r = r->next) {
		if (!r->name || !strchr(r->name, '@'))
			continue;
		if (!base || !last || strncmp(base->name, r->name, strlen(base->name)) ||
		    r->name[strlen(base->name)] != '@') {
			base = pfpcap_find_base(list, r->name);
			last = base;
		}
		if (!base)	/* not in libpcap's list: not capturable */
			continue;
		e = pfpcap_queue_entry(r->name, base);
		if (!e) {
			snprintf(errbuf, PCAP_ERRBUF_SIZE, "malloc: %s",
				 strerror(errno));
			pfring_freealldevs(rdevs);
			return PCAP_ERROR;
		}
		e->next = last->next;
		last->next = e;
		last = e;
	}
	pfring_freealldevs(rdevs);
	return 0;
}

PFPCAP_API int pcap_findalldevs(pcap_if_t **devs, char *errbuf)
{
	int rc = REAL(pcap_findalldevs)(devs, errbuf);

	if (rc || !pfpcap_pfring_usable())
		return rc;
	rc = pfpcap_add_queues(*devs, errbuf);
	if (rc) {
		REAL(pcap_freealldevs)(*devs);
		*devs = NULL;
	}
	return rc;
}
