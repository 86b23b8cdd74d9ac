// SPDX-License-Identifier: GPL-2.0
/* socket(PF_RING) needs CAP_NET_RAW: without it, EPERM. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/capability.h>
#include <net/ethernet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktest.h"

int main(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	int fd = kt_socket();

	close(fd);
	KT_REQUIRE(!syscall(SYS_capget, &h, d), "capget");
	d[CAP_NET_RAW / 32].effective &= ~(1U << (CAP_NET_RAW % 32));
	d[CAP_NET_RAW / 32].permitted &= ~(1U << (CAP_NET_RAW % 32));
	KT_REQUIRE(!syscall(SYS_capset, &h, d), "capset: %s", strerror(errno));
	KT_ERRNO(socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL)), EPERM);

	/* An unprivileged user, too. */
	KT_REQUIRE(!setuid(65534), "setuid");
	KT_ERRNO(socket(PF_RING, SOCK_RAW, htons(ETH_P_ALL)), EPERM);
	return kt_done("perm");
}
