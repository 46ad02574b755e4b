package dev.earshot.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process ({@code /proc/<pid>/stat} and {@code status}) and the machine
 * ({@code /proc/loadavg}): CPU time used so far, resident memory now and at its peak.
 *
 * @param cpuTicks user plus system CPU time, in clock ticks ({@link #TICKS_PER_SECOND})
 * @param rssKib resident memory now (VmRSS)
 * @param peakRssKib the most resident memory the process ever had (VmHWM)
 */
record ProcessUsage(long cpuTicks, long rssKib, long peakRssKib) {

    /** {@code getconf CLK_TCK}: 100 on every Linux this runs on (it is fixed by the kernel's user ABI). */
    static final int TICKS_PER_SECOND = 100;

    static ProcessUsage of(long pid) {
        try {
            long cpu = cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            return new ProcessUsage(cpu, rss, peak);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc of process " + pid + " (has it exited?)", e);
        }
    }

    /** User plus system CPU time in a {@code /proc/<pid>/stat} line, in clock ticks. */
    static long cpuTicks(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    }

    static ProcessUsage self() {
        return of(ProcessHandle.current().pid());
    }

    /** CPU seconds used between {@code before} and this reading. */
    double cpuSecondsSince(ProcessUsage before) {
        return (cpuTicks - before.cpuTicks) / (double) TICKS_PER_SECOND;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}
