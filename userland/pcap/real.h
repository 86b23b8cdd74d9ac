/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The system libpcap, reached through dlopen() and dlsym() on its own
 * handle.  Under LD_PRELOAD the shim's pcap_* definitions win for every
 * caller, libpcap's own internal calls included (they go through its PLT),
 * so a plain call to pcap_foo() from here would come straight back to us;
 * dlsym() on the library's handle returns libpcap's own definition.
 */
#ifndef PFPCAP_REAL_H
#define PFPCAP_REAL_H

#include <pcap/pcap.h>
#include <pcap/namedb.h>

/* Every function of libpcap 1.10's API; the shim defines each of them. */
#define PFPCAP_REAL_SYMS(X)						\
	X(pcap_activate) X(pcap_breakloop) X(pcap_bufsize)		\
	X(pcap_can_set_rfmon) X(pcap_close) X(pcap_compile)		\
	X(pcap_compile_nopcap) X(pcap_create) X(pcap_datalink)		\
	X(pcap_datalink_ext) X(pcap_datalink_name_to_val)		\
	X(pcap_datalink_val_to_description)				\
	X(pcap_datalink_val_to_description_or_dlt)			\
	X(pcap_datalink_val_to_name) X(pcap_dispatch) X(pcap_dump)	\
	X(pcap_dump_close) X(pcap_dump_file) X(pcap_dump_flush)	\
	X(pcap_dump_fopen) X(pcap_dump_ftell) X(pcap_dump_ftell64)	\
	X(pcap_dump_open) X(pcap_dump_open_append) X(pcap_ether_aton)	\
	X(pcap_ether_hostton) X(pcap_file) X(pcap_fileno)		\
	X(pcap_findalldevs) X(pcap_fopen_offline)			\
	X(pcap_fopen_offline_with_tstamp_precision)			\
	X(pcap_free_datalinks) X(pcap_free_tstamp_types)		\
	X(pcap_freealldevs) X(pcap_freecode)				\
	X(pcap_get_required_select_timeout) X(pcap_get_selectable_fd)	\
	X(pcap_get_tstamp_precision) X(pcap_geterr) X(pcap_getnonblock)	\
	X(pcap_init) X(pcap_inject) X(pcap_is_swapped)			\
	X(pcap_lib_version) X(pcap_list_datalinks)			\
	X(pcap_list_tstamp_types) X(pcap_lookupdev) X(pcap_lookupnet)	\
	X(pcap_loop) X(pcap_major_version) X(pcap_minor_version)	\
	X(pcap_nametoaddr) X(pcap_nametoaddrinfo) X(pcap_nametoeproto)	\
	X(pcap_nametollc) X(pcap_nametonetaddr) X(pcap_nametoport)	\
	X(pcap_nametoportrange) X(pcap_nametoproto) X(pcap_next)	\
	X(pcap_next_etherent) X(pcap_next_ex) X(pcap_offline_filter)	\
	X(pcap_open_dead) X(pcap_open_dead_with_tstamp_precision)	\
	X(pcap_open_live) X(pcap_open_offline)				\
	X(pcap_open_offline_with_tstamp_precision) X(pcap_perror)	\
	X(pcap_sendpacket) X(pcap_set_buffer_size) X(pcap_set_datalink)	\
	X(pcap_set_immediate_mode) X(pcap_set_promisc)			\
	X(pcap_set_protocol_linux) X(pcap_set_rfmon) X(pcap_set_snaplen) \
	X(pcap_set_timeout) X(pcap_set_tstamp_precision)		\
	X(pcap_set_tstamp_type) X(pcap_setdirection) X(pcap_setfilter)	\
	X(pcap_setnonblock) X(pcap_snapshot) X(pcap_stats)		\
	X(pcap_statustostr) X(pcap_strerror)				\
	X(pcap_tstamp_type_name_to_val)					\
	X(pcap_tstamp_type_val_to_description)				\
	X(pcap_tstamp_type_val_to_name)

/* Not part of the pcap_* API, but libpfring calls it (bpf_filter.c). */
#define PFPCAP_REAL_EXTRA_SYMS(X) X(bpf_filter)

enum pfpcap_sym {
#define PFPCAP_SYM_ENUM(name) PFPCAP_SYM_##name,
	PFPCAP_REAL_SYMS(PFPCAP_SYM_ENUM)
	PFPCAP_REAL_EXTRA_SYMS(PFPCAP_SYM_ENUM)
#undef PFPCAP_SYM_ENUM
	PFPCAP_SYM_COUNT
};

/*
 * The system libpcap's definition of a function, loaded on first use.
 * A library that cannot be loaded, or lacks the function, is fatal: the
 * process would otherwise misbehave in ways far harder to diagnose.
 */
void *pfpcap_real_sym_load(enum pfpcap_sym sym);

extern void *pfpcap_syms[PFPCAP_SYM_COUNT];	/* atomic entries */

/*
 * Inline: pcap_dump() and the filters forward a call per packet, which
 * pthread_once() would cost a library call each.
 */
static inline void *pfpcap_real_sym(enum pfpcap_sym sym)
{
	/* Pairs with the loader's release: the library is set up. */
	void *f = __atomic_load_n(&pfpcap_syms[sym], __ATOMIC_ACQUIRE);

	return __builtin_expect(f != NULL, 1) ? f : pfpcap_real_sym_load(sym);
}

#define REAL(name) ((__typeof__(&name))pfpcap_real_sym(PFPCAP_SYM_##name))

#endif /* PFPCAP_REAL_H */
