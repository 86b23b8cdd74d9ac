// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading the system libpcap; see real.h for why it is done this way. */
#include "real.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Debian's soname first, then the upstream one other systems use. */
static const char *const pfpcap_real_libs[] = {
	"libpcap.so.0.8", "libpcap.so.1",
};

static const char *const pfpcap_sym_names[PFPCAP_SYM_COUNT] = {
#define PFPCAP_SYM_NAME(name) #name,
	PFPCAP_REAL_SYMS(PFPCAP_SYM_NAME)
	PFPCAP_REAL_EXTRA_SYMS(PFPCAP_SYM_NAME)
#undef PFPCAP_SYM_NAME
};

void *pfpcap_syms[PFPCAP_SYM_COUNT];
static pthread_once_t pfpcap_real_once = PTHREAD_ONCE_INIT;

static void pfpcap_real_load(void)
{
	void *lib = NULL;
	size_t i;

	/*
	 * RTLD_LOCAL: the library's symbols must not join the global scope
	 * ahead of ours.  When the program links libpcap already this
	 * returns that copy, which is the one we want to forward to.
	 */
	for (i = 0; !lib && i < sizeof(pfpcap_real_libs) / sizeof(*pfpcap_real_libs); i++)
		lib = dlopen(pfpcap_real_libs[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "pfring-pcap: cannot load the system libpcap: %s\n",
			dlerror());
		abort();
	}
	/* Each after dlopen(): pairs with pfpcap_real_sym()'s acquire. */
	for (i = 0; i < PFPCAP_SYM_COUNT; i++)
		__atomic_store_n(&pfpcap_syms[i],
				 dlsym(lib, pfpcap_sym_names[i]), __ATOMIC_RELEASE);
}

void *pfpcap_real_sym_load(enum pfpcap_sym sym)
{
	pthread_once(&pfpcap_real_once, pfpcap_real_load);
	if (!pfpcap_syms[sym]) {
		fprintf(stderr, "pfring-pcap: the system libpcap has no %s\n",
			pfpcap_sym_names[sym]);
		abort();
	}
	return pfpcap_syms[sym];
}
