// SPDX-License-Identifier: GPL-2.0
/* rmmod with an open socket is refused; the module stays usable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"

int main(void)
{
	struct kt_ring r;
	int rc;

	kt_private_netns();
	kt_ring_open(&r, "lo", 128, 64);
	rc = system("rmmod pf_ring 2>/dev/null");
	KT_CHECK(rc != 0, "rmmod succeeded with a socket open");
	KT_CHECK(system("grep -q '^pf_ring ' /proc/modules") == 0,
		 "module gone");
	KT_CHECK(kt_ring_stats(&r).recv == 0, "stats after rmmod attempt");
	kt_ring_close(&r);
	return kt_done("rmmod refused while in use");
}
