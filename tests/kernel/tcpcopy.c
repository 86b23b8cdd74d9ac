// SPDX-License-Identifier: GPL-2.0
/*
 * tcpcopy: a TCP transfer through the stack, for the transparent-mode
 * tests.  "tcpcopy recv PORT FILE" accepts one connection and writes
 * what it receives to FILE; "tcpcopy send ADDR PORT FILE" sends FILE.
 * Exit status 0 when the whole stream went through.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int copy(int from, int to)
{
	char buf[16384];
	ssize_t n;

	while ((n = read(from, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(to, buf + off, (size_t)(n - off));

			if (w <= 0)
				return -1;
			off += w;
		}
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int s, c, fd, one = 1;

	if (argc == 4 && !strcmp(argv[1], "recv")) {
		sa.sin_port = htons((uint16_t)atoi(argv[2]));
		s = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) || listen(s, 1)) {
			perror("tcpcopy: bind/listen");
			return 1;
		}
		c = accept(s, NULL, NULL);
		fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (c < 0 || fd < 0 || copy(c, fd)) {
			perror("tcpcopy: recv");
			return 1;
		}
		return close(fd) ? 1 : 0;
	}
	if (argc == 5 && !strcmp(argv[1], "send")) {
		sa.sin_port = htons((uint16_t)atoi(argv[3]));
		if (inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1) {
			fprintf(stderr, "tcpcopy: bad address %s\n", argv[2]);
			return 2;
		}
		s = socket(AF_INET, SOCK_STREAM, 0);
		fd = open(argv[4], O_RDONLY);
		if (fd < 0 || connect(s, (struct sockaddr *)&sa, sizeof(sa)) ||
		    copy(fd, s) || shutdown(s, SHUT_WR)) {
			perror("tcpcopy: send");
			return 1;
		}
		/* Until the peer has read everything and closed. */
		while (read(s, &one, sizeof(one)) > 0)
			;
		return 0;
	}
	fprintf(stderr, "usage: tcpcopy recv PORT FILE | tcpcopy send ADDR PORT FILE\n");
	return 2;
}
