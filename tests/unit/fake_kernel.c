// SPDX-License-Identifier: GPL-2.0
/* The fake pf_ring.ko; see fake_kernel.h. */
#include <linux/filter.h>
#include "fake_kernel.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

struct fake_kernel fk;

int __real_socket(int domain, int type, int protocol);
int __real_setsockopt(int fd, int level, int opt, const void *val,
		      socklen_t len);
int __real_getsockopt(int fd, int level, int opt, void *val, socklen_t *len);
int __real_bind(int fd, const struct sockaddr *addr, socklen_t len);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __real_munmap(void *addr, size_t len);
int __real_close(int fd);
int __real_poll(struct pollfd *fds, nfds_t n, int timeout);

int __wrap_socket(int domain, int type, int protocol);
int __wrap_setsockopt(int fd, int level, int opt, const void *val,
		      socklen_t len);
int __wrap_getsockopt(int fd, int level, int opt, void *val, socklen_t *len);
int __wrap_bind(int fd, const struct sockaddr *addr, socklen_t len);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __wrap_munmap(void *addr, size_t len);
int __wrap_close(int fd);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);
unsigned int __wrap_if_nametoindex(const char *name);

void fake_reset(void)
{
	if (fk.allocated)
		ring_image_free(&fk.img);
	memset(&fk, 0, sizeof(fk));
	fk.ring_version = PFRING_RING_VERSION;
	fk.num_slots = 16;
	fk.parse = 1;
}

__attribute__((format(printf, 1, 2)))
static void fake_log(const char *fmt, ...)
{
	size_t used = strlen(fk.log);
	va_list ap;

	if (used)
		fk.log[used++] = ' ';
	va_start(ap, fmt);
	vsnprintf(fk.log + used, sizeof(fk.log) - used, fmt, ap);
	va_end(ap);
}

static int fail(int err)
{
	errno = err;
	return -1;
}

int fake_produce(const void *frame, __u32 len)
{
	__u32 caplen = len < fk.bucket_len ? len : fk.bucket_len;
	__u32 bad_cons = fk.img.bad_cons;

	/* The module reads the option per packet. */
	fk.img.parse = (int)fk.parse;
	if (!ring_image_produce_frame(&fk.img, frame, caplen, len)) {
		fk.stats.drop_full++;
		fk.stats.bad_cons += fk.img.bad_cons - bad_cons;
		return 0;
	}
	fk.stats.recv++;
	return 1;
}

int __wrap_socket(int domain, int type, int protocol)
{
	if (domain != PF_RING)
		return __real_socket(domain, type, protocol);
	if (fk.socket_errno)
		return fail(fk.socket_errno);
	fk.domain = domain;
	fk.type = type;
	fk.protocol = protocol;
	fake_log("socket");
	return FAKE_FD;
}

static int get_u32(const void *val, socklen_t len, __u32 *out)
{
	if (len != sizeof(__u32))
		return fail(EINVAL);
	memcpy(out, val, sizeof(*out));
	return 0;
}

/* As pf_ring.ko checks a struct pfring_cluster_req. */
static int add_to_cluster(const void *val, socklen_t len)
{
	struct pfring_cluster_req req;

	if (len != sizeof(req))
		return fail(EINVAL);
	memcpy(&req, val, sizeof(req));
	if (req.type > PFRING_CLUSTER_PER_FLOW_TCP_5_TUPLE || req.reserved)
		return fail(EINVAL);
	fk.cluster = req;
	fk.in_cluster = 1;
	fake_log("cluster=%u/%u/%d", req.cluster_id, req.type, (int)req.position);
	return 0;
}

int __wrap_setsockopt(int fd, int level, int opt, const void *val,
		      socklen_t len)
{
	__u32 v = 0;

	if (fd != FAKE_FD)
		return __real_setsockopt(fd, level, opt, val, len);
	if (level != SOL_PF_RING)
		return fail(ENOPROTOOPT);
	if (opt == SO_ADD_TO_CLUSTER)
		return add_to_cluster(val, len);
	if (opt == SO_REMOVE_FROM_CLUSTER) {
		fk.in_cluster = 0;
		fake_log("cluster_leave");
		return 0;
	}
	if (opt == PFRING_SO_ATTACH_FILTER) {
		const struct sock_fprog *p = val;

		if (len != sizeof(*p) || !p->len || !p->filter)
			return fail(EINVAL);
		fake_log("filter=%u", p->len);
		return 0;
	}
	if (opt == PFRING_SO_DETACH_FILTER) {
		fake_log("unfilter");
		return 0;
	}
	if (opt != SO_SET_APPL_NAME && get_u32(val, len, &v))
		return -1;
	switch (opt) {
	case SO_RING_BUCKET_LEN:
		if (fk.allocated)
			return fail(EBUSY);
		if (v == 0 || v > PFRING_MAX_BUCKET_LEN)
			return fail(EINVAL);
		fk.bucket_len = v;
		fake_log("bucket_len=%u", v);
		return 0;
	case SO_ACTIVATE_RING:
		fake_log("activate");
		return 0;
	case SO_DEACTIVATE_RING:
		fake_log("deactivate");
		return 0;
	case SO_SET_IFF_PROMISC:
		fk.promisc = v;
		fake_log("promisc=%u", v);
		return 0;
	case SO_SET_PACKET_DIRECTION:
		if (v > PFRING_DIR_SEL_TX_ONLY)
			return fail(EINVAL);
		fk.direction = v;
		return 0;
	case SO_SET_SOCKET_MODE:
		if (v > PFRING_MODE_RECV_ONLY)
			return fail(EINVAL);
		fk.mode = v;
		return 0;
	case SO_SET_PARSE_HEADERS:
		if (v > 1)
			return fail(EINVAL);
		fk.parse = v;
		return 0;
	case SO_SET_POLL_WATERMARK:
		if (v == 0)
			return fail(EINVAL);
		fk.watermark = v;
		return 0;
	case SO_SET_POLL_WATERMARK_TIMEOUT:
		if (v == 0)
			return fail(EINVAL);
		fk.watermark_timeout = v;
		return 0;
	case SO_SET_APPL_NAME:
		/* As pf_ring.ko: the name and its NUL fit. */
		if (len == 0 || len > PFRING_APPNAME_LEN ||
		    strnlen(val, len) >= PFRING_APPNAME_LEN)
			return fail(EINVAL);
		memset(fk.appname, 0, sizeof(fk.appname));
		memcpy(fk.appname, val, strnlen(val, len));
		return 0;
	default:
		return fail(ENOPROTOOPT);
	}
}

static int put(void *val, socklen_t *len, const void *src, socklen_t size)
{
	if (*len < size)
		return fail(EINVAL);
	memcpy(val, src, size);
	*len = size;
	return 0;
}

static int ring_info(void *val, socklen_t *len)
{
	if (!fk.bound)
		return fail(EINVAL);
	if (!fk.allocated) {
		ring_image_init(&fk.img, fk.num_slots, fk.bucket_len,
				FAKE_START);
		fk.img.hdr->info.version = fk.ring_version;
		fk.allocated = 1;
	}
	fake_log("ring_info");
	return put(val, len, &fk.img.hdr->info, sizeof(fk.img.hdr->info));
}

int __wrap_getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	static const __u8 mac[6] = { 2, 0, 0, 0, 0, 7 };
	__u32 u;
	__s32 s;

	if (fd != FAKE_FD)
		return __real_getsockopt(fd, level, opt, val, len);
	if (level != SOL_PF_RING)
		return fail(ENOPROTOOPT);
	switch (opt) {
	case SO_GET_RING_INFO:
		return ring_info(val, len);
	case SO_GET_STATS:
		return put(val, len, &fk.stats, sizeof(fk.stats));
	case SO_GET_RING_VERSION:
		u = PFRING_MODULE_VERSION_NUM;
		return put(val, len, &u, sizeof(u));
	case SO_GET_NUM_RX_CHANNELS:
		u = 4;
		return put(val, len, &u, sizeof(u));
	case SO_GET_BOUND_DEVICE_IFINDEX:
		s = fk.addr.spr_ifindex;
		return put(val, len, &s, sizeof(s));
	case SO_GET_BOUND_DEVICE_ADDRESS:
		if (fk.addr.spr_ifindex == PFRING_IFINDEX_ANY)
			return fail(ENODEV);
		return put(val, len, mac, sizeof(mac));
	default:
		return fail(ENOPROTOOPT);
	}
}

int __wrap_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_pfring sa;

	if (fd != FAKE_FD)
		return __real_bind(fd, addr, len);
	if (len != sizeof(sa))
		return fail(EINVAL);
	memcpy(&sa, addr, sizeof(sa));
	if (sa.spr_family != PF_RING || sa.spr_reserved)
		return fail(EINVAL);
	if (fk.bind_errno)
		return fail(fk.bind_errno);
	fk.addr = sa;
	fk.bound = 1;
	fake_log("bind=%d/%llx", sa.spr_ifindex,
		 (unsigned long long)sa.spr_queue_mask);
	return 0;
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	if (fd != FAKE_FD)
		return __real_mmap(addr, len, prot, flags, fd, off);
	if (!fk.allocated || len != fk.img.size || off != 0 ||
	    prot != (PROT_READ | PROT_WRITE) || !(flags & MAP_SHARED)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	fake_log("mmap");
	return fk.img.mem;
}

int __wrap_munmap(void *addr, size_t len)
{
	if (!fk.allocated || addr != fk.img.mem)
		return __real_munmap(addr, len);
	fk.unmapped = 1;
	fake_log("munmap");
	return 0;
}

int __wrap_close(int fd)
{
	if (fd != FAKE_FD)
		return __real_close(fd);
	fk.closed = 1;
	fake_log("close");
	return 0;
}

__u32 fake_queued(void)
{
	__u64 cons;
	__u32 queued, most;

	if (!fk.allocated)
		return 0;
	cons = __atomic_load_n(&fk.img.hdr->cons, __ATOMIC_ACQUIRE);
	queued = PFRING_POS_RECORDS(fk.img.prod) - PFRING_POS_RECORDS(cons);
	most = fk.img.data_size / sizeof(struct pfring_slot);
	/* Records, not bytes; a made-up cons holds no more than fit. */
	return queued < most ? queued : most;
}

int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	if (n != 1 || fds[0].fd != FAKE_FD)
		return __real_poll(fds, n, timeout);
	fk.polls++;
	if (fake_queued() == 0 && !fk.gone && fk.on_idle_poll)
		fk.on_idle_poll();
	fds[0].revents = 0;
	if (fake_queued() > 0)
		fds[0].revents |= POLLIN;
	if (fk.gone)
		fds[0].revents |= POLLERR;
	return fds[0].revents ? 1 : 0;
}

unsigned int __wrap_if_nametoindex(const char *name)
{
	if (!strcmp(name, "eth0"))
		return FAKE_IFINDEX;
	errno = ENODEV;
	return 0;
}

void fake_device_gone(void)
{
	fk.gone = 1;
	if (fk.img.hdr)
		__atomic_store_n(&fk.img.hdr->status, PFRING_STATUS_DEV_GONE,
				 __ATOMIC_RELAXED);
}
