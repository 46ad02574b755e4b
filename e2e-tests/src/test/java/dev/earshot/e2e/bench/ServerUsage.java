package dev.earshot.e2e.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU used by the servers the pipeline runs on (every process of a command name: PostgreSQL's backends,
 * RabbitMQ's Erlang VM, Redis) and by the whole machine ({@code /proc/stat}), so that a phase shows where the
 * cores went besides the three services. A process that exits during the phase (a short-lived backend) is not
 * counted; one that starts during it is counted from its start.
 *
 * @param ticksByPid user plus system CPU time of each process of the command, in clock ticks
 */
record ServerUsage(String command, Map<Long, Long> ticksByPid) {

    static ServerUsage of(String command) {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.equals(command)) {
                        ticks.put(Long.parseLong(process.getFileName().toString()), ProcessUsage.cpuTicks(stat));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while listed
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return new ServerUsage(command, Map.copyOf(ticks));
    }

    /** CPU seconds the command's processes used between {@code before} and this reading. */
    double cpuSecondsSince(ServerUsage before) {
        long ticks = 0;
        for (Map.Entry<Long, Long> process : ticksByPid.entrySet()) {
            ticks += process.getValue() - before.ticksByPid.getOrDefault(process.getKey(), 0L);
        }
        return Math.max(0, ticks) / (double) ProcessUsage.TICKS_PER_SECOND;
    }

    /** Busy CPU seconds of the whole machine so far (all cores: everything but idle and I/O wait). */
    static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / (double) ProcessUsage.TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
