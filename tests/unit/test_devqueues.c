// SPDX-License-Identifier: GPL-2.0
/*
 * Queue counts (pf_ring.ko's /proc files first, sysfs without the
 * module) and the per-queue entries of pfring_findalldevs(), over
 * made-up devices and a made-up /proc and /sys in a temporary directory.
 */
#define _GNU_SOURCE	/* nftw() */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "check_main.h"
#include "dev_queues.h"
#include "pfring_priv.h"

struct if_nameindex *__wrap_if_nameindex(void);
void __wrap_if_freenameindex(struct if_nameindex *ptr);

static struct if_nameindex fake_names[] = {
	{ 2, "eth0" }, { 5, "veth1" }, { 9, "nomod" }, { 11, "gone" },
	{ 0, NULL },
};

struct if_nameindex *__wrap_if_nameindex(void)
{
	return fake_names;
}

void __wrap_if_freenameindex(struct if_nameindex *ptr)
{
	ck_assert_ptr_eq(ptr, fake_names);
}

static char root[] = "/tmp/pfr-devqueues-XXXXXX";
static char proc_dir[PATH_MAX], sys_dir[PATH_MAX];

static void put(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if (!text) {
		mkdir(path, 0755);
		return;
	}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(proc_dir, sizeof(proc_dir), "%s/proc", root);
	snprintf(sys_dir, sizeof(sys_dir), "%s/sys", root);
	/* eth0: 4 RX queues as the module counts them; sysfs disagrees. */
	put(proc_dir, "eth0/soft_queues", "0\n");
	put(proc_dir, "eth0/info", "Name                     : eth0\n"
				   "# RX queues              : 4\n"
				   "# TX queues              : 8\n");
	put(sys_dir, "eth0/queues/rx-0", NULL);
	put(sys_dir, "eth0/queues/rx-1", NULL);
	/* veth1: 3 software queues over 1 RX queue. */
	put(proc_dir, "veth1/soft_queues", "3\n");
	put(proc_dir, "veth1/info", "# RX queues              : 1\n");
	/* nomod: no module; sysfs rx-N entries only. */
	put(sys_dir, "nomod/queues/rx-0", NULL);
	put(sys_dir, "nomod/queues/rx-1", NULL);
	put(sys_dir, "nomod/queues/rx-x", NULL);
	put(sys_dir, "nomod/queues/rx-", NULL);
	put(sys_dir, "nomod/queues/tx-0", NULL);
	put(sys_dir, "nomod/queues/tx-1", NULL);
	put(sys_dir, "nomod/queues/tx-2", NULL);
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

START_TEST(queue_counts)
{
	ck_assert_uint_eq(pfr_dev_queues(proc_dir, sys_dir, "eth0"), 4);
	ck_assert_uint_eq(pfr_dev_queues(proc_dir, sys_dir, "veth1"), 3);
	ck_assert_uint_eq(pfr_dev_queues(proc_dir, sys_dir, "nomod"), 2);
	ck_assert_uint_eq(pfr_dev_queues(proc_dir, sys_dir, "gone"), 0);
	/* Without software queues the module's RX count is used again. */
	put(proc_dir, "veth1/soft_queues", "0\n");
	ck_assert_uint_eq(pfr_dev_queues(proc_dir, sys_dir, "veth1"), 1);
}
END_TEST

static const char *const want[] = {
	"eth0", "eth0@0", "eth0@1", "eth0@2", "eth0@3",
	"veth1", "veth1@0", "veth1@1", "veth1@2",
	"nomod", "nomod@0", "nomod@1",
	"gone", "any",
};

START_TEST(findalldevs_lists_queues)
{
	pfring_if_t *list = pfr_findalldevs_at(proc_dir, sys_dir), *d;
	const char *sys;
	size_t i = 0;
	int idx = 0;

	for (d = list; d; d = d->next, i++) {
		ck_assert_uint_lt(i, sizeof(want) / sizeof(want[0]));
		ck_assert_str_eq(d->name, want[i]);
		if (strchr(d->name, '@')) {
			/* Its device: same index, same state. */
			sys = want[i - 1 - (size_t)atoi(strchr(d->name, '@') + 1)];
			ck_assert_str_eq(d->system_name, sys);
			ck_assert_int_eq(d->ifindex, idx);
		} else {
			ck_assert_str_eq(d->system_name, d->name);
			idx = d->ifindex;
		}
		ck_assert_str_eq(d->module, "pf_ring");
	}
	ck_assert_uint_eq(i, sizeof(want) / sizeof(want[0]));
	pfring_freealldevs(list);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("devqueues");
	TCase *tc = tcase_create("files");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, queue_counts);
	tcase_add_test(tc, findalldevs_lists_queues);
	suite_add_tcase(s, tc);
	return s;
}
