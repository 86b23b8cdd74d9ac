// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pfring_findalldevs(): the devices pfring_open() accepts, each followed
 * by its receive queues ("eth0@0" ...) when it has more than one.
 */
#include "pfring_priv.h"
#include "dev_queues.h"

#include <limits.h>
#include <net/if.h>

static pfring_if_t *pfr_new_dev(const char *name, int ifindex)
{
	pfring_if_t *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->name = strdup(name);
	d->system_name = strdup(name);
	d->module = strdup("pf_ring");
	d->module_version = strdup(PFRING_MODULE_VERSION);
	d->ifindex = ifindex;
	d->status = -1;
	if (!d->name || !d->system_name || !d->module || !d->module_version) {
		pfring_freealldevs(d);
		return NULL;
	}
	return d;
}

/* PCI devices link /sys/class/net/<dev>/device to "dddd:bb:dd.f". */
static void pfr_read_bus_id(pfring_if_t *d)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	unsigned int dom, bus, dev, fn;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/class/net/%s/device", d->name);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (sscanf(base, "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4)
		return;
	d->bus_id.slot = (int)dom;
	d->bus_id.bus = (int)bus;
	d->bus_id.device = (int)dev;
	d->bus_id.function = (int)fn;
}

static void pfr_read_dev_state(pfring_if_t *d)
{
	struct ifreq ifr;

	if (pfr_if_ioctl(d->name, SIOCGIFFLAGS, &ifr) == 0)
		d->status = (ifr.ifr_flags & IFF_UP) ? 1 : 0;
	if (pfr_if_ioctl(d->name, SIOCGIFHWADDR, &ifr) == 0)
		memcpy(d->mac, ifr.ifr_hwaddr.sa_data, sizeof(d->mac));
	pfr_read_bus_id(d);
}

/* "dev@0" .. "dev@n-1" after d: the same device, one queue each. */
static pfring_if_t **pfr_add_queues(pfring_if_t **tail, const pfring_if_t *d,
				    unsigned int n)
{
	char name[IFNAMSIZ + sizeof("@63")];
	unsigned int q;

	if (n > MAX_NUM_RX_CHANNELS)
		n = MAX_NUM_RX_CHANNELS;
	for (q = 0; n > 1 && q < n; q++) {
		snprintf(name, sizeof(name), "%s@%u", d->name, q);
		*tail = pfr_new_dev(name, d->ifindex);
		if (!*tail)
			return NULL;
		/* The queue's system device is the device itself. */
		free((*tail)->system_name);
		(*tail)->system_name = strdup(d->name);
		if (!(*tail)->system_name)
			return NULL;
		memcpy((*tail)->mac, d->mac, sizeof(d->mac));
		(*tail)->bus_id = d->bus_id;
		(*tail)->status = d->status;
		tail = &(*tail)->next;
	}
	return tail;
}

pfring_if_t *pfr_findalldevs_at(const char *proc_dir, const char *sys_dir)
{
	struct if_nameindex *names, *n;
	pfring_if_t *head = NULL, **tail = &head, *d;

	names = if_nameindex();
	if (!names)
		return NULL;
	for (n = names; n->if_index != 0; n++) {
		d = *tail = pfr_new_dev(n->if_name, (int)n->if_index);
		if (!d)
			goto fail;
		pfr_read_dev_state(d);
		tail = pfr_add_queues(&d->next, d,
				      pfr_dev_queues(proc_dir, sys_dir, d->name));
		if (!tail)
			goto fail;
	}
	if_freenameindex(names);

	/* Listed last, as libpcap does. */
	*tail = pfr_new_dev("any", PFRING_IFINDEX_ANY);
	if (!*tail) {
		pfring_freealldevs(head);
		return NULL;
	}
	(*tail)->status = 1;
	return head;

fail:
	if_freenameindex(names);
	pfring_freealldevs(head);
	return NULL;
}

pfring_if_t *pfring_findalldevs(void)
{
	return pfr_findalldevs_at(PFR_PROC_DEV_DIR, PFR_SYS_NET_DIR);
}

void pfring_freealldevs(pfring_if_t *list)
{
	pfring_if_t *next;

	for (; list; list = next) {
		next = list->next;
		free(list->name);
		free(list->system_name);
		free(list->module);
		free(list->module_version);
		free(list->sn);
		free(list);
	}
}
