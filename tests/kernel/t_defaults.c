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
	uint32_t min_slots, slot_len, num_slots;
	uint64_t data = 1, want;
	struct pfring_ring_info info;
	socklen_t len = sizeof(info);
	char needle[64];
	int fd;

	KT_REQUIRE(argc == 3, "usage: t_defaults MIN_NUM_SLOTS TX_CAPTURE");
	min_slots = strtoul(argv[1], NULL, 0);
	/*
	 * min_slots full-size records of the default bucket, plus the
	 * slot_len - 16 bytes an end of the data area may waste, rounded up
	 * to a power of two; then as many full-size records as always fit.
	 * 4096: slot_len 1632, 6686288 bytes -> 8 MiB, 5139 records;
	 * 64: 106064 bytes -> 128 KiB, 79 records.
	 */
	slot_len = PFRING_RECORD_LEN(sizeof(struct pfring_slot),
				     PFRING_DEFAULT_BUCKET_LEN);
	want = (uint64_t)min_slots * slot_len + slot_len - PFRING_RECORD_ALIGN;
	while (data < want)
		data <<= 1;
	num_slots = (data - slot_len + PFRING_RECORD_ALIGN) / slot_len;

	fd = kt_socket();
	KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &len),
		   "ring info: %s", strerror(errno));
	KT_CHECK(info.data_size == data && info.num_slots == num_slots &&
		 info.num_slots >= min_slots,
		 "data_size %u num_slots %u, want %llu %u (min_num_slots %u)",
		 info.data_size, info.num_slots, (unsigned long long)data,
		 num_slots, min_slots);
	KT_CHECK(info.bucket_len == PFRING_DEFAULT_BUCKET_LEN &&
		 info.slot_len == slot_len, "bucket %u slot_len %u",
		 info.bucket_len, info.slot_len);
	KT_CHECK(info.mem_size == ((4096 + data + 4095) & ~4095ULL) &&
		 info.slots_offset == 4096, "mem_size %llu slots_offset %u",
		 (unsigned long long)info.mem_size, info.slots_offset);
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
