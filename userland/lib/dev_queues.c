// SPDX-License-Identifier: LGPL-2.1-or-later
/* The receive queues of a device; see dev_queues.h. */
#include "dev_queues.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A file holding one number, as soft_queues does. */
static int pfr_read_uint(const char *path, unsigned int *v)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return 0;
	ok = fscanf(f, "%u", v) == 1;
	fclose(f);
	return ok;
}

/* The number after the colon of the "key ... : value" line of info. */
static int pfr_read_info(const char *path, const char *key, unsigned int *v)
{
	const char *colon;
	char line[256];
	FILE *f = fopen(path, "re");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		colon = strchr(line, ':');
		if (colon && !strncmp(line, key, strlen(key)))
			found = sscanf(colon + 1, "%u", v) == 1;
	}
	fclose(f);
	return found;
}

/* rx-<n> entries of /sys/class/net/<dev>/queues: the RX queues in use. */
static unsigned int pfr_count_rx_dirs(const char *sys_dir, const char *ifname)
{
	char path[PATH_MAX];
	struct dirent *e;
	unsigned int n = 0;
	char *end;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s/queues", sys_dir, ifname);
	d = opendir(path);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "rx-", 3) || !e->d_name[3])
			continue;
		strtoul(e->d_name + 3, &end, 10);
		n += *end == '\0';
	}
	closedir(d);
	return n;
}

unsigned int pfr_dev_queues(const char *proc_dir, const char *sys_dir,
			    const char *ifname)
{
	char path[PATH_MAX];
	unsigned int n;

	/*
	 * The module's files first: they belong to the caller's network
	 * namespace, where sysfs may show another one's devices.
	 */
	snprintf(path, sizeof(path), "%s/%s/soft_queues", proc_dir, ifname);
	if (pfr_read_uint(path, &n) && n > 0)
		return n;
	snprintf(path, sizeof(path), "%s/%s/info", proc_dir, ifname);
	if (pfr_read_info(path, "# RX queues", &n))
		return n;
	return pfr_count_rx_dirs(sys_dir, ifname);
}
