// SPDX-License-Identifier: GPL-2.0
/*
 * Bad input gets a clear errno and changes nothing: socket types,
 * bind addresses, option levels, numbers, lengths and values, mmap
 * sizes and offsets, settings frozen once the ring exists.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/ethernet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

static void check_socket(void)
{
	KT_ERRNO(socket(PF_RING, SOCK_DGRAM, htons(ETH_P_ALL)), ESOCKTNOSUPPORT);
	KT_ERRNO(socket(PF_RING, SOCK_STREAM, htons(ETH_P_ALL)), ESOCKTNOSUPPORT);
}

static void check_bind(void)
{
	struct sockaddr_pfring sa = { .spr_family = PF_RING };
	int fd = kt_socket();

	KT_ERRNO(kt_bind(fd, 9999, 0), ENODEV);
	kt_sh("ip link add vdown type dummy");
	KT_ERRNO(kt_bind(fd, kt_ifindex("vdown"), 0), ENETDOWN);
	KT_ERRNO(kt_bind(fd, -1, 0), EINVAL);
	sa.spr_ifindex = kt_ifindex("vb");
	KT_ERRNO(bind(fd, (struct sockaddr *)&sa, sizeof(sa) - 1), EINVAL);
	sa.spr_family = AF_INET;
	KT_ERRNO(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), EINVAL);
	sa.spr_family = PF_RING;
	sa.spr_reserved = 1;
	KT_ERRNO(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), EINVAL);
	KT_CHECK(kt_bind(fd, kt_ifindex("vb"), 0) == 0, "bind: %s",
		 strerror(errno));
	KT_ERRNO(kt_bind(fd, kt_ifindex("va"), 0), EBUSY);
	close(fd);
}

static void check_options(void)
{
	uint32_t v = 64, big[4] = { 0 };
	socklen_t len;
	uint16_t small = 1;
	int fd = kt_socket();

	KT_ERRNO(setsockopt(fd, SOL_PF_RING, 12345, &v, sizeof(v)), ENOPROTOOPT);
	KT_ERRNO(setsockopt(fd, SOL_SOCKET + 1000, SO_RING_BUCKET_LEN, &v,
			    sizeof(v)), ENOPROTOOPT);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_RING_BUCKET_LEN, &small,
			    sizeof(small)), EINVAL);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_RING_BUCKET_LEN, big,
			    sizeof(big)), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 0), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_RING_BUCKET_LEN, PFRING_MAX_BUCKET_LEN + 1),
		 EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_RING_SLOTS, PFRING_MIN_SLOTS - 1), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_RING_SLOTS, PFRING_MAX_SLOTS + 1), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_PACKET_DIRECTION, 3), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_SOCKET_MODE, 3), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_POLL_WATERMARK, 0), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_POLL_WATERMARK_TIMEOUT, 60001), EINVAL);
	KT_CHECK(!kt_setopt_u32(fd, SO_SET_POLL_WATERMARK_TIMEOUT, 0),
		 "timeout 0 (watermark only): %s", strerror(errno));
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_IFF_PROMISC, 2), EINVAL);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_IFF_PROMISC, 1), EINVAL); /* unbound */
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_SET_APPL_NAME, "", 0), EINVAL);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_SET_APPL_NAME,
			    "0123456789012345678901234567890123456789", 40), EINVAL);
	/* 32 bytes: 31 characters and the NUL fit, 32 characters do not. */
	KT_CHECK(!setsockopt(fd, SOL_PF_RING, SO_SET_APPL_NAME,
			     "0123456789012345678901234567890", 32), "31-char name");
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_SET_APPL_NAME,
			    "01234567890123456789012345678901", 32), EINVAL);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_RING_BUCKET_LEN, (void *)8,
			    sizeof(v)), EFAULT);

	len = sizeof(v);
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, 12345, &v, &len), ENOPROTOOPT);
	len = 2;
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, SO_GET_RING_VERSION, &v, &len), EINVAL);
	len = sizeof(struct pfring_ring_info) - 1;
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, big, &len), EINVAL);
	len = sizeof(v);
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, SO_GET_BOUND_DEVICE_IFINDEX, &v,
			    &len), ENODEV);
	len = sizeof(v);
	KT_CHECK(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_VERSION, &v, &len) &&
		 v == PFRING_MODULE_VERSION_NUM && len == sizeof(v),
		 "version %#x len %u", v, len);
	len = sizeof(v);
	KT_CHECK(!getsockopt(fd, SOL_PF_RING, SO_GET_PKT_HEADER_LEN, &v, &len) &&
		 v == sizeof(struct pfring_slot), "header len %u", v);
	close(fd);
}

/*
 * The ring <linux/pf_ring.h> describes for min_slots full-size records
 * of bucket bytes: records of slot_len = PFRING_RECORD_LEN(96, bucket),
 * min_slots of them plus the slot_len - 16 bytes an end may waste,
 * rounded up to a power of two.
 */
static struct pfring_ring_info ring_geometry(uint32_t min_slots, uint32_t bucket)
{
	uint32_t slot_len = PFRING_RECORD_LEN(sizeof(struct pfring_slot), bucket);
	uint64_t want = (uint64_t)min_slots * slot_len + slot_len - PFRING_RECORD_ALIGN;
	uint64_t data = 1;

	while (data < want)
		data <<= 1;
	return (struct pfring_ring_info){
		.magic = PFRING_RING_MAGIC,
		.version = PFRING_RING_VERSION,
		.num_slots = (data - slot_len + PFRING_RECORD_ALIGN) / slot_len,
		.slot_len = slot_len,
		.slot_hdr_len = sizeof(struct pfring_slot),
		.bucket_len = bucket,
		.slots_offset = 4096,
		.data_size = data,
		.mem_size = (4096 + data + 4095) & ~4095ULL,
	};
}

static void check_mmap_and_frozen(void)
{
	/*
	 * The module's default of 4096 records of 200 bytes: slot_len 304,
	 * 4096 * 304 + 288 = 1245472 bytes, so 2 MiB of data, and
	 * (2097152 - 288) / 304 = 6897 full-size records always fit.
	 */
	const struct pfring_ring_info want = ring_geometry(4096, 200);
	struct pfring_ring_info info;
	socklen_t len = sizeof(info);
	int fd = kt_socket();
	void *m;

	KT_REQUIRE(!kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 200), "bucket");
	KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &len),
		   "ring info: %s", strerror(errno));
	KT_CHECK(want.slot_len == 304 && want.data_size == 2 << 20 &&
		 want.num_slots == 6897 && want.mem_size == 4096 + (2 << 20),
		 "on paper: slot_len %u data %u num_slots %u", want.slot_len,
		 want.data_size, want.num_slots);
	KT_CHECK(len == sizeof(info) && !memcmp(&info, &want, sizeof(info)),
		 "info: bucket %u slots %u slot_len %u hdr %u off %u data %u mem %llu, want bucket %u slots %u slot_len %u hdr %u off %u data %u mem %llu",
		 info.bucket_len, info.num_slots, info.slot_len,
		 info.slot_hdr_len, info.slots_offset, info.data_size,
		 (unsigned long long)info.mem_size, want.bucket_len,
		 want.num_slots, want.slot_len, want.slot_hdr_len,
		 want.slots_offset, want.data_size,
		 (unsigned long long)want.mem_size);
	KT_ERRNO(kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 300), EBUSY);
	KT_ERRNO(kt_setopt_u32(fd, SO_SET_RING_SLOTS, 64), EBUSY);

	KT_ERRNO(mmap(NULL, info.mem_size - 4096, PROT_READ, MAP_SHARED, fd, 0) ==
		 MAP_FAILED ? -1 : 0, EINVAL);
	KT_ERRNO(mmap(NULL, info.mem_size + 4096, PROT_READ, MAP_SHARED, fd, 0) ==
		 MAP_FAILED ? -1 : 0, EINVAL);
	KT_ERRNO(mmap(NULL, info.mem_size, PROT_READ, MAP_SHARED, fd, 4096) ==
		 MAP_FAILED ? -1 : 0, EINVAL);
	m = mmap(NULL, info.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	KT_CHECK(m != MAP_FAILED, "good mmap: %s", strerror(errno));
	/* A mapping may outlive its socket. */
	close(fd);
	if (m != MAP_FAILED) {
		KT_CHECK(((struct pfring_ring_hdr *)m)->info.magic ==
			 PFRING_RING_MAGIC, "magic after close");
		munmap(m, info.mem_size);
	}

	/* A ring larger than the kernel allows is refused cleanly. */
	fd = kt_socket();
	KT_REQUIRE(!kt_setopt_u32(fd, SO_RING_BUCKET_LEN, PFRING_MAX_BUCKET_LEN),
		   "max bucket");
	KT_REQUIRE(!kt_setopt_u32(fd, SO_SET_RING_SLOTS, PFRING_MAX_SLOTS),
		   "max slots");
	len = sizeof(info);
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &len), ENOMEM);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0), ENOMEM);
	close(fd);
}

/* Without CAP_IPC_LOCK a ring counts against RLIMIT_MEMLOCK. */
static void check_memlock(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	struct rlimit rl = { 1 << 20, 1 << 20 };
	struct pfring_ring_info info;
	socklen_t len = sizeof(info);
	int fd, i, st;
	pid_t pid = fork();

	KT_REQUIRE(pid >= 0, "fork");
	if (pid) {
		waitpid(pid, &st, 0);
		KT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "memlock child");
		return;
	}
	KT_REQUIRE(!syscall(SYS_capget, &h, d), "capget");
	d[0].effective &= ~(1U << CAP_IPC_LOCK);
	d[0].permitted &= ~(1U << CAP_IPC_LOCK);
	KT_REQUIRE(!syscall(SYS_capset, &h, d), "capset");
	KT_REQUIRE(!setrlimit(RLIMIT_MEMLOCK, &rl), "setrlimit");

	fd = kt_socket();
	KT_ERRNO(getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info, &len),
		 ENOBUFS);
	KT_ERRNO(setsockopt(fd, SOL_PF_RING, SO_ACTIVATE_RING, NULL, 0), ENOBUFS);
	close(fd);
	/* Small rings fit, and closing one gives its pages back. */
	for (i = 0; i < 100; i++) {
		fd = kt_socket();
		KT_REQUIRE(!kt_setopt_u32(fd, SO_SET_RING_SLOTS, 64), "slots");
		KT_REQUIRE(!kt_setopt_u32(fd, SO_RING_BUCKET_LEN, 1500), "bucket");
		len = sizeof(info);
		KT_REQUIRE(!getsockopt(fd, SOL_PF_RING, SO_GET_RING_INFO, &info,
				       &len), "small ring %d: %s", i,
			   strerror(errno));
		close(fd);
	}
	_exit(kt_failures ? 1 : 0);
}

int main(void)
{
	kt_private_netns();
	kt_veth("va", "vb");
	check_socket();
	check_bind();
	check_options();
	check_mmap_and_frozen();
	check_memlock();
	return kt_done("errors");
}
