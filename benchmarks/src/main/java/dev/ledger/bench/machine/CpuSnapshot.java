package dev.ledger.bench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time used so far by the machine and by each ledger part (and this harness), from /proc. */
public record CpuSnapshot(long nanos, long machineTotalTicks, long machineIdleTicks, Map<String, Long> ticksByPart) {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    public static CpuSnapshot take(Map<String, Long> roots) {
        long total = 0;
        long idle = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
        } catch (IOException | RuntimeException e) {
            total = 0;
        }
        Map<Long, Long> parents = LedgerProcesses.parents();
        Map<String, Long> ticks = new LinkedHashMap<>();
        roots.forEach((part, root) -> ticks.put(part, treeTicks(root, parents)));
        ticks.put("bench harness", treeTicks(ProcessHandle.current().pid(), Map.of()));
        return new CpuSnapshot(System.nanoTime(), total, idle, ticks);
    }

    private static long treeTicks(long root, Map<Long, Long> parents) {
        long ticks = 0;
        List<Long> tree = LedgerProcesses.tree(root, parents);
        for (long pid : tree) {
            String[] stat = LedgerProcesses.stat(pid);
            if (stat == null) {
                continue;
            }
            ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            if (pid == root) {
                // Children that already exited (e.g. closed PostgreSQL backends) are counted here.
                ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
            }
        }
        return ticks;
    }

    /** CPU use between this snapshot and a later one. */
    public CpuUsage until(CpuSnapshot later) {
        double seconds = (later.nanos - nanos) / 1e9;
        long total = later.machineTotalTicks - machineTotalTicks;
        long idleTicks = later.machineIdleTicks - machineIdleTicks;
        double busy = total <= 0 ? Double.NaN : 100.0 * (total - idleTicks) / total;
        Map<String, Double> parts = new LinkedHashMap<>();
        later.ticksByPart.forEach((part, ticks) -> {
            Long before = ticksByPart.get(part);
            if (before != null && seconds > 0) {
                parts.put(part, 100.0 * (ticks - before) / TICKS_PER_SECOND / seconds);
            }
        });
        return new CpuUsage(seconds, busy, parts);
    }

    /** Machine busy % (all cores) and each part's % of one core over an interval. */
    public record CpuUsage(double seconds, double machineBusyPercent, Map<String, Double> percentOfOneCoreByPart) {

        /** CPU seconds a part used over the interval; NaN when the part was not sampled. */
        public double cpuSeconds(String part) {
            Double percent = percentOfOneCoreByPart.get(part);
            return percent == null ? Double.NaN : percent / 100.0 * seconds;
        }

        /** CPU used by processes that are neither the ledger's parts nor this harness, in % of one core. */
        public double othersPercentOfOneCore() {
            double parts = percentOfOneCoreByPart.values().stream().mapToDouble(Double::doubleValue).sum();
            return machineBusyPercent * Runtime.getRuntime().availableProcessors() - parts;
        }

        /** A warning to put first in a bound's evidence when other work took a real share of the machine. */
        public String sharedMachineWarning() {
            double others = othersPercentOfOneCore();
            return others >= 50 ? String.format("The machine was shared: other processes used %.0f%% of a core during this phase, "
                    + "so the ledger got less CPU than it would alone and this figure understates it; rerun on an idle machine. ",
                    others) : "";
        }

        public String describe() {
            StringBuilder text = new StringBuilder(String.format("machine CPU %.0f%% busy (all %d cores)",
                    machineBusyPercent, Runtime.getRuntime().availableProcessors()));
            double others = othersPercentOfOneCore();
            percentOfOneCoreByPart.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> text.append(String.format("; %s %.0f%% of a core", e.getKey(), e.getValue())));
            if (!Double.isNaN(others) && others >= 5) {
                text.append(String.format("; other processes on the machine %.0f%% of a core", others));
            }
            return text.toString();
        }
    }
}
