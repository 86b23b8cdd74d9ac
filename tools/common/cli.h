/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line errors of the tools: one line naming the program and what
 * is wrong, then the usage text (or a pointer to -h), exit status 2.
 */
#ifndef PFR_TOOLS_CLI_H
#define PFR_TOOLS_CLI_H

#include <stdint.h>
#include <stdio.h>

/*
 * prog prefixes every message; usage, when not NULL, prints the usage
 * text after one, else "(PROG -h for help)" ends the line.
 */
void cli_setup(const char *prog, void (*usage)(FILE *f));

__attribute__((format(printf, 1, 2), noreturn))
void cli_bad_usage(const char *fmt, ...);

/*
 * The whole decimal number arg in [min, max] ("12x", "", "-1" and
 * out-of-range values are cli_bad_usage() errors naming opt).
 */
uint64_t cli_parse_num(const char *arg, const char *opt, uint64_t min,
		       uint64_t max);

#endif
