// SPDX-License-Identifier: GPL-2.0
/* Reading a device's queue layout; see dev.h. */
#include "dev.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "irqs.h"

#define PFQ_MAX_QUEUES	4096

/* rx-<n> in /sys/class/net/<dev>/queues: one per RX queue in use. */
static int count_rx_queues(struct pfq_dev *d)
{
	char path[PATH_MAX], *end;
	struct dirent *e;
	unsigned long q;
	DIR *dir;

	dir = opendir(pfq_path(d->root, path, sizeof(path),
			       "/sys/class/net/%s/queues", d->name));
	if (!dir)
		return -ENODEV;
	d->nqueues = 0;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, "rx-", 3) || !e->d_name[3])
			continue;
		q = strtoul(e->d_name + 3, &end, 10);
		if (!*end && q < PFQ_MAX_QUEUES && q + 1 > d->nqueues)
			d->nqueues = (unsigned int)q + 1;
	}
	closedir(dir);
	return 0;
}

void pfq_dev_read_queue(struct pfq_dev *d, unsigned int q)
{
	struct pfq_queue *x = &d->q[q];
	char text[PFQ_MAX_CPUS / 3];

	x->rps = !pfq_read(d->root, text, sizeof(text),
			   "/sys/class/net/%s/queues/rx-%u/rps_cpus",
			   d->name, q) &&
		 !pfq_cpus_parse_mask(text, &x->rps_cpus);
	if (pfq_read_long(d->root, &x->rps_flow_cnt,
			  "/sys/class/net/%s/queues/rx-%u/rps_flow_cnt",
			  d->name, q))
		x->rps_flow_cnt = -1;
	if (x->irq >= 0 &&
	    (pfq_read(d->root, text, sizeof(text),
		      "/proc/irq/%d/smp_affinity_list", x->irq) ||
	     pfq_cpus_parse_list(text, &x->irq_cpus)))
		pfq_cpus_clear(&x->irq_cpus);
}

void pfq_dev_read_globals(struct pfq_dev *d)
{
	if (pfq_read_long(d->root, &d->soft_queues,
			  "/proc/net/pf_ring/dev/%s/soft_queues", d->name))
		d->soft_queues = -1;
	if (pfq_read_long(d->root, &d->sock_flow_entries,
			  "/proc/sys/net/core/rps_sock_flow_entries"))
		d->sock_flow_entries = -1;
}

static void irq_found(int irq, int queue, const char *name, void *arg)
{
	struct pfq_dev *d = arg;
	struct pfq_queue *x;

	if ((unsigned int)queue >= d->nqueues)
		return;
	x = &d->q[queue];
	if (x->irq >= 0)
		return;		/* the first one listed */
	x->irq = irq;
	snprintf(x->irq_name, sizeof(x->irq_name), "%s", name);
}

/* virtio-net names its interrupts after its virtio device. */
static void virtio_alias(struct pfq_dev *d, char *alias, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	alias[0] = '\0';
	n = readlink(pfq_path(d->root, path, sizeof(path),
			      "/sys/class/net/%s/device", d->name),
		     target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!strncmp(base, "virtio", 6))
		snprintf(alias, len, "%.*s", (int)len - 1, base);
}

static void find_irqs(struct pfq_dev *d)
{
	static char text[1 << 20];	/* /proc/interrupts of a big machine */
	char alias[64];

	if (pfq_read(d->root, text, sizeof(text), "/proc/interrupts"))
		return;
	virtio_alias(d, alias, sizeof(alias));
	pfq_irqs_scan(text, d->name, alias[0] ? alias : NULL, irq_found, d);
}

int pfq_dev_load(struct pfq_dev *d, const char *root, const char *name)
{
	unsigned int q;
	int rc;

	memset(d, 0, sizeof(*d));
	d->root = root;
	if (strlen(name) >= sizeof(d->name))
		return -ENAMETOOLONG;
	snprintf(d->name, sizeof(d->name), "%s", name);
	rc = count_rx_queues(d);
	if (rc)
		return rc;
	d->q = calloc(d->nqueues ? d->nqueues : 1, sizeof(*d->q));
	if (!d->q)
		return -ENOMEM;
	for (q = 0; q < d->nqueues; q++)
		d->q[q].irq = -1;
	find_irqs(d);
	for (q = 0; q < d->nqueues; q++)
		pfq_dev_read_queue(d, q);
	pfq_dev_read_globals(d);
	return 0;
}

void pfq_dev_free(struct pfq_dev *d)
{
	free(d->q);
	d->q = NULL;
}

int pfq_online_cpus(const char *root, unsigned int *cpus, unsigned int max,
		    unsigned int *n)
{
	char text[PFQ_MAX_CPUS];
	int rc = pfq_read(root, text, sizeof(text),
			  "/sys/devices/system/cpu/online");

	return rc ? rc : pfq_cpus_parse_list_ordered(text, cpus, max, n);
}
