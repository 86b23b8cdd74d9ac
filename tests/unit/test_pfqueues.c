// SPDX-License-Identifier: GPL-2.0
/*
 * pfqueues over a made-up /proc and /sys: which interrupts serve which
 * receive queue, what --spread, --flows and --soft write, what they
 * print, and that a second run finds nothing to change.
 */
#define _GNU_SOURCE	/* nftw(), open_memstream() */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "change.h"
#include "check_main.h"
#include "dev.h"
#include "files.h"
#include "irqs.h"
#include "show.h"

struct irq_case {
	const char *name, *dev, *alias;
	int queue;
};

static const struct irq_case irq_cases[] = {
	{ "eth0-TxRx-3", "eth0", NULL, 3 },		/* ixgbe, igb */
	{ "eth0-rx-0", "eth0", NULL, 0 },		/* e1000e */
	{ "eth0-tx-0", "eth0", NULL, -1 },
	{ "eth0", "eth0", NULL, -1 },			/* link, "other" */
	{ "eth0-lsc", "eth0", NULL, -1 },
	{ "i40e-eth0-TxRx-12", "eth0", NULL, 12 },
	{ "i40e-0000:01:00.0:misc", "eth0", NULL, -1 },
	{ "eth0-fp-2", "eth0", NULL, 2 },		/* bnx2x */
	{ "eth0-rxtx-1", "eth0", NULL, 1 },		/* vmxnet3 */
	{ "eth01-rx-1", "eth0", NULL, -1 },		/* another device */
	{ "veth0-rx-1", "eth0", NULL, -1 },
	{ "virtio1-input.1", "eth0", "virtio1", 1 },
	{ "virtio1-output.1", "eth0", "virtio1", -1 },
	{ "virtio1-config", "eth0", "virtio1", -1 },
	{ "virtio10-input.0", "eth0", "virtio1", -1 },
	{ "virtio1-input.0", "eth0", NULL, -1 },
	{ "mlx5_comp0@pci:0000:01:00.0", "eth0", NULL, -1 },
	{ "eth0-TxRx-999999", "eth0", NULL, -1 },
	{ "IO-APIC", "eth0", NULL, -1 },
};

START_TEST(irq_names)
{
	const struct irq_case *c = &irq_cases[_i];

	ck_assert_msg(pfq_irq_queue(c->name, c->dev, c->alias) == c->queue,
		      "%s: %d, want %d", c->name,
		      pfq_irq_queue(c->name, c->dev, c->alias), c->queue);
}
END_TEST

static char root[] = "/tmp/pfq-test-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[PATH_MAX], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if (!text) {
		ck_assert_int_eq(mkdir(path, 0755), 0);
		return;
	}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static const char *get(const char *rel)
{
	static char buf[256];

	ck_assert_int_eq(pfq_read(root, buf, sizeof(buf), "%s", rel), 0);
	return buf;
}

/* eth0: 4 RX queues; queues 0 and 1 have interrupts, 2 and 3 do not. */
static const char interrupts[] =
	"           CPU0       CPU1       CPU2       CPU3\n"
	"  0:         34          0          0          0   IO-APIC   2-edge      timer\n"
	" 28:          0          3          0          0   PCI-MSI 65536-edge      eth0-TxRx-0\n"
	" 29:          7          0          0          0   PCI-MSI 65537-edge      eth0-TxRx-1\n"
	" 30:          7          0          0          0   PCI-MSI 65538-edge      eth0-tx-2\n"
	" 31:          0          1          0          0   PCI-MSI 65539-edge      eth0\n"
	" 32:          0          1          0          0   PCI-MSI 65540-edge      eth1-TxRx-2, eth0-TxRx-9\n"
	"NMI:          0          0          0          0   Non-maskable interrupts\n";

static void setup(void)
{
	unsigned int q;
	char rel[128];

	ck_assert_ptr_nonnull(mkdtemp(root));
	for (q = 0; q < 4; q++) {
		snprintf(rel, sizeof(rel),
			 "/sys/class/net/eth0/queues/rx-%u/rps_cpus", q);
		put(rel, "0\n");
		snprintf(rel, sizeof(rel),
			 "/sys/class/net/eth0/queues/rx-%u/rps_flow_cnt", q);
		put(rel, "0\n");
		snprintf(rel, sizeof(rel), "/sys/class/net/eth0/queues/tx-%u",
			 q);
		put(rel, NULL);
	}
	put("/sys/class/net/eth0/queues/rx-1/rps_cpus", "00000000,0000000a\n");
	put("/sys/devices/system/cpu/online", "0-3\n");
	put("/proc/interrupts", interrupts);
	put("/proc/irq/28/smp_affinity_list", "0-3\n");
	put("/proc/irq/29/smp_affinity_list", "2\n");
	put("/proc/sys/net/core/rps_sock_flow_entries", "256\n");
	put("/proc/net/pf_ring/dev/eth0/soft_queues", "0\n");
	put("/proc/net/pf_ring/dev/eth0/queues",
	    "Queue  Packets              Sockets\n"
	    "0      10                   1\n");
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	strcpy(root + strlen(root) - 6, "XXXXXX");
}

/* Output of a pfqueues function, collected. */
struct capture {
	FILE *out, *err;
	char *out_text, *err_text;
	size_t out_len, err_len;
};

static void capture_start(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->out = open_memstream(&c->out_text, &c->out_len);
	c->err = open_memstream(&c->err_text, &c->err_len);
	ck_assert(c->out && c->err);
}

static void capture_end(struct capture *c)
{
	fclose(c->out);
	fclose(c->err);
}

static void capture_free(struct capture *c)
{
	free(c->out_text);
	free(c->err_text);
}

START_TEST(load_layout)
{
	struct pfq_dev d;
	char list[64];

	ck_assert_int_eq(pfq_dev_load(&d, root, "eth1"), -ENODEV);
	ck_assert_int_eq(pfq_dev_load(&d, root, "eth0"), 0);
	ck_assert_uint_eq(d.nqueues, 4);
	ck_assert_int_eq(d.q[0].irq, 28);
	ck_assert_str_eq(d.q[0].irq_name, "eth0-TxRx-0");
	ck_assert_int_eq(d.q[1].irq, 29);
	ck_assert_int_eq(d.q[2].irq, -1);	/* transmit only */
	ck_assert_int_eq(d.q[3].irq, -1);
	pfq_cpus_format_list(&d.q[0].irq_cpus, list, sizeof(list));
	ck_assert_str_eq(list, "0-3");
	pfq_cpus_format_list(&d.q[1].rps_cpus, list, sizeof(list));
	ck_assert_str_eq(list, "1,3");
	ck_assert(d.q[0].rps && pfq_cpus_empty(&d.q[0].rps_cpus));
	ck_assert_int_eq(d.q[2].rps_flow_cnt, 0);
	ck_assert_int_eq(d.soft_queues, 0);
	ck_assert_int_eq(d.sock_flow_entries, 256);
	pfq_dev_free(&d);
}
END_TEST

START_TEST(spread_flows_soft)
{
	static const unsigned int cpus[] = { 2, 0 };
	struct capture c;
	struct pfq_dev d;

	ck_assert_int_eq(pfq_dev_load(&d, root, "eth0"), 0);
	pfq_changes = 0;
	capture_start(&c);
	ck_assert_int_eq(pfq_set_soft(&d, 4, c.out, c.err), 0);
	ck_assert_int_eq(pfq_spread(&d, cpus, 2, c.out, c.err), 0);
	ck_assert_int_eq(pfq_set_flows(&d, 128, c.out, c.err), 0);
	capture_end(&c);
	ck_assert_str_eq(c.err_text, "");
	ck_assert_str_eq(c.out_text,
		"eth0: soft_queues: 0 -> 4\n"
		"eth0: rx-0 irq 28 (eth0-TxRx-0) affinity: 0-3 -> 2\n"
		"eth0: rx-1 irq 29 (eth0-TxRx-1) affinity: 2 -> 0\n"
		"eth0: rx-1 rps_cpus: 1,3 -> none\n"
		"eth0: rx-2 rps_cpus: none -> 2\n"
		"eth0: rx-3 rps_cpus: none -> 0\n"
		"eth0: rx-0 rps_flow_cnt: 0 -> 128\n"
		"eth0: rx-1 rps_flow_cnt: 0 -> 128\n"
		"eth0: rx-2 rps_flow_cnt: 0 -> 128\n"
		"eth0: rx-3 rps_flow_cnt: 0 -> 128\n"
		"eth0: rps_sock_flow_entries: 256 -> 512\n");
	capture_free(&c);
	ck_assert_uint_eq(pfq_changes, 11);
	ck_assert_str_eq(get("/proc/net/pf_ring/dev/eth0/soft_queues"), "4");
	ck_assert_str_eq(get("/proc/irq/28/smp_affinity_list"), "2");
	ck_assert_str_eq(get("/proc/irq/29/smp_affinity_list"), "0");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-0/rps_cpus"), "0");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-1/rps_cpus"), "0");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-2/rps_cpus"), "4");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-3/rps_cpus"), "1");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-3/rps_flow_cnt"),
			 "128");
	pfq_dev_free(&d);

	/* Done already: a second run changes nothing, a lower flow count
	 * leaves the shared table alone.
	 */
	ck_assert_int_eq(pfq_dev_load(&d, root, "eth0"), 0);
	pfq_changes = 0;
	capture_start(&c);
	ck_assert_int_eq(pfq_set_soft(&d, 4, c.out, c.err), 0);
	ck_assert_int_eq(pfq_spread(&d, cpus, 2, c.out, c.err), 0);
	ck_assert_int_eq(pfq_set_flows(&d, 128, c.out, c.err), 0);
	ck_assert_uint_eq(pfq_changes, 0);
	ck_assert_int_eq(pfq_set_flows(&d, 64, c.out, c.err), 0);
	capture_end(&c);
	ck_assert_uint_eq(pfq_changes, 4);
	ck_assert_str_eq(get("/proc/sys/net/core/rps_sock_flow_entries"),
			 "512");
	capture_free(&c);
	pfq_dev_free(&d);
}
END_TEST

START_TEST(failures_are_reported_and_counted)
{
	static const unsigned int cpus[] = { 1 };
	struct capture c;
	struct pfq_dev d;

	/* A directory where the file should be: the write fails. */
	ck_assert_int_eq(remove(strcat(strcpy((char[PATH_MAX]){ 0 }, root),
			 "/proc/irq/29/smp_affinity_list")), 0);
	put("/proc/irq/29/smp_affinity_list", NULL);
	ck_assert_int_eq(pfq_dev_load(&d, root, "eth0"), 0);
	capture_start(&c);
	ck_assert_int_eq(pfq_spread(&d, cpus, 1, c.out, c.err), 1);
	d.soft_queues = -1;		/* as without pf_ring.ko */
	ck_assert_int_eq(pfq_set_soft(&d, 2, c.out, c.err), 1);
	capture_end(&c);
	ck_assert_str_eq(c.err_text,
		"pfqueues: eth0: cannot set rx-1 irq 29 (eth0-TxRx-1) affinity "
		"to 1: Is a directory\n"
		"pfqueues: eth0: cannot set soft_queues: "
		"/proc/net/pf_ring/dev/eth0/soft_queues: No such file or "
		"directory (is pf_ring loaded?)\n");
	/* The other queues were still done. */
	ck_assert_str_eq(get("/proc/irq/28/smp_affinity_list"), "1");
	ck_assert_str_eq(get("/sys/class/net/eth0/queues/rx-3/rps_cpus"), "2");
	capture_free(&c);
	pfq_dev_free(&d);
}
END_TEST

START_TEST(show_table)
{
	struct capture c;
	struct pfq_dev d;

	ck_assert_int_eq(pfq_dev_load(&d, root, "eth0"), 0);
	capture_start(&c);
	pfq_show(&d, c.out);
	capture_end(&c);
	ck_assert_str_eq(c.out_text,
		"eth0: 4 RX queues, rps_sock_flow_entries 256\n"
		"queue  irq    irq-name             irq-cpus     rps-cpus     rps-flow-cnt\n"
		"rx-0   28     eth0-TxRx-0          0-3          -            0\n"
		"rx-1   29     eth0-TxRx-1          2            1,3          0\n"
		"rx-2   -      -                    -            -            0\n"
		"rx-3   -      -                    -            -            0\n"
		"pf_ring: the RX queues (no software queues)\n"
		"Queue  Packets              Sockets\n"
		"0      10                   1\n");
	capture_free(&c);
	pfq_dev_free(&d);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("pfqueues");
	TCase *names = tcase_create("irq_names");
	TCase *tree = tcase_create("fake_tree");

	tcase_add_loop_test(names, irq_names, 0,
			    sizeof(irq_cases) / sizeof(irq_cases[0]));
	suite_add_tcase(s, names);
	tcase_add_checked_fixture(tree, setup, teardown);
	tcase_add_test(tree, load_layout);
	tcase_add_test(tree, spread_flows_soft);
	tcase_add_test(tree, failures_are_reported_and_counted);
	tcase_add_test(tree, show_table);
	suite_add_tcase(s, tree);
	return s;
}
