/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PFR_PROC_H
#define _PFR_PROC_H

struct net;
struct pfr_sock;

int pfr_proc_init(void);
void pfr_proc_exit(void);
struct proc_dir_entry *pfr_proc_dev_dir(struct net *net);
void pfr_proc_sock_add(struct pfr_sock *ps);
void pfr_proc_sock_del(struct pfr_sock *ps);
void pfr_proc_count_ring(struct net *net, int delta);

#endif /* _PFR_PROC_H */
