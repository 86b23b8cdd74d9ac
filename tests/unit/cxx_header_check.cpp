// C++ programs include pfring.h too: this must compile (it is not run).
#include <pfring.h>

int pfr_cxx_header_check(pfring *ring)
{
	struct pfring_pkthdr h = {};
	u_char *p = nullptr;

	return pfring_recv(ring, &p, 0, &h, 1);
}
