// SPDX-License-Identifier: GPL-2.0
/* Receive queue interrupts by name; see irqs.h. */
#include "irqs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_sep(char c)
{
	return c == '-' || c == '_' || c == '.' || c == ':';
}

/* Where dev appears in name as a whole word, or NULL. */
static const char *find_word(const char *name, const char *dev)
{
	size_t n = strlen(dev);
	const char *p;

	if (!n)
		return NULL;
	for (p = strstr(name, dev); p; p = strstr(p + 1, dev))
		if ((p == name || is_sep(p[-1])) && (!p[n] || is_sep(p[n])))
			return p;
	return NULL;
}

static int has_word_ci(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (!strncasecmp(s, word, n))
			return 1;
	return 0;
}

int pfq_irq_queue(const char *name, const char *dev, const char *alias)
{
	const char *p = find_word(name, dev), *rest, *digits;

	if (!p && alias) {
		p = find_word(name, alias);
		dev = alias;
	}
	if (!p || !p[strlen(dev)])
		return -1;	/* not this device's, or its one link interrupt */
	rest = p + strlen(dev) + 1;
	/* Transmit-only: "tx" or virtio's "output" without "rx"/"input". */
	if ((has_word_ci(rest, "tx") || has_word_ci(rest, "output")) &&
	    !has_word_ci(rest, "rx") && !has_word_ci(rest, "input"))
		return -1;
	digits = rest + strlen(rest);
	while (digits > rest && isdigit((unsigned char)digits[-1]))
		digits--;
	if (!*digits || strlen(digits) > 5)
		return -1;	/* no queue number: "lsc", "config", "misc" */
	return atoi(digits);
}

void pfq_irqs_scan(const char *interrupts, const char *dev, const char *alias,
		   void (*found)(int irq, int queue, const char *name,
				 void *arg),
		   void *arg)
{
	const char *line = interrupts, *end, *p, *w;
	char word[128];
	size_t n;
	long irq;
	int q;

	for (; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		for (p = line; p < end && isspace((unsigned char)*p); p++)
			;
		if (p == end || !isdigit((unsigned char)*p))
			continue;	/* the CPU header, NMI:, LOC: ... */
		irq = strtol(p, (char **)&p, 10);
		if (*p != ':')
			continue;
		/* The names come last, after counts and the chip's fields;
		 * shared interrupts list several, separated by ", ".
		 */
		while (p < end) {
			while (p < end && (isspace((unsigned char)*p) || *p == ','))
				p++;
			for (w = p; p < end && !isspace((unsigned char)*p) &&
				    *p != ','; p++)
				;
			n = (size_t)(p - w);
			if (!n || n >= sizeof(word))
				continue;
			memcpy(word, w, n);
			word[n] = '\0';
			q = pfq_irq_queue(word, dev, alias);
			if (q >= 0)
				found((int)irq, q, word, arg);
		}
	}
}
