// SPDX-License-Identifier: GPL-2.0
/* sendframes DEV COUNT [LEN]: sends COUNT numbered test frames on DEV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktest.h"

int main(int argc, char **argv)
{
	uint8_t frame[9000];
	unsigned long i, n, len = 60;
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: sendframes DEV COUNT [LEN]\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 0);
	if (argc == 4)
		len = strtoul(argv[3], NULL, 0);
	if (len < 18 || len > sizeof(frame)) {
		fprintf(stderr, "sendframes: LEN must be 18..%zu\n", sizeof(frame));
		return 2;
	}
	fd = kt_tx_open(argv[1]);
	for (i = 0; i < n; i++)
		kt_tx(fd, frame, kt_frame(frame, i, len));
	return 0;
}
