// SPDX-License-Identifier: GPL-2.0
/* Changing a device's queue layout; see change.h. */
#include "change.h"

#include <errno.h>
#include <string.h>

#include "files.h"

unsigned int pfq_changes;

static const char *list_text(const struct pfq_cpus *s, char *buf, size_t len)
{
	if (!pfq_cpus_format_list(s, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

static int failed(FILE *err, const struct pfq_dev *d, const char *what,
		  const char *value, int rc)
{
	fprintf(err, "pfqueues: %s: cannot set %s to %s: %s\n", d->name, what,
		value, strerror(-rc));
	return 1;
}

static int set_irq(struct pfq_dev *d, unsigned int q, unsigned int cpu,
		   FILE *out, FILE *err)
{
	struct pfq_queue *x = &d->q[q];
	char old[256], new[256], what[96];
	struct pfq_cpus want;
	int rc;

	pfq_cpus_clear(&want);
	pfq_cpus_add(&want, cpu);
	if (pfq_cpus_equal(&want, &x->irq_cpus))
		return 0;
	snprintf(what, sizeof(what), "rx-%u irq %d (%s) affinity", q, x->irq,
		 x->irq_name);
	list_text(&x->irq_cpus, old, sizeof(old));
	snprintf(new, sizeof(new), "%u", cpu);
	rc = pfq_write(d->root, new, "/proc/irq/%d/smp_affinity_list", x->irq);
	if (rc)
		return failed(err, d, what, new, rc);
	pfq_dev_read_queue(d, q);
	fprintf(out, "%s: %s: %s -> %s\n", d->name, what, old,
		list_text(&x->irq_cpus, new, sizeof(new)));
	pfq_changes++;
	return 0;
}

static int set_rps(struct pfq_dev *d, unsigned int q,
		   const struct pfq_cpus *want, FILE *out, FILE *err)
{
	struct pfq_queue *x = &d->q[q];
	char old[256], new[256], mask[PFQ_MAX_CPUS / 3], what[32];
	int rc;

	if (!x->rps || pfq_cpus_equal(want, &x->rps_cpus))
		return 0;
	snprintf(what, sizeof(what), "rx-%u rps_cpus", q);
	list_text(&x->rps_cpus, old, sizeof(old));
	pfq_cpus_format_mask(want, mask, sizeof(mask));
	rc = pfq_write(d->root, mask, "/sys/class/net/%s/queues/rx-%u/rps_cpus",
		       d->name, q);
	if (rc)
		return failed(err, d, what, list_text(want, new, sizeof(new)),
			      rc);
	pfq_dev_read_queue(d, q);
	fprintf(out, "%s: %s: %s -> %s\n", d->name, what, old,
		list_text(&x->rps_cpus, new, sizeof(new)));
	pfq_changes++;
	return 0;
}

int pfq_spread(struct pfq_dev *d, const unsigned int *cpus, unsigned int n,
	       FILE *out, FILE *err)
{
	struct pfq_cpus want;
	unsigned int q, cpu;
	int fails = 0;

	for (q = 0; q < d->nqueues && n; q++) {
		cpu = cpus[q % n];
		pfq_cpus_clear(&want);
		if (d->q[q].irq >= 0)
			fails += set_irq(d, q, cpu, out, err);
		else
			pfq_cpus_add(&want, cpu);
		fails += set_rps(d, q, &want, out, err);
	}
	return fails;
}

/* Writes a number into rel (below the root) and prints old -> new. */
static int set_long(struct pfq_dev *d, const char *what, long *cur, long v,
		    const char *rel, FILE *out, FILE *err)
{
	char text[32];
	long old = *cur;
	int rc;

	if (old == v)
		return 0;
	snprintf(text, sizeof(text), "%ld", v);
	rc = pfq_write(d->root, text, "%s", rel);
	if (rc)
		return failed(err, d, what, text, rc);
	if (pfq_read_long(d->root, cur, "%s", rel))
		*cur = v;
	fprintf(out, "%s: %s: %ld -> %ld\n", d->name, what, old, *cur);
	pfq_changes++;
	return 0;
}

int pfq_set_flows(struct pfq_dev *d, long flows, FILE *out, FILE *err)
{
	char rel[128], what[32];
	long total = flows * (long)d->nqueues;
	unsigned int q;
	int fails = 0;

	for (q = 0; q < d->nqueues; q++) {
		snprintf(rel, sizeof(rel),
			 "/sys/class/net/%s/queues/rx-%u/rps_flow_cnt",
			 d->name, q);
		snprintf(what, sizeof(what), "rx-%u rps_flow_cnt", q);
		fails += set_long(d, what, &d->q[q].rps_flow_cnt, flows, rel,
				  out, err);
	}
	/* Flow steering needs the global table too; other devices use it. */
	if (d->sock_flow_entries >= 0 && d->sock_flow_entries < total)
		fails += set_long(d, "rps_sock_flow_entries",
				  &d->sock_flow_entries, total,
				  "/proc/sys/net/core/rps_sock_flow_entries",
				  out, err);
	return fails;
}

int pfq_set_soft(struct pfq_dev *d, long n, FILE *out, FILE *err)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "/proc/net/pf_ring/dev/%s/soft_queues",
		 d->name);
	if (d->soft_queues < 0) {
		fprintf(err, "pfqueues: %s: cannot set soft_queues: %s: %s "
			"(is pf_ring loaded?)\n", d->name, rel,
			strerror(ENOENT));
		return 1;
	}
	return set_long(d, "soft_queues", &d->soft_queues, n, rel, out, err);
}
