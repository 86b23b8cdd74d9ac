/* SPDX-License-Identifier: GPL-2.0 */
/* Printing a device's queue layout. */
#ifndef PFQ_SHOW_H
#define PFQ_SHOW_H

#include <stdio.h>

#include "dev.h"

void pfq_show(const struct pfq_dev *d, FILE *out);

#endif
