// SPDX-License-Identifier: GPL-2.0
/* Reading and writing one small file; see files.h. */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void vpath(const char *root, char *buf, size_t len, const char *fmt,
		  va_list ap)
{
	size_t n = (size_t)snprintf(buf, len, "%s", root);

	if (n < len)
		vsnprintf(buf + n, len - n, fmt, ap);
}

const char *pfq_path(const char *root, char *buf, size_t len,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpath(root, buf, len, fmt, ap);
	va_end(ap);
	return buf;
}

static int read_path(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

int pfq_read(const char *root, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vpath(root, path, sizeof(path), fmt, ap);
	va_end(ap);
	return read_path(path, buf, len);
}

int pfq_read_long(const char *root, long *v, const char *fmt, ...)
{
	char path[PATH_MAX], text[64], *end;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vpath(root, path, sizeof(path), fmt, ap);
	va_end(ap);
	rc = read_path(path, text, sizeof(text));
	if (rc)
		return rc;
	errno = 0;
	*v = strtol(text, &end, 10);
	return errno || end == text || *end ? -EINVAL : 0;
}

int pfq_write(const char *root, const char *text, const char *fmt, ...)
{
	char path[PATH_MAX];
	size_t len = strlen(text);
	va_list ap;
	ssize_t n;
	int fd, err;

	va_start(ap, fmt);
	vpath(root, path, sizeof(path), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	err = n < 0 ? errno : EIO;
	if (close(fd) < 0 && n == (ssize_t)len)
		return -errno;
	return n == (ssize_t)len ? 0 : -err;
}
