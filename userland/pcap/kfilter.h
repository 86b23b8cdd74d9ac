/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The module's classic BPF filter (kfilter.c); 0 or an errno value. */
#ifndef PFPCAP_KFILTER_H
#define PFPCAP_KFILTER_H

int pfpcap_kfilter_attach(int fd, const void *insns, unsigned int len);
int pfpcap_kfilter_detach(int fd);

#endif /* PFPCAP_KFILTER_H */
