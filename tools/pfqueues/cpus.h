/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU sets in the two text forms the kernel uses for them: lists
 * ("0,2-3", smp_affinity_list, --cpus) and hexadecimal masks in 32-bit
 * groups ("00000000,0000000d", rps_cpus).
 */
#ifndef PFQ_CPUS_H
#define PFQ_CPUS_H

#include <stddef.h>
#include <stdint.h>

#define PFQ_MAX_CPUS	4096	/* CONFIG_NR_CPUS of distribution kernels */

struct pfq_cpus {
	uint64_t bits[PFQ_MAX_CPUS / 64];
};

void pfq_cpus_clear(struct pfq_cpus *s);
void pfq_cpus_add(struct pfq_cpus *s, unsigned int cpu);
int pfq_cpus_has(const struct pfq_cpus *s, unsigned int cpu);
int pfq_cpus_empty(const struct pfq_cpus *s);
int pfq_cpus_equal(const struct pfq_cpus *a, const struct pfq_cpus *b);

/*
 * A list, in the order written ("3,1" is CPU 3 then CPU 1), into cpus[]
 * (at most max entries; *n set).  Returns 0, -EINVAL when malformed or a
 * CPU repeats, -ERANGE above PFQ_MAX_CPUS - 1 or past max entries.
 */
int pfq_cpus_parse_list_ordered(const char *text, unsigned int *cpus,
				unsigned int max, unsigned int *n);
/* The same into a set; a trailing newline is accepted, "" is empty. */
int pfq_cpus_parse_list(const char *text, struct pfq_cpus *s);
/* "00000000,00000003" or "3"; a trailing newline is accepted. */
int pfq_cpus_parse_mask(const char *text, struct pfq_cpus *s);

/* "0,2-3"; "" for the empty set.  Returns the length it needed. */
size_t pfq_cpus_format_list(const struct pfq_cpus *s, char *buf, size_t len);
/* "d" or "1,00000000": the shortest mask, groups of 32 bits. */
size_t pfq_cpus_format_mask(const struct pfq_cpus *s, char *buf, size_t len);

#endif
