// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The libpcap functions that take no capture handle: savefiles, dead
 * handles, dump files, compiled programs, name tables, version strings.
 * Nothing here depends on PF_RING, so each goes to the system libpcap as
 * it is.  They are defined (rather than left to the system library) so
 * that the shim is the whole libpcap API for a program linked against it.
 */
#include "pfpcap.h"
#include "real.h"

PFPCAP_API int pcap_init(unsigned int opts, char *errbuf)
{
	return REAL(pcap_init)(opts, errbuf);
}

PFPCAP_API const char *pcap_lib_version(void)
{
	return REAL(pcap_lib_version)();
}

PFPCAP_API const char *pcap_statustostr(int status)
{
	return REAL(pcap_statustostr)(status);
}

PFPCAP_API const char *pcap_strerror(int err)
{
	return REAL(pcap_strerror)(err);
}

/* ---- handles that are never live ---- */

PFPCAP_API pcap_t *pcap_open_dead(int linktype, int snaplen)
{
	return REAL(pcap_open_dead)(linktype, snaplen);
}

PFPCAP_API pcap_t *pcap_open_dead_with_tstamp_precision(int linktype,
							 int snaplen,
							 u_int precision)
{
	return REAL(pcap_open_dead_with_tstamp_precision)(linktype, snaplen,
							  precision);
}

PFPCAP_API pcap_t *pcap_open_offline(const char *fname, char *errbuf)
{
	return REAL(pcap_open_offline)(fname, errbuf);
}

PFPCAP_API pcap_t *pcap_open_offline_with_tstamp_precision(const char *fname,
							    u_int precision,
							    char *errbuf)
{
	return REAL(pcap_open_offline_with_tstamp_precision)(fname, precision,
							     errbuf);
}

PFPCAP_API pcap_t *pcap_fopen_offline(FILE *fp, char *errbuf)
{
	return REAL(pcap_fopen_offline)(fp, errbuf);
}

PFPCAP_API pcap_t *pcap_fopen_offline_with_tstamp_precision(FILE *fp,
							     u_int precision,
							     char *errbuf)
{
	return REAL(pcap_fopen_offline_with_tstamp_precision)(fp, precision,
							      errbuf);
}

/* ---- dump files (a pcap_dumper_t never refers to our handle) ---- */

PFPCAP_API void pcap_dump(u_char *user, const struct pcap_pkthdr *h,
			  const u_char *sp)
{
	REAL(pcap_dump)(user, h, sp);
}

PFPCAP_API void pcap_dump_close(pcap_dumper_t *d)
{
	REAL(pcap_dump_close)(d);
}

PFPCAP_API FILE *pcap_dump_file(pcap_dumper_t *d)
{
	return REAL(pcap_dump_file)(d);
}

PFPCAP_API int pcap_dump_flush(pcap_dumper_t *d)
{
	return REAL(pcap_dump_flush)(d);
}

PFPCAP_API long pcap_dump_ftell(pcap_dumper_t *d)
{
	return REAL(pcap_dump_ftell)(d);
}

PFPCAP_API int64_t pcap_dump_ftell64(pcap_dumper_t *d)
{
	return REAL(pcap_dump_ftell64)(d);
}

/* ---- compiled programs ---- */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
PFPCAP_API int pcap_compile_nopcap(int snaplen, int linktype,
				   struct bpf_program *fp, const char *str,
				   int optimize, bpf_u_int32 netmask)
{
	return REAL(pcap_compile_nopcap)(snaplen, linktype, fp, str, optimize,
					 netmask);
}
#pragma GCC diagnostic pop

PFPCAP_API void pcap_freecode(struct bpf_program *fp)
{
	REAL(pcap_freecode)(fp);
}

PFPCAP_API int pcap_offline_filter(const struct bpf_program *fp,
				   const struct pcap_pkthdr *h,
				   const u_char *pkt)
{
	return REAL(pcap_offline_filter)(fp, h, pkt);
}

/* ---- lists handed out by either side: plain malloc() memory ---- */

PFPCAP_API void pcap_free_datalinks(int *dlts)
{
	REAL(pcap_free_datalinks)(dlts);
}

PFPCAP_API void pcap_free_tstamp_types(int *types)
{
	REAL(pcap_free_tstamp_types)(types);
}

/* Our queue entries are built the way libpcap builds its own (devs.c). */
PFPCAP_API void pcap_freealldevs(pcap_if_t *devs)
{
	REAL(pcap_freealldevs)(devs);
}

/* ---- names and values ---- */

PFPCAP_API int pcap_datalink_name_to_val(const char *name)
{
	return REAL(pcap_datalink_name_to_val)(name);
}

PFPCAP_API const char *pcap_datalink_val_to_name(int dlt)
{
	return REAL(pcap_datalink_val_to_name)(dlt);
}

PFPCAP_API const char *pcap_datalink_val_to_description(int dlt)
{
	return REAL(pcap_datalink_val_to_description)(dlt);
}

PFPCAP_API const char *pcap_datalink_val_to_description_or_dlt(int dlt)
{
	return REAL(pcap_datalink_val_to_description_or_dlt)(dlt);
}

PFPCAP_API int pcap_tstamp_type_name_to_val(const char *name)
{
	return REAL(pcap_tstamp_type_name_to_val)(name);
}

PFPCAP_API const char *pcap_tstamp_type_val_to_name(int type)
{
	return REAL(pcap_tstamp_type_val_to_name)(type);
}

PFPCAP_API const char *pcap_tstamp_type_val_to_description(int type)
{
	return REAL(pcap_tstamp_type_val_to_description)(type);
}

PFPCAP_API struct pcap_etherent *pcap_next_etherent(FILE *fp)
{
	return REAL(pcap_next_etherent)(fp);
}

PFPCAP_API u_char *pcap_ether_hostton(const char *name)
{
	return REAL(pcap_ether_hostton)(name);
}

PFPCAP_API u_char *pcap_ether_aton(const char *s)
{
	return REAL(pcap_ether_aton)(s);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
PFPCAP_API bpf_u_int32 **pcap_nametoaddr(const char *name)
{
	return REAL(pcap_nametoaddr)(name);
}
#pragma GCC diagnostic pop

PFPCAP_API struct addrinfo *pcap_nametoaddrinfo(const char *name)
{
	return REAL(pcap_nametoaddrinfo)(name);
}

PFPCAP_API bpf_u_int32 pcap_nametonetaddr(const char *name)
{
	return REAL(pcap_nametonetaddr)(name);
}

PFPCAP_API int pcap_nametoport(const char *name, int *port, int *proto)
{
	return REAL(pcap_nametoport)(name, port, proto);
}

PFPCAP_API int pcap_nametoportrange(const char *name, int *port1, int *port2,
				    int *proto)
{
	return REAL(pcap_nametoportrange)(name, port1, port2, proto);
}

PFPCAP_API int pcap_nametoproto(const char *name)
{
	return REAL(pcap_nametoproto)(name);
}

PFPCAP_API int pcap_nametoeproto(const char *name)
{
	return REAL(pcap_nametoeproto)(name);
}

PFPCAP_API int pcap_nametollc(const char *name)
{
	return REAL(pcap_nametollc)(name);
}
