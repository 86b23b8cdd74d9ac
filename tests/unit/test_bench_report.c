// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/report.awk over made-up records: the medians, drops and
 * ratios make bench prints, the held readers' kernel-side ratio, the
 * one-CPU ceiling of the zero-loss targets and the chart's gaps.
 * Every rate divides 10^9, so each figure is exact; mode 2 is faster than
 * no consumer, as wall-clock noise makes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"

#define REPORT_AWK "../../tools/bench/report.awk"

/* Kernel ns/pkt against "none" at 500,000 pps (2000 ns): 400000 pps is
 * 500, 390625 is 560, 320000 is 1125, 312500 is 1200, 250000 is 2000. */
static const char raw[] =
	"# kernel x, 1 CPUs, clock icount (1 ns = 1 instruction), pktgen on CPU 0\n"
	"kind,rep,consumer,size,rate_req,sent,captured,backlog_drop,pps,usec,busy_all_ns,busy_cons_ns,ring_bytes,reported_drops\n"
	"netif,1,none,60,0,1000,0,0,500000,2000,2000000,2000000,,\n"
	"netif,1,pfring,60,0,1000,990,0,400000,2500,2500000,2500000,,\n"
	"netif,1,tpv3,60,0,1000,1000,0,312500,3200,3200000,3200000,,\n"
	"netif,1,pfring_hold,60,0,1000,1000,0,400000,2500,2500000,2500000,,\n"
	"netif,1,tpv3_hold,60,0,1000,1000,0,250000,4000,4000000,4000000,,\n"
	"netif,1,pfring_tm2,60,0,1000,1000,0,625000,1600,1600000,1600000,,\n"
	"zeroloss,1,none,60,0,,,,400000,,,,,\n"
	"zeroloss,1,pfring,60,0,,,,300000,,,,,\n"
	"zeroloss,1,tpv3,60,0,,,,200000,,,,,\n"
	"netif,1,none,1514,0,1000,0,0,500000,2000,2000000,2000000,,\n"
	"netif,1,pfring,1514,0,1000,1000,0,400000,2500,2500000,2500000,,\n"
	"netif,1,tpv3,1514,0,1000,1000,0,400000,2500,2500000,2500000,,\n"
	"netif,2,none,60,0,1000,0,0,500000,2000,2000000,2000000,,\n"
	"netif,2,pfring,60,0,1000,990,0,390625,2560,2560000,2560000,,\n"
	"netif,2,tpv3,60,0,1000,1000,0,320000,3125,3125000,3125000,,\n"
	"netif,2,pfring_hold,60,0,1000,1000,0,400000,2500,2500000,2500000,,\n"
	"netif,2,tpv3_hold,60,0,1000,1000,0,250000,4000,4000000,4000000,,\n"
	"netif,2,pfring_tm2,60,0,1000,1000,0,625000,1600,1600000,1600000,,\n"
	"zeroloss,2,none,60,0,,,,400000,,,,,\n"
	"zeroloss,2,pfring,60,0,,,,300000,,,,,\n"
	"zeroloss,2,tpv3,60,0,,,,200000,,,,,\n"
	"netif,3,none,60,0,1000,0,0,500000,2000,2000000,2000000,,\n"
	"netif,3,pfring,60,0,1000,980,0,320000,3125,3125000,3125000,,\n"
	"netif,3,tpv3,60,0,1000,1000,0,250000,4000,4000000,4000000,,\n"
	"netif,3,pfring_hold,60,0,1000,1000,0,400000,2500,2500000,2500000,,\n"
	"netif,3,tpv3_hold,60,0,1000,1000,0,250000,4000,4000000,4000000,,\n"
	"netif,3,pfring_tm2,60,0,1000,1000,0,625000,1600,1600000,1600000,,\n"
	"zeroloss,3,none,60,0,,,,400000,,,,,\n"
	"zeroloss,3,pfring,60,0,,,,300000,,,,,\n"
	"zeroloss,3,tpv3,60,0,,,,200000,,,,,\n";

static char dir[64];
static char *out, *csv, *dat;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	ck_assert_msg(f != NULL, "%s missing", path);
	buf = calloc(1, 65536);
	ck_assert_ptr_nonnull(buf);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Runs report.awk once over raw[]; the outputs are read per test. */
static void run_report(void)
{
	char path[256], cmd[1024];
	FILE *f;

	strcpy(dir, "/tmp/pfr-report-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/raw.csv", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(raw, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "awk -f %s -v csv=%s/results.csv -v dat=%s/chart.dat %s > %s/out.txt",
		 REPORT_AWK, dir, dir, path, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	out = slurp(path);
	snprintf(path, sizeof(path), "%s/results.csv", dir);
	csv = slurp(path);
	snprintf(path, sizeof(path), "%s/chart.dat", dir);
	dat = slurp(path);
}

static void cleanup(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)!system(cmd);
	free(out);
	free(csv);
	free(dat);
}

static void has(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "\"%s\" not in:\n%s",
		      want, text);
}

START_TEST(medians_and_drops)
{
	run_report();
	has(csv, "60,pfring,a_kernel_ns,560,500,1125,3\n");
	has(csv, "60,tpv3,a_kernel_ns,1200,1125,2000,3\n");
	has(csv, "60,pfring,a_ring_drop,10,10,20,3\n");
	has(csv, "60,pfring,b_zero_loss_pps,300000,300000,300000,3\n");
	cleanup();
}
END_TEST

START_TEST(ratios_and_targets)
{
	run_report();
	has(out, "pf_ring/af_packet_v3                 60B   0.467   (target <= 0.7: meets)\n");
	has(out, "pf_ring/af_packet_v3                 60B   1.500   (target >= 1.3: meets, at most 2.000 on one CPU)\n");
	has(out, "pf_ring held/af_packet_v3 held       60B   0.250   (target <= 0.7: meets)\n");
	has(out, "pf_ring/af_packet_v3               1514B   1.000   (target <= 0.7: 60-byte only)\n");
	has(out, "pf_ring held/af_packet_v3 held     1514B  n/a\n");
	has(out, "pf_ring mode 2/af_packet_v3          60B  -0.333   (target <= 0.7: not established, a cost <= 0)\n");
	cleanup();
}
END_TEST

START_TEST(chart_gaps)
{
	run_report();
	has(dat, "60 \"pf_ring\" 560 500 1125 300 300 300\n");
	has(dat, "60 \"pf_ring held\" 500 500 500 NaN NaN NaN\n");
	has(dat, "1514 \"pf_ring held\" NaN NaN NaN NaN NaN NaN\n");
	cleanup();
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("bench_report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, medians_and_drops);
	tcase_add_test(tc, ratios_and_targets);
	tcase_add_test(tc, chart_gaps);
	suite_add_tcase(s, tc);
	return s;
}
