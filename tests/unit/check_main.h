/* SPDX-License-Identifier: GPL-2.0 */
/* Each test program defines its suite; check_main.c runs it. */
#ifndef PFR_CHECK_MAIN_H
#define PFR_CHECK_MAIN_H

#include <check.h>

Suite *test_suite(void);

#endif
