# The chart of `make bench`: gnuplot -e "dat='chart.dat'; out='chart.png'; sub='...'" chart.gp
# chart.dat (report.awk): one block per frame size, one row per consumer:
#   size "consumer" kernel_ns min max zero_loss_kpps min max
set terminal pngcairo size 1400,560 font ",10" noenhanced
set output out
# With one frame size (BENCH_SIZES) there is no second block to plot
# (the blank lines that end the first would count as a second block).
stats dat using 1 nooutput
two = STATS_max > STATS_min
set multiplot layout 1,2 title "PF_RING vs AF_PACKET vs libpcap (QEMU TCG guest)\n" . sub
set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -30 nomirror
set grid ytics
set key top right
set yrange [*:*]	# noise can make a cost negative: show it

set title "(a) netif_receive: kernel-side cost per packet vs no consumer\n(ns/pkt, lower is better; bars: median, whiskers: min..max)"
set ylabel "ns per packet"
if (two) {
	plot dat index 0 using 3:4:5:xtic(2) title "60 B", \
	     '' index 1 using 3:4:5 title "1514 B"
} else {
	plot dat index 0 using 3:4:5:xtic(2) title "60 B"
}

set title "(b) veth: highest offered rate captured without loss\n(kpps, higher is better; bars: median, whiskers: min..max)"
set ylabel "kpps"
set yrange [0:*]
if (two) {
	plot dat index 0 using 6:7:8:xtic(2) title "60 B", \
	     '' index 1 using 6:7:8 title "1514 B"
} else {
	plot dat index 0 using 6:7:8:xtic(2) title "60 B"
}
unset multiplot
