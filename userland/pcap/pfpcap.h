/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpfring-pcap: the libpcap API over libpfring for live captures.
 *
 * pcap_t is opaque, so a live capture through PF_RING is a struct pfpcap
 * handed out as a pcap_t *.  Every exported function that takes a pcap_t
 * looks it up in the registry: ours goes to the backend's ops, anything
 * else (savefiles, pcap_open_dead(), captures the system libpcap makes)
 * to the system libpcap (real.h).
 */
#ifndef PFPCAP_H
#define PFPCAP_H

#include <pcap/pcap.h>

/* The exported API; everything else is hidden (and the map file agrees). */
#define PFPCAP_API __attribute__((visibility("default")))

/* What libpcap uses for "no snaplen" (tcpdump's default as well). */
#define PFPCAP_MAX_SNAPLEN 262144

struct pfpcap;

/* One backend, as libpcap's pcap-*.c modules: only PF_RING (live.c). */
struct pfpcap_ops {
	int (*activate)(struct pfpcap *p);
	/* libpcap's read_op: up to cnt packets (cnt <= 0: what is there) */
	int (*read)(struct pfpcap *p, int cnt, pcap_handler cb, u_char *user);
	int (*inject)(struct pfpcap *p, const void *buf, size_t len);
	int (*compile)(struct pfpcap *p, struct bpf_program *fp,
		       const char *str, int optimize, bpf_u_int32 netmask);
	int (*setfilter)(struct pfpcap *p, const struct bpf_program *fp);
	int (*setdirection)(struct pfpcap *p, pcap_direction_t d);
	/* The link types offered, the first the default; switching one. */
	int (*datalinks)(struct pfpcap *p, const int **dlts);
	int (*set_datalink)(struct pfpcap *p, int dlt);
	int (*stats)(struct pfpcap *p, struct pcap_stat *ps);
	int (*selectable_fd)(struct pfpcap *p);
	u_int (*bufsize)(struct pfpcap *p);
	void (*cleanup)(struct pfpcap *p);
};

/* Settings made between pcap_create() and pcap_activate(). */
struct pfpcap_opts {
	int snaplen;		/* 0: not set */
	int promisc;
	int timeout_ms;
	int buffer_size;	/* bytes, 0: not set */
	int immediate;
	int rfmon;
	int protocol;		/* pcap_set_protocol_linux(), 0: not set */
	u_int precision;	/* PCAP_TSTAMP_PRECISION_* */
};

struct pfpcap {
	const struct pfpcap_ops *ops;
	char *device;
	struct pfpcap_opts opt;
	int activated;
	int snaplen;		/* in effect once activated */
	int dlt;		/* link type handed out, once activated */
	int nonblock;
	/*
	 * A pcap_open_dead() handle of the system libpcap with our link type,
	 * snaplen and precision: pcap_compile() and the dump functions work
	 * on it, as they need nothing of a live capture.
	 */
	pcap_t *dead;
	int break_loop;		/* atomic: pcap_breakloop() */
	int wake_fd;		/* eventfd: wakes a read sleeping in poll() */
	struct pcap_pkthdr next_hdr;	/* pcap_next_ex()'s header */
	void *priv;		/* the backend's */
	char errbuf[PCAP_ERRBUF_SIZE];
};

/* registry.c: which pcap_t are ours.  Lock-free: breakloop runs in
 * signal handlers. */
int pfpcap_register(struct pfpcap *p);
void pfpcap_unregister(struct pfpcap *p);
struct pfpcap *pfpcap_lookup(const pcap_t *pt);

/* shim.c */
struct pfpcap *pfpcap_new(const char *device, const struct pfpcap_ops *ops,
			  char *errbuf);
void pfpcap_seterr(struct pfpcap *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Whether pcap_breakloop() asked a read to stop; clears the request. */
int pfpcap_take_break(struct pfpcap *p);
int pfpcap_break_pending(struct pfpcap *p);

/* backend.c: PF_RING usable at all (module loaded, not disabled)?
 * Prints the fallback warning, once per process, when it is not. */
int pfpcap_pfring_usable(void);

/* live.c */
pcap_t *pfpcap_live_create(const char *device, char *errbuf);

#endif /* PFPCAP_H */
