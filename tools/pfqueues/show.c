// SPDX-License-Identifier: GPL-2.0
/*
 * The layout as a table: one line per RX queue with its interrupt and
 * RPS settings, then pf_ring's own view (packets and sockets per queue,
 * which are the software queues when the device has them).
 */
#include "show.h"

#include "files.h"

static const char *list_or_dash(const struct pfq_cpus *s, char *buf,
				size_t len)
{
	pfq_cpus_format_list(s, buf, len);
	return buf[0] ? buf : "-";
}

static void show_pf_ring(const struct pfq_dev *d, FILE *out)
{
	static char text[1 << 16];

	if (d->soft_queues < 0) {
		fprintf(out, "pf_ring: not loaded\n");
		return;
	}
	if (d->soft_queues > 0)
		fprintf(out, "pf_ring: %ld software queues (by flow hash)\n",
			d->soft_queues);
	else
		fprintf(out, "pf_ring: the RX queues (no software queues)\n");
	if (!pfq_read(d->root, text, sizeof(text),
		      "/proc/net/pf_ring/dev/%s/queues", d->name))
		fprintf(out, "%s\n", text);
}

void pfq_show(const struct pfq_dev *d, FILE *out)
{
	char irq[16], icpus[256], rcpus[256], flows[24];
	const struct pfq_queue *x;
	unsigned int q;
	char entries[24];

	snprintf(entries, sizeof(entries), "%ld", d->sock_flow_entries);
	/* The table is the initial network namespace's only. */
	fprintf(out, "%s: %u RX queue%s, rps_sock_flow_entries %s\n",
		d->name, d->nqueues, d->nqueues == 1 ? "" : "s",
		d->sock_flow_entries >= 0 ? entries : "n/a");
	fprintf(out, "%-6s %-6s %-20s %-12s %-12s %s\n", "queue", "irq",
		"irq-name", "irq-cpus", "rps-cpus", "rps-flow-cnt");
	for (q = 0; q < d->nqueues; q++) {
		x = &d->q[q];
		snprintf(irq, sizeof(irq), "%d", x->irq);
		snprintf(flows, sizeof(flows), "%ld", x->rps_flow_cnt);
		fprintf(out, "rx-%-3u %-6s %-20s %-12s %-12s %s\n", q,
			x->irq >= 0 ? irq : "-",
			x->irq >= 0 ? x->irq_name : "-",
			x->irq >= 0 ? list_or_dash(&x->irq_cpus, icpus,
						   sizeof(icpus)) : "-",
			x->rps ? list_or_dash(&x->rps_cpus, rcpus,
					      sizeof(rcpus)) : "n/a",
			x->rps_flow_cnt >= 0 ? flows : "n/a");
	}
	show_pf_ring(d, out);
}
