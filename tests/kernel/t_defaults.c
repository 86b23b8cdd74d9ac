// SPDX-License-Identifier: GPL-2.0
/*
 * A ring with no options takes its size from the module parameters and
 * /proc/net/pf_ring/info reports them.
 * Usage: t_defaults <min_num_slots as loaded> <enable_tx_capture as loaded>
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ktest.h"

static int proc_has(const char *needle)
{
	char line[256];
	FILE *f = fopen("/proc/net/pf_ring/info", "r");
	int found = 0;

	KT_REQUIRE(f, "no /proc/net/pf_ring/info");
	while (fgets(line, sizeof(line), f))
		found |= strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	uint32_t min_slots, want = 1;
	struct pfring_ring_info info;
	socklen_t len = sizeof(info);
	char needle[64];
	int fd;

	KT_REQUIRE(argc == 3, "usage: t_defaults MIN_NUM_SLOTS TX_CAPTURE");
	min_slots = strtoul(argv[1], NULL, 0);
	while (want < min_slots)
		want <<= 1;

	fd = kt_socket();
	KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &len),
		   "ring info: %s", strerror(errno));
	KT_CHECK(info.num_slots == want, "num_slots %u, want %u", info.num_slots,
		 want);
	KT_CHECK(info.bucket_len == PFRING_DEFAULT_BUCKET_LEN, "bucket %u",
		 info.bucket_len);
	KT_CHECK(info.slot_hdr_len == sizeof(struct pfring_slot), "hdr len");
	snprintf(needle, sizeof(needle), "Min # ring slots         : %u", min_slots);
	KT_CHECK(proc_has(needle), "/proc info lacks '%s'", needle);
	KT_CHECK(proc_has("Total rings              : 1"), "ring count");
	KT_CHECK(proc_has(atoi(argv[2]) ? "Capture TX               : Yes" :
					  "Capture TX               : No"),
		 "tx capture line");
	KT_CHECK(proc_has("PF_RING Version          : " PFRING_MODULE_VERSION),
		 "version line");
	close(fd);
	return kt_done("defaults");
}
