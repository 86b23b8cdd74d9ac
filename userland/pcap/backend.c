// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which library captures on a device: PF_RING for Ethernet devices (and
 * "any" and "dev@queue") while the module is loaded, the system libpcap
 * for everything else: its pseudo-devices (nflog, usbmon, dbus, ...) and
 * devices with another link type, whose frames PF_RING would hand out
 * as if they were Ethernet.
 */
#include "pfpcap.h"
#include "real.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define PFPCAP_PROC_DIR "/proc/net/pf_ring"

static int pfpcap_warned;

/* One line per process, however many captures fall back. */
static void pfpcap_warn_fallback(const char *why)
{
	if (__atomic_exchange_n(&pfpcap_warned, 1, __ATOMIC_RELAXED))
		return;
	fprintf(stderr, "pfring-pcap: %s: capturing with the system libpcap\n",
		why);
}

int pfpcap_pfring_usable(void)
{
	if (getenv("PCAP_NO_PF_RING")) {
		pfpcap_warn_fallback("PCAP_NO_PF_RING is set");
		return 0;
	}
	if (access(PFPCAP_PROC_DIR, F_OK)) {
		pfpcap_warn_fallback("PF_RING is not loaded (no " PFPCAP_PROC_DIR ")");
		return 0;
	}
	return 1;
}

/* ARPHRD_* of a device of this network namespace, -1 if unknown. */
static int pfpcap_link_type(const char *ifname)
{
	struct ifreq ifr;
	int fd, type = -1;

	if (strlen(ifname) >= sizeof(ifr.ifr_name))
		return -1;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == 0)
		type = ifr.ifr_hwaddr.sa_family;
	close(fd);
	return type;
}

static int pfpcap_wants_device(const char *dev)
{
	int type;

	/* Queues are PF_RING's alone; the system libpcap knows no "eth0@1". */
	if (strchr(dev, '@') || !strcmp(dev, "any"))
		return 1;
	/* Unknown names: libpcap's pseudo-devices, or its "no such device". */
	if (if_nametoindex(dev) == 0)
		return 0;
	type = pfpcap_link_type(dev);
	return type == ARPHRD_ETHER || type == ARPHRD_LOOPBACK;
}

/* A live capture through PF_RING, or the system libpcap's handle. */
static int pfpcap_use_pfring(const char *dev)
{
	return pfpcap_wants_device(dev) && pfpcap_pfring_usable();
}

PFPCAP_API pcap_t *pcap_create(const char *device, char *errbuf)
{
	/* libpcap treats a NULL device as "any". */
	if (!pfpcap_use_pfring(device ? device : "any"))
		return REAL(pcap_create)(device, errbuf);
	return pfpcap_live_create(device ? device : "any", errbuf);
}

/* libpcap's pcap_open_live(): create, three settings, activate. */
PFPCAP_API pcap_t *pcap_open_live(const char *device, int snaplen, int promisc,
				  int to_ms, char *errbuf)
{
	pcap_t *p;
	int status;

	if (!pfpcap_use_pfring(device ? device : "any"))
		return REAL(pcap_open_live)(device, snaplen, promisc, to_ms,
					    errbuf);
	p = pcap_create(device, errbuf);
	if (!p)
		return NULL;
	status = pcap_set_snaplen(p, snaplen);
	if (status >= 0)
		status = pcap_set_promisc(p, promisc);
	if (status >= 0)
		status = pcap_set_timeout(p, to_ms);
	if (status >= 0)
		status = pcap_activate(p);
	if (status >= 0)
		return p;	/* warnings are not failures here */
	if (status == PCAP_ERROR)
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: %.*s", device,
			 PCAP_ERRBUF_SIZE - 3, pcap_geterr(p));
	else if (status == PCAP_ERROR_NO_SUCH_DEVICE ||
		 status == PCAP_ERROR_PERM_DENIED)
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: %s (%.*s)", device,
			 pcap_statustostr(status), PCAP_ERRBUF_SIZE - 6,
			 pcap_geterr(p));
	else
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: %s", device,
			 pcap_statustostr(status));
	pcap_close(p);
	return NULL;
}

/* The addresses of "eth0@2" are those of eth0. */
PFPCAP_API int pcap_lookupnet(const char *device, bpf_u_int32 *net,
			      bpf_u_int32 *mask, char *errbuf)
{
	char base[IF_NAMESIZE];
	const char *at = device ? strchr(device, '@') : NULL;

	if (at && (size_t)(at - device) < sizeof(base)) {
		memcpy(base, device, (size_t)(at - device));
		base[at - device] = '\0';
		return REAL(pcap_lookupnet)(base, net, mask, errbuf);
	}
	return REAL(pcap_lookupnet)(device, net, mask, errbuf);
}

/* libpcap's version asks pcap_findalldevs(), which is ours (devs.c). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
PFPCAP_API char *pcap_lookupdev(char *errbuf)
{
	return REAL(pcap_lookupdev)(errbuf);
}
#pragma GCC diagnostic pop
