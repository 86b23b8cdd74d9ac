/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small /proc and /sys files pfqueues reads and writes.  Paths are
 * taken below a root directory: "" for the machine's own files, another
 * one for tests.
 */
#ifndef PFQ_FILES_H
#define PFQ_FILES_H

#include <stddef.h>

/* The file's text without its trailing newline; 0 or -errno. */
__attribute__((format(printf, 4, 5)))
int pfq_read(const char *root, char *buf, size_t len, const char *fmt, ...);
/* A number read the same way; 0 or -errno (-EINVAL: not a number). */
__attribute__((format(printf, 3, 4)))
int pfq_read_long(const char *root, long *v, const char *fmt, ...);
/* Writes text in one write(), as sysfs and /proc want it; 0 or -errno. */
__attribute__((format(printf, 3, 4)))
int pfq_write(const char *root, const char *text, const char *fmt, ...);
/* The path a format names, for messages. */
__attribute__((format(printf, 4, 5)))
const char *pfq_path(const char *root, char *buf, size_t len,
		     const char *fmt, ...);

#endif
