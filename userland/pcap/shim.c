// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exported functions that take a pcap_t: ours go to the backend (or
 * to our pcap_open_dead() handle, for compiling and dumping), any other
 * to the system libpcap unchanged.  Return values and errors follow
 * libpcap 1.10 for a Linux capture.
 */
#include "pfpcap.h"
#include "real.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>

struct pfpcap *pfpcap_new(const char *device, const struct pfpcap_ops *ops,
			  char *errbuf)
{
	struct pfpcap *p = calloc(1, sizeof(*p));

	if (!p || !(p->device = strdup(device))) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "malloc: %s", strerror(errno));
		free(p);
		return NULL;
	}
	p->ops = ops;
	p->opt.timeout_ms = 0;
	p->opt.precision = PCAP_TSTAMP_PRECISION_MICRO;
	p->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (p->wake_fd < 0 || pfpcap_register(p)) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "pfring-pcap: %s",
			 p->wake_fd < 0 ? strerror(errno) : "too many handles");
		if (p->wake_fd >= 0)
			close(p->wake_fd);
		free(p->device);
		free(p);
		return NULL;
	}
	return p;
}

void pfpcap_seterr(struct pfpcap *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->errbuf, sizeof(p->errbuf), fmt, ap);
	va_end(ap);
}

/* The system libpcap's message for a failure on our dead handle. */
static void pfpcap_take_dead_err(struct pfpcap *p)
{
	pfpcap_seterr(p, "%s", REAL(pcap_geterr)(p->dead));
}

int pfpcap_break_pending(struct pfpcap *p)
{
	return __atomic_load_n(&p->break_loop, __ATOMIC_ACQUIRE);
}

int pfpcap_take_break(struct pfpcap *p)
{
	uint64_t v;

	if (!__atomic_exchange_n(&p->break_loop, 0, __ATOMIC_ACQ_REL))
		return 0;
	/* The wake-up is spent too, or the next poll() would not sleep. */
	while (read(p->wake_fd, &v, sizeof(v)) == sizeof(v))
		;
	return 1;
}

static int pfpcap_not_activated(struct pfpcap *p, const char *fn)
{
	pfpcap_seterr(p, "%s: this capture has not been activated yet", fn);
	return PCAP_ERROR_NOT_ACTIVATED;
}

/* The pcap_set_*() calls are refused once the capture runs, as in libpcap. */
#define PFPCAP_SET_BEFORE_ACTIVATE(p)					\
	do {								\
		if ((p)->activated) {					\
			pfpcap_seterr((p), "can't perform this "	\
				      "operation on an activated capture"); \
			return PCAP_ERROR_ACTIVATED;			\
		}							\
	} while (0)

/* ---- creation and activation (pcap_create is in backend.c) ---- */

PFPCAP_API int pcap_activate(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	int rc;

	if (!p)
		return REAL(pcap_activate)(pt);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	rc = p->ops->activate(p);
	p->activated = rc >= 0;
	return rc;
}

PFPCAP_API void pcap_close(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p) {
		REAL(pcap_close)(pt);
		return;
	}
	pfpcap_unregister(p);
	p->ops->cleanup(p);
	if (p->dead)
		REAL(pcap_close)(p->dead);
	close(p->wake_fd);
	free(p->device);
	free(p);
}

PFPCAP_API int pcap_set_snaplen(pcap_t *pt, int snaplen)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_snaplen)(pt, snaplen);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.snaplen = snaplen;
	return 0;
}

PFPCAP_API int pcap_set_promisc(pcap_t *pt, int promisc)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_promisc)(pt, promisc);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.promisc = promisc;
	return 0;
}

PFPCAP_API int pcap_set_timeout(pcap_t *pt, int timeout_ms)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_timeout)(pt, timeout_ms);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.timeout_ms = timeout_ms;
	return 0;
}

PFPCAP_API int pcap_set_buffer_size(pcap_t *pt, int size)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_buffer_size)(pt, size);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	if (size <= 0)	/* libpcap ignores these */
		return 0;
	p->opt.buffer_size = size;
	return 0;
}

PFPCAP_API int pcap_set_immediate_mode(pcap_t *pt, int immediate)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_immediate_mode)(pt, immediate);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.immediate = immediate;
	return 0;
}

PFPCAP_API int pcap_set_rfmon(pcap_t *pt, int rfmon)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_rfmon)(pt, rfmon);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.rfmon = rfmon;
	return 0;
}

PFPCAP_API int pcap_can_set_rfmon(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_can_set_rfmon)(pt);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	return 0;	/* Ethernet devices have no monitor mode */
}

PFPCAP_API int pcap_set_protocol_linux(pcap_t *pt, int protocol)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_protocol_linux)(pt, protocol);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	p->opt.protocol = protocol;
	return 0;
}

PFPCAP_API int pcap_set_tstamp_type(pcap_t *pt, int type)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_tstamp_type)(pt, type);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	/* The kernel stamps every packet as it copies it: host time. */
	return type == PCAP_TSTAMP_HOST ? 0 : PCAP_WARNING_TSTAMP_TYPE_NOTSUP;
}

PFPCAP_API int pcap_list_tstamp_types(pcap_t *pt, int **types)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_list_tstamp_types)(pt, types);
	/* malloc'ed: the caller frees it with pcap_free_tstamp_types(). */
	*types = malloc(sizeof(**types));
	if (!*types) {
		pfpcap_seterr(p, "malloc: %s", strerror(errno));
		return PCAP_ERROR;
	}
	**types = PCAP_TSTAMP_HOST;
	return 1;
}

PFPCAP_API int pcap_set_tstamp_precision(pcap_t *pt, int precision)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_set_tstamp_precision)(pt, precision);
	PFPCAP_SET_BEFORE_ACTIVATE(p);
	/* The ring's stamps are in nanoseconds: both are exact. */
	if (precision != PCAP_TSTAMP_PRECISION_MICRO &&
	    precision != PCAP_TSTAMP_PRECISION_NANO)
		return PCAP_ERROR_TSTAMP_PRECISION_NOTSUP;
	p->opt.precision = (u_int)precision;
	return 0;
}

PFPCAP_API int pcap_get_tstamp_precision(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_get_tstamp_precision)(pt);
	return (int)p->opt.precision;
}

/* ---- reading ---- */

PFPCAP_API int pcap_dispatch(pcap_t *pt, int cnt, pcap_handler cb, u_char *user)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_dispatch)(pt, cnt, cb, user);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_dispatch");
	return p->ops->read(p, cnt, cb, user);
}

PFPCAP_API int pcap_loop(pcap_t *pt, int cnt, pcap_handler cb, u_char *user)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	int n;

	if (!p)
		return REAL(pcap_loop)(pt, cnt, cb, user);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_loop");
	for (;;) {
		/* A read that timed out with nothing is no reason to stop. */
		do
			n = p->ops->read(p, cnt, cb, user);
		while (n == 0);
		if (n < 0)
			return n;
		if (cnt > 0) {
			cnt -= n;
			if (cnt <= 0)
				return 0;
		}
	}
}

struct pfpcap_oneshot {
	struct pcap_pkthdr *hdr;
	const u_char *data;
};

static void pfpcap_oneshot_cb(u_char *user, const struct pcap_pkthdr *h,
			      const u_char *bytes)
{
	struct pfpcap_oneshot *o = (struct pfpcap_oneshot *)user;

	*o->hdr = *h;
	o->data = bytes;
}

PFPCAP_API int pcap_next_ex(pcap_t *pt, struct pcap_pkthdr **hdr,
			    const u_char **data)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	struct pfpcap_oneshot o;
	int n;

	if (!p)
		return REAL(pcap_next_ex)(pt, hdr, data);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_next_ex");
	o.hdr = &p->next_hdr;
	o.data = NULL;
	n = p->ops->read(p, 1, pfpcap_oneshot_cb, (u_char *)&o);
	if (n <= 0)	/* 0: timeout or nothing (non-blocking); or the error */
		return n;
	*hdr = &p->next_hdr;
	*data = o.data;
	return 1;
}

PFPCAP_API const u_char *pcap_next(pcap_t *pt, struct pcap_pkthdr *h)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	struct pcap_pkthdr *hdr;
	const u_char *data;

	if (!p)
		return REAL(pcap_next)(pt, h);
	if (pcap_next_ex(pt, &hdr, &data) != 1)
		return NULL;
	*h = *hdr;
	return data;
}

/* Async-signal-safe: an atomic store and a write(). */
PFPCAP_API void pcap_breakloop(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	uint64_t one = 1;
	ssize_t n;

	if (!p) {
		REAL(pcap_breakloop)(pt);
		return;
	}
	__atomic_store_n(&p->break_loop, 1, __ATOMIC_RELEASE);
	n = write(p->wake_fd, &one, sizeof(one));
	(void)n;	/* a full counter wakes the reader as well */
}

PFPCAP_API int pcap_setnonblock(pcap_t *pt, int nonblock, char *errbuf)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_setnonblock)(pt, nonblock, errbuf);
	/* Reads decide per call whether to sleep: nothing to tell the fd. */
	p->nonblock = nonblock != 0;
	return 0;
}

PFPCAP_API int pcap_getnonblock(pcap_t *pt, char *errbuf)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_getnonblock)(pt, errbuf);
	return p->nonblock;
}

PFPCAP_API int pcap_get_selectable_fd(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_get_selectable_fd)(pt);
	return p->activated ? p->ops->selectable_fd(p) : -1;
}

PFPCAP_API const struct timeval *pcap_get_required_select_timeout(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_get_required_select_timeout)(pt);
	return NULL;	/* the ring's fd wakes up reliably */
}

PFPCAP_API int pcap_fileno(pcap_t *pt)
{
	return pfpcap_lookup(pt) ? pcap_get_selectable_fd(pt)
				 : REAL(pcap_fileno)(pt);
}

/* ---- filters, direction, link types ---- */

PFPCAP_API int pcap_compile(pcap_t *pt, struct bpf_program *fp,
			    const char *str, int optimize, bpf_u_int32 netmask)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_compile)(pt, fp, str, optimize, netmask);
	if (!p->activated) {
		pfpcap_seterr(p, "not-yet-activated pcap_t passed to pcap_compile");
		return PCAP_ERROR;
	}
	return p->ops->compile(p, fp, str, optimize, netmask);
}

PFPCAP_API int pcap_setfilter(pcap_t *pt, struct bpf_program *fp)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_setfilter)(pt, fp);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_setfilter");
	if (!fp || (fp->bf_len && !fp->bf_insns)) {
		pfpcap_seterr(p, "No filter specified");
		return PCAP_ERROR;
	}
	return p->ops->setfilter(p, fp);
}

PFPCAP_API int pcap_setdirection(pcap_t *pt, pcap_direction_t d)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_setdirection)(pt, d);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_setdirection");
	return p->ops->setdirection(p, d);
}

PFPCAP_API int pcap_datalink(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_datalink)(pt);
	return p->activated ? p->dlt : PCAP_ERROR_NOT_ACTIVATED;
}

PFPCAP_API int pcap_datalink_ext(pcap_t *pt)
{
	return pfpcap_lookup(pt) ? pcap_datalink(pt) : REAL(pcap_datalink_ext)(pt);
}

PFPCAP_API int pcap_list_datalinks(pcap_t *pt, int **dlts)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	const int *list;
	int n;

	if (!p)
		return REAL(pcap_list_datalinks)(pt, dlts);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_list_datalinks");
	n = p->ops->datalinks(p, &list);
	/* malloc'ed: the caller frees it with pcap_free_datalinks(). */
	*dlts = malloc((size_t)n * sizeof(**dlts));
	if (!*dlts) {
		pfpcap_seterr(p, "malloc: %s", strerror(errno));
		return PCAP_ERROR;
	}
	memcpy(*dlts, list, (size_t)n * sizeof(**dlts));
	return n;
}

PFPCAP_API int pcap_set_datalink(pcap_t *pt, int dlt)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	const int *list;
	int i, n;

	if (!p)
		return REAL(pcap_set_datalink)(pt, dlt);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_set_datalink");
	n = p->ops->datalinks(p, &list);
	for (i = 0; i < n && list[i] != dlt; i++)
		;
	if (i == n) {
		pfpcap_seterr(p, "DLT %d is not one of the DLTs supported by this device",
			      dlt);
		return PCAP_ERROR;
	}
	return dlt == p->dlt ? 0 : p->ops->set_datalink(p, dlt);
}

/* ---- sending ---- */

PFPCAP_API int pcap_inject(pcap_t *pt, const void *buf, size_t size)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_inject)(pt, buf, size);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_inject");
	return p->ops->inject(p, buf, size);
}

PFPCAP_API int pcap_sendpacket(pcap_t *pt, const u_char *buf, int size)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_sendpacket)(pt, buf, size);
	if (size <= 0) {
		pfpcap_seterr(p, "The number of bytes to be sent must be positive");
		return PCAP_ERROR;
	}
	return pcap_inject(pt, buf, (size_t)size) == size ? 0 : PCAP_ERROR;
}

/* ---- information ---- */

PFPCAP_API int pcap_stats(pcap_t *pt, struct pcap_stat *ps)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_stats)(pt, ps);
	if (!p->activated)
		return pfpcap_not_activated(p, "pcap_stats");
	return p->ops->stats(p, ps);
}

PFPCAP_API int pcap_snapshot(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_snapshot)(pt);
	return p->activated ? p->snaplen : PCAP_ERROR_NOT_ACTIVATED;
}

PFPCAP_API int pcap_bufsize(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_bufsize)(pt);
	return p->activated ? (int)p->ops->bufsize(p) : PCAP_ERROR_NOT_ACTIVATED;
}

PFPCAP_API int pcap_is_swapped(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_is_swapped)(pt);
	return p->activated ? 0 : PCAP_ERROR_NOT_ACTIVATED;
}

/* A live capture reports the savefile version libpcap writes. */
PFPCAP_API int pcap_major_version(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_major_version)(pt);
	return p->activated ? PCAP_VERSION_MAJOR : PCAP_ERROR_NOT_ACTIVATED;
}

PFPCAP_API int pcap_minor_version(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p)
		return REAL(pcap_minor_version)(pt);
	return p->activated ? PCAP_VERSION_MINOR : PCAP_ERROR_NOT_ACTIVATED;
}

PFPCAP_API FILE *pcap_file(pcap_t *pt)
{
	return pfpcap_lookup(pt) ? NULL : REAL(pcap_file)(pt);
}

PFPCAP_API char *pcap_geterr(pcap_t *pt)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	return p ? p->errbuf : REAL(pcap_geterr)(pt);
}

PFPCAP_API void pcap_perror(pcap_t *pt, const char *prefix)
{
	struct pfpcap *p = pfpcap_lookup(pt);

	if (!p) {
		REAL(pcap_perror)(pt, prefix);
		return;
	}
	fprintf(stderr, "%s: %s\n", prefix, p->errbuf);
}

/* ---- dump files: written through the dead handle ---- */

static int pfpcap_dump_ready(struct pfpcap *p)
{
	if (p->activated)
		return 1;
	pfpcap_seterr(p, "not-yet-activated pcap_t passed to pcap_dump_open");
	return 0;
}

PFPCAP_API pcap_dumper_t *pcap_dump_open(pcap_t *pt, const char *fname)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	pcap_dumper_t *d;

	if (!p)
		return REAL(pcap_dump_open)(pt, fname);
	if (!pfpcap_dump_ready(p))
		return NULL;
	d = REAL(pcap_dump_open)(p->dead, fname);
	if (!d)
		pfpcap_take_dead_err(p);
	return d;
}

PFPCAP_API pcap_dumper_t *pcap_dump_open_append(pcap_t *pt, const char *fname)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	pcap_dumper_t *d;

	if (!p)
		return REAL(pcap_dump_open_append)(pt, fname);
	if (!pfpcap_dump_ready(p))
		return NULL;
	d = REAL(pcap_dump_open_append)(p->dead, fname);
	if (!d)
		pfpcap_take_dead_err(p);
	return d;
}

PFPCAP_API pcap_dumper_t *pcap_dump_fopen(pcap_t *pt, FILE *fp)
{
	struct pfpcap *p = pfpcap_lookup(pt);
	pcap_dumper_t *d;

	if (!p)
		return REAL(pcap_dump_fopen)(pt, fp);
	if (!pfpcap_dump_ready(p))
		return NULL;
	d = REAL(pcap_dump_fopen)(p->dead, fp);
	if (!d)
		pfpcap_take_dead_err(p);
	return d;
}
